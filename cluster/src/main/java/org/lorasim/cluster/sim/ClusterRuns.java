package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.ClusterRoles;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SeedNode;

/**
 * The two ways the command line runs a scenario on a cluster. In both, the submitting process joins the
 * cluster as a member without roles (loopback, a free port, no status endpoint): it hosts none of the run's
 * actors. It submits the scenario to the {@link RunCoordinator} singleton on the oldest {@code coordinator}
 * node, which runs the clock, the aggregator, the scenario runner and the recorder there and streams every
 * record back ({@link RunSubmitter}), so the run folder is written by the listener in this process. When the
 * coordinator node is lost, the singleton moves to the next {@code coordinator} node and the run is started
 * there again, replayed from round 0 and passed on from the last round written. This process leaves the
 * cluster when the run ends.
 */
public final class ClusterRuns {
    /** How long the clients nodes have to register, and one node to build its clients (it reads the data). */
    static final Duration HOST_WAIT = Duration.ofSeconds(30);
    static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicLong RUNS = new AtomicLong();

    private ClusterRuns() {
    }

    /** Runs {@code scenario} on the running cluster that {@code seed} belongs to (its {@code coordinator}, {@code clients} and {@code trainer} nodes). */
    public static RunSummary submit(SeedNode seed, Config scenario, RunListener listener) {
        return submit(seed, scenario, listener, ClusterFiguresListener.NONE);
    }

    /** As {@link #submit(SeedNode, Config, RunListener)}, telling {@code figures} the cluster's figures. */
    public static RunSummary submit(SeedNode seed, Config scenario, RunListener listener,
                                    ClusterFiguresListener figures) {
        return submit(seed, scenario, listener, figures, RemoteRun.Attach.NONE);
    }

    /**
     * As {@link #submit(SeedNode, Config, RunListener, ClusterFiguresListener)}, followed by a dashboard:
     * {@code dashboard} gets the run's {@link RemoteRun} once it is built on its coordinator node.
     */
    public static RunSummary submit(SeedNode seed, Config scenario, RunListener listener,
                                    ClusterFiguresListener figures, RemoteRun.Attach dashboard) {
        NodeSettings settings = NodeSettings.fromConfig(scenario).withRoles(Set.of())
                .withPort(0).withSeedNodes(List.of(seed)).withHttp(false, 0);
        try (ClusterNode node = ClusterNode.start(settings, scenario)) {
            return submit(node.system(), scenario, listener, figures, RunSubmitter.Timing.DEFAULT, dashboard);
        }
    }

    /**
     * Submits {@code scenario} from {@code member}, a node of the cluster, and waits until the run ends (bounded by
     * {@code timing} wherever the run stops answering; a run that goes on is waited for).
     *
     * @throws org.lorasim.cluster.node.MissingRoleException when no node has role {@code coordinator} within 30 s
     * @throws IllegalStateException                         with the reason when the run could not finish
     */
    public static RunSummary submit(ActorSystem<?> member, Config scenario, RunListener listener,
                                    RunSubmitter.Timing timing) {
        return submit(member, scenario, listener, ClusterFiguresListener.NONE, timing);
    }

    /** As {@link #submit(ActorSystem, Config, RunListener, RunSubmitter.Timing)}, telling {@code figures} the cluster's figures. */
    public static RunSummary submit(ActorSystem<?> member, Config scenario, RunListener listener,
                                    ClusterFiguresListener figures, RunSubmitter.Timing timing) {
        return submit(member, scenario, listener, figures, timing, RemoteRun.Attach.NONE);
    }

    /** As {@link #submit(ActorSystem, Config, RunListener, ClusterFiguresListener, RunSubmitter.Timing)}, followed by {@code dashboard}. */
    public static RunSummary submit(ActorSystem<?> member, Config scenario, RunListener listener,
                                    ClusterFiguresListener figures, RunSubmitter.Timing timing,
                                    RemoteRun.Attach dashboard) {
        ClusterRoles.awaitRoles(member, Set.of(NodeRole.COORDINATOR), HOST_WAIT);
        ActorRef<RunCoordinator.Command> coordinator = RunCoordinator.init(member);
        String runId = Long.toString(System.currentTimeMillis(), 36) + "-" + RUNS.incrementAndGet() + "-"
                + Integer.toHexString(new java.security.SecureRandom().nextInt(1 << 24));
        CompletableFuture<RunSummary> result = new CompletableFuture<>();
        member.getWhenTerminated().thenRun(() -> result.completeExceptionally(new IllegalStateException(
                "run " + runId + ": this process left the cluster (downed or stopped) before the run ended")));
        member.systemActorOf(RunSubmitter.create(coordinator, runId, ScenarioText.render(scenario), listener, figures,
                result, timing, dashboard), "lorasim-submit-" + runId, Props.empty());
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The roles of {@code count} local node JVMs: node 0 {@code coordinator}; with three nodes or more, node 1
     * {@code coordinator, clients, trainer} (the standby that takes the run over when node 0 is lost); the others
     * {@code clients, trainer}. One node holds all three roles.
     */
    public static List<Set<NodeRole>> localRoles(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--local-nodes needs at least 1 node, got " + count);
        }
        List<Set<NodeRole>> roles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            roles.add(count == 1 || (i == 1 && count >= 3) ? Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS, NodeRole.TRAINER)
                    : i == 0 ? Set.of(NodeRole.COORDINATOR) : Set.of(NodeRole.CLIENTS, NodeRole.TRAINER));
        }
        return roles;
    }

    /**
     * Starts {@code count} node JVMs on loopback with the roles of {@link #localRoles} (their logs in
     * {@code logDir}), submits {@code scenario} to them from this process, and stops them.
     */
    public static RunSummary onLocalNodes(int count, Config scenario, RunListener listener, Path logDir) {
        return onLocalNodes(count, scenario, listener, logDir, ClusterFiguresListener.NONE);
    }

    /** As {@link #onLocalNodes(int, Config, RunListener, Path)}, telling {@code figures} the cluster's figures. */
    public static RunSummary onLocalNodes(int count, Config scenario, RunListener listener, Path logDir,
                                          ClusterFiguresListener figures) {
        try (LocalNodes nodes = startLocal(count, logDir, NodeSettings.localNodeJvmOptions(scenario))) {
            return submit(nodes.node(0).asSeed(), scenario, listener, figures);
        }
    }

    /**
     * Starts {@code count} node JVMs on loopback with the roles of {@link #localRoles} (their logs in {@code logDir}),
     * each with {@code jvmOptions} ({@link NodeSettings#localNodeJvmOptions}), and returns them once they are up;
     * runs go to {@code node(0).asSeed()}. Closing them stops them.
     */
    public static LocalNodes startLocal(int count, Path logDir, List<String> jvmOptions) {
        List<Set<NodeRole>> roles = localRoles(count);
        LocalNodes.Builder builder = LocalNodes.builder(logDir);
        roles.forEach(builder::node);
        jvmOptions.forEach(builder::jvmOption);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local node JVMs: " + e.getMessage(), e);
        }
    }
}
