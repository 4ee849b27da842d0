package org.lorasim.ui;

import com.fasterxml.jackson.databind.JsonNode;
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
 * One dashboard: the server, the feed of protocol messages and, for live runs, the listener to hand the current
 * simulation and its controls. A live dashboard shows one run after another: {@link #next} starts the feed
 * afresh for the next run (a lesson started from the page, {@link #lessons()}), and every page draws it from its
 * {@code hello} on. Bound to a loopback address, controls need no token; bound anywhere else, a random token is
 * made, printed by the caller, and every control message must carry it.
 */
public final class Dashboard implements AutoCloseable {

    /** The listener and controls of the run being shown. */
    private record Session(DashboardListener listener, Controls controls) {
    }

    private final DashboardServer server;
    private final EventFeed feed;
    private final String token;
    private final String host;
    private final LessonRequests lessons = new LessonRequests();
    private volatile String where;
    private volatile Session session;

    private Dashboard(String host, int port, EventFeed feed, boolean live, String token) {
        this.feed = feed;
        this.token = token;
        this.host = host;
        this.server = new DashboardServer(host, port, feed, live ? this::control : null, Lessons.json());
    }

    /**
     * A dashboard for a run about to start: give {@link #listener()} and {@link #attach()} to the simulation.
     * {@code lesson} may be null; {@code startPaused} holds simulated time at 0 until the page resumes it.
     */
    public static Dashboard live(String host, int port, String title, ObjectNode lesson, double speed,
                                 boolean startPaused, Controls.ActionLog log) {
        return live(host, port, title, lesson, speed, startPaused, log, null);
    }

    /**
     * As {@link #live(String, int, String, ObjectNode, double, boolean, Controls.ActionLog)} for runs that execute
     * {@code where} the page says (a cluster: {@code hello}'s {@code where}); give {@link #controls()} the run's
     * {@link org.lorasim.ui.control.RunHandle} once it is built there.
     */
    public static Dashboard live(String host, int port, String title, ObjectNode lesson, double speed,
                                 boolean startPaused, Controls.ActionLog log, String where) {
        String token = DashboardServer.loopback(host) ? null : HexFormat.of().formatHex(randomBytes());
        EventFeed feed = new EventFeed();
        Dashboard dashboard = new Dashboard(host, port, feed, true, token);
        dashboard.where = where;
        dashboard.next(title, lesson, speed, startPaused, log);
        return dashboard;
    }

    /**
     * Shows the next run from now on: the feed starts afresh with its {@code hello}, and {@link #listener()},
     * {@link #attach()} and the controls are the new run's.
     */
    public synchronized void next(String title, ObjectNode lesson, double speed, boolean startPaused,
                                  Controls.ActionLog log) {
        feed.restart();
        DashboardListener listener = new DashboardListener(feed);
        listener.publish(Messages.hello("live", title, token != null, lesson, where));
        session = new Session(listener, new Controls(listener, log, token, speed, startPaused, lessons));
    }

    /** A dashboard over the finished run folder {@code dir}, with a time slider and no controls. */
    public static Dashboard replay(String host, int port, Path dir) {
        EventFeed feed = new EventFeed();
        DashboardListener listener = new DashboardListener(feed);
        Path name = dir.toAbsolutePath().normalize().getFileName();
        listener.publish(Messages.hello("replay", name == null ? dir.toString() : name.toString(), false, null));
        RunFolderReplay.play(dir, listener);
        Dashboard dashboard = new Dashboard(host, port, feed, false, null);
        dashboard.session = new Session(listener, null);
        return dashboard;
    }

    private String control(JsonNode message) {
        return session.controls().handle(message);
    }

    public RunListener listener() {
        return session.listener();
    }

    /** The dashboard's own listener of the current run, for its client states. */
    public DashboardListener dashboardListener() {
        return session.listener();
    }

    public LiveRun.Attach attach() {
        return session.controls().attach();
    }

    /** The controls of the current run (for a run elsewhere: {@link Controls#attach(org.lorasim.ui.control.RunHandle)}). */
    public Controls controls() {
        return session.controls();
    }

    /** The lessons the page asked to start. */
    public LessonRequests lessons() {
        return lessons;
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
