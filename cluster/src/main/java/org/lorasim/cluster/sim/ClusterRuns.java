package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SeedNode;

/**
 * The two ways the command line runs a scenario on a cluster. In both, the submitting process joins the
 * cluster as its {@code coordinator} node (loopback, a free port, no status endpoint), runs the clock, the
 * aggregator, the scenario runner and the recorder there, so the run's records reach its listener (the run
 * folder) in this process, and leaves the cluster when the run ends.
 */
public final class ClusterRuns {
    /** How long the clients nodes have to register, and one node to build its clients (it reads the data). */
    static final Duration HOST_WAIT = Duration.ofSeconds(30);
    static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(5);

    private ClusterRuns() {
    }

    /** Runs {@code scenario} on the running cluster that {@code seed} belongs to (its {@code clients} and {@code trainer} nodes). */
    public static RunSummary submit(SeedNode seed, Config scenario, RunListener listener) {
        return submit(seed, scenario, listener, ClusterFiguresListener.NONE);
    }

    /** As {@link #submit(SeedNode, Config, RunListener)}, telling {@code figures} the cluster's figures. */
    public static RunSummary submit(SeedNode seed, Config scenario, RunListener listener,
                                    ClusterFiguresListener figures) {
        NodeSettings settings = NodeSettings.fromConfig(scenario).withRoles(Set.of(NodeRole.COORDINATOR))
                .withPort(0).withSeedNodes(List.of(seed)).withHttp(false, 0);
        try (ClusterNode node = ClusterNode.start(settings, scenario)) {
            return new ClusterSimulation(node.system(), HOST_WAIT, PREPARE_TIMEOUT).run(scenario, listener, figures);
        }
    }

    /**
     * Starts {@code count} node JVMs with roles {@code clients} and {@code trainer} on loopback (their logs in
     * {@code logDir}), runs {@code scenario} across them with this process as coordinator, and stops them.
     */
    public static RunSummary onLocalNodes(int count, Config scenario, RunListener listener, Path logDir) {
        return onLocalNodes(count, scenario, listener, logDir, ClusterFiguresListener.NONE);
    }

    /** As {@link #onLocalNodes(int, Config, RunListener, Path)}, telling {@code figures} the cluster's figures. */
    public static RunSummary onLocalNodes(int count, Config scenario, RunListener listener, Path logDir,
                                          ClusterFiguresListener figures) {
        if (count < 1) {
            throw new IllegalArgumentException("--local-nodes needs at least 1 node, got " + count);
        }
        LocalNodes.Builder builder = LocalNodes.builder(logDir);
        for (int i = 0; i < count; i++) {
            builder.node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER));
        }
        try (LocalNodes nodes = builder.start()) {
            return submit(nodes.node(0).asSeed(), scenario, listener, figures);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local node JVMs: " + e.getMessage(), e);
        }
    }
}
