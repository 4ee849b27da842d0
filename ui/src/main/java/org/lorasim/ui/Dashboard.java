package org.lorasim.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.run.RunListener;
import org.lorasim.ui.control.Controls;
import org.lorasim.ui.protocol.Messages;
import org.lorasim.ui.replay.RunFolderReplay;
import org.lorasim.ui.server.DashboardServer;
import org.lorasim.ui.server.EventFeed;

/**
 * One dashboard: the server, the feed of protocol messages and, for a live run, the listener to hand the
 * simulation and the controls. Bound to a loopback address, controls need no token; bound anywhere else, a
 * random token is made, printed by the caller, and every control message must carry it.
 */
public final class Dashboard implements AutoCloseable {

    private final DashboardServer server;
    private final DashboardListener listener;
    private final Controls controls;
    private final String token;
    private final String host;

    private Dashboard(DashboardServer server, DashboardListener listener, Controls controls, String token, String host) {
        this.server = server;
        this.listener = listener;
        this.controls = controls;
        this.token = token;
        this.host = host;
    }

    /**
     * A dashboard for a run about to start: give {@link #listener()} and {@link #attach()} to the simulation.
     * {@code lesson} may be null; {@code startPaused} holds simulated time at 0 until the page resumes it.
     */
    public static Dashboard live(String host, int port, String title, ObjectNode lesson, double speed,
                                 boolean startPaused, Controls.ActionLog log) {
        String token = DashboardServer.loopback(host) ? null : HexFormat.of().formatHex(randomBytes());
        EventFeed feed = new EventFeed();
        DashboardListener listener = new DashboardListener(feed);
        listener.publish(Messages.hello("live", title, token != null, lesson));
        Controls controls = new Controls(listener, log, token, speed, startPaused);
        DashboardServer server = new DashboardServer(host, port, feed, controls::handle, Lessons.json());
        return new Dashboard(server, listener, controls, token, host);
    }

    /** A dashboard over the finished run folder {@code dir}, with a time slider and no controls. */
    public static Dashboard replay(String host, int port, Path dir) {
        EventFeed feed = new EventFeed();
        DashboardListener listener = new DashboardListener(feed);
        Path name = dir.toAbsolutePath().normalize().getFileName();
        listener.publish(Messages.hello("replay", name == null ? dir.toString() : name.toString(), false, null));
        RunFolderReplay.play(dir, listener);
        DashboardServer server = new DashboardServer(host, port, feed, null, Lessons.json());
        return new Dashboard(server, listener, null, null, host);
    }

    public RunListener listener() {
        return listener;
    }

    /** The dashboard's own listener, for its client states. */
    public DashboardListener dashboardListener() {
        return listener;
    }

    public LiveRun.Attach attach() {
        return controls.attach();
    }

    /** The token control messages need, or null on loopback. */
    public String token() {
        return token;
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.close();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
