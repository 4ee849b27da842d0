package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Cluster;

/**
 * Real cluster nodes on loopback inside the test JVM: one actor system per node, named {@code lorasim} like
 * every Lorasim node, on free ports, the first one the seed; each with the simulation's services for its
 * roles. The minimal node settings the tests need until the node layer (branch h/cnode) lands.
 */
final class LoopbackCluster implements AutoCloseable {
    private final List<ActorSystem<Void>> nodes = new ArrayList<>();

    /** Starts one node per entry of {@code roles} (each a comma-separated list) and waits until all are up. */
    static LoopbackCluster start(String... roles) {
        return start(ConfigFactory.empty(), roles);
    }

    /** As {@link #start(String...)}, with {@code extra} over every node's config. */
    static LoopbackCluster start(Config extra, String... roles) {
        return start(extra, SimulationServices::start, roles);
    }

    /** As {@link #start(Config, String...)}, with {@code services} started on each node instead of its own. */
    static LoopbackCluster start(Config extra, Consumer<ActorSystem<Void>> services, String... roles) {
        LoopbackCluster cluster = new LoopbackCluster();
        int[] ports = new int[roles.length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        List<CompletableFuture<Void>> up = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            ActorSystem<Void> node = ActorSystem.create(Behaviors.empty(), "lorasim",
                    extra.withFallback(config(ports[i], ports[0], roles[i])).resolve());
            cluster.nodes.add(node);
            CompletableFuture<Void> joined = new CompletableFuture<>();
            Cluster.get(Adapter.toClassic(node)).registerOnMemberUp(() -> joined.complete(null));
            up.add(joined);
        }
        try {
            CompletableFuture.allOf(up.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("the loopback cluster did not come up: " + e, e);
        }
        cluster.nodes.forEach(services);
        return cluster;
    }

    ActorSystem<Void> node(int i) {
        return nodes.get(i);
    }

    private static Config config(int port, int seedPort, String roles) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.actor.allow-java-serialization = off
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = %d }
                pekko.remote.artery.advanced { inbound-lanes = 1, outbound-lanes = 1, maximum-frame-size = 4 MiB }
                pekko.remote.artery.advanced.instruments = ["org.lorasim.cluster.node.SentCounter"]
                pekko.cluster.seed-nodes = ["pekko://lorasim@127.0.0.1:%d"]
                pekko.cluster.roles = [%s]
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.terminate-actor-system = on
                pekko.loglevel = WARNING
                """.formatted(port, seedPort, roles)).withFallback(ConfigFactory.load()).resolve();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the nodes one after the other, the seed last. */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).terminate();
            nodes.get(i).getWhenTerminated().toCompletableFuture().join();
        }
    }
}
