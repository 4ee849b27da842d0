package org.lorasim.cluster.launch;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import java.util.List;
import java.util.Optional;
import org.lorasim.cluster.http.ClusterStatusServer;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SlotDevice;
import org.lorasim.cluster.sim.SimulationServices;

/**
 * One node for its whole life: checks its trainer devices, starts and joins ({@link ClusterNode#start}), serves
 * the JSON status on a coordinator node, prints one line {@value #UP_PREFIX}ADDRESS roles=[...] (http=URL)
 * max-heap=NMiB (the JVM's heap limit, so a user sees what {@code -Xmx} or the default gave it), and
 * waits until the actor system ends. SIGTERM ends it gracefully: Pekko's coordinated shutdown, run by its JVM
 * shutdown hook, leaves the cluster first, and its last step prints {@value #STOPPED_PREFIX}ADDRESS (REASON)
 * (the JVM then exits with 143, as after any SIGTERM). Being downed by the split brain resolver ends it too.
 */
public final class NodeRunner {

    /** The start of the line a node prints once it is Up; {@link LocalNodes} waits for it. */
    public static final String UP_PREFIX = "lorasim node up: ";

    /** The start of the line a node prints as the last step of its shutdown: "ADDRESS (REASON)". */
    public static final String STOPPED_PREFIX = "lorasim node stopped: ";

    private NodeRunner() {
    }

    /** Runs the node until it stops; returns normally once its actor system has ended. */
    public static void run(NodeSettings settings, Config base, PrintWriter out) throws InterruptedException {
        checkDevices(settings);
        ClusterNode node = ClusterNode.start(settings, base);
        Optional<ClusterStatusServer> status = Optional.empty();
        try {
            SimulationServices.start(node.system());
            if (settings.has(NodeRole.COORDINATOR) && settings.httpEnabled()) {
                status = Optional.of(ClusterStatusServer.start(node, settings.httpHost(), settings.httpPort()));
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        String address = node.address();
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(node.system());
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "lorasim-node-stopped", () -> {
            out.println(STOPPED_PREFIX + address + " (" + shutdown.getShutdownReason()
                    .map(r -> r.getClass().getSimpleName().replace("$", "")).orElse("unknown") + ")");
            out.flush();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        out.println(upLine(node, status));
        out.flush();
        try {
            node.whenTerminated().toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static String upLine(ClusterNode node, Optional<ClusterStatusServer> status) {
        List<String> roles = node.settings().roles().stream().map(NodeRole::roleName).toList();
        return UP_PREFIX + node.address() + " roles=" + roles
                + status.map(s -> " http=" + s.url()).orElse("")
                + " max-heap=" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "MiB";
    }

    /**
     * A GPU slot on a machine without that GPU is refused before the node joins. PyTorch is asked only when a
     * slot names a GPU, so a CPU-only node never loads the natives for this.
     */
    static void checkDevices(NodeSettings settings) {
        if (!settings.has(NodeRole.TRAINER) || settings.trainerDevices().stream().noneMatch(SlotDevice::isGpu)) {
            return;
        }
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
        for (SlotDevice device : settings.trainerDevices()) {
            try {
                device.requireAvailable(gpus);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(NodeSettings.key("trainer.devices") + ": " + e.getMessage());
            }
        }
    }
}
