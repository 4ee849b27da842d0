package org.lorasim.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;
import org.lorasim.cluster.launch.LocalNode;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SentCounter;
import org.lorasim.cluster.sim.ClusterSimulation;

/**
 * Issue 10's system-only cluster benchmark: the scenario of {@link SystemOnlyBenchmark} (cost-model trainer,
 * {@code clients} clients, {@code rounds} rounds, {@code fraction} sampled a round) first in this JVM, then across
 * {@code nodes} local node JVMs with roles {@code clients,trainer} ({@link LocalNodes}) with this JVM as the
 * coordinator node, running the run itself ({@link ClusterSimulation}, what the run coordinator singleton runs for
 * a submitted run). {@code lorasim run --local-nodes} and {@code --cluster} submit the run to a coordinator node
 * JVM instead and stream every listener call back to the submitting process; that streaming is not measured here.
 * Output is SYNTHETIC.
 *
 * <p>Prints for each: the wall time of the run (from the call to its return; for the cluster, after the node JVMs
 * are Up: preparing the nodes, starting every client's entity, the rounds, stopping the run's actors), the time to
 * the first round record; for the cluster also the remote messages and bytes the coordinator sent and received
 * (Artery's counts, {@link SentCounter}; the coordinator is the hub of the run's traffic, so this is the run's
 * remote traffic but for the nodes' own gossip and sharding messages among themselves) and per second of the run,
 * the deliveries forwarded to sharded clients; the heap used, per JVM: this one's highest sample every 20 ms, and
 * each node JVM's highest {@code jstat -gc} sample every 250 ms (S0U + S1U + EU + OU; both include garbage not yet
 * collected). Then whether the two runs' round records (wall times aside) and checksums are equal.
 *
 * <pre>
 *   java -Xmx4g $OPENS -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.ClusterSystemOnlyBenchmark \
 *       clients=100000 rounds=10 fraction=0.1 nodes=3 node-heap=3g
 * </pre>
 * {@code mode=cluster} skips the single-JVM run.
 */
public final class ClusterSystemOnlyBenchmark {

    private ClusterSystemOnlyBenchmark() {
    }

    /** A run's records and timings. */
    private record Measured(RunSummary summary, List<RoundRecord> rounds, double wallSeconds, double toFirstSeconds,
                            long heapPeakBytes) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = CommandArgs.parse(args, Map.of("clients", "100000", "rounds", "10",
                "fraction", "0.1", "seed", "1", "nodes", "3", "node-heap", "3g", "mode", "both"));
        Config config = ConfigFactory.parseString("lorasim.run { trainer = cost-model, variant = centralized"
                        + ", rounds = " + a.get("rounds") + ", seed = " + a.get("seed") + " }\n"
                        + "lorasim.clients.count = " + a.get("clients") + "\n"
                        + "lorasim.rounds { clients-per-round = 0, fraction = " + a.get("fraction") + " }\n")
                .withFallback(ConfigFactory.defaultReference()).resolve();
        System.out.printf(Locale.ROOT, "SYNTHETIC (cost-model trainer, no model trained)%n");
        System.out.printf(Locale.ROOT, "clients=%s rounds=%s fraction=%s nodes=%s cores=%d, this JVM's max heap %.0f MB,"
                        + " each node's -Xmx%s%n", a.get("clients"), a.get("rounds"), a.get("fraction"), a.get("nodes"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e6, a.get("node-heap"));

        Measured single = null;
        if (!a.get("mode").equals("cluster")) {
            single = measure(listener -> Simulation.run(config, listener, null));
            print("one JVM", single);
            System.gc();
        }

        int count = Integer.parseInt(a.get("nodes"));
        Path logDir = Files.createTempDirectory("lorasim-cluster-benchmark");
        LocalNodes.Builder builder = LocalNodes.builder(logDir).jvmOption("-Xmx" + a.get("node-heap"));
        for (int i = 0; i < count; i++) {
            builder.node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER));
        }
        long nodesStart = System.nanoTime();
        try (LocalNodes nodes = builder.start()) {
            System.out.printf(Locale.ROOT, "%d node JVMs Up in %.2f s (logs in %s)%n", count,
                    (System.nanoTime() - nodesStart) / 1e9, logDir);
            List<HeapSampler> heaps = nodes.nodes().stream().map(HeapSampler::start).toList();
            NodeSettings settings = NodeSettings.fromConfig(config).withRoles(Set.of(NodeRole.COORDINATOR))
                    .withPort(0).withSeedNodes(List.of(nodes.node(0).asSeed())).withHttp(false, 0);
            try (ClusterNode coordinator = ClusterNode.start(settings, config)) {
                ClusterSimulation simulation = new ClusterSimulation(coordinator.system(), Duration.ofMinutes(5),
                        Duration.ofMinutes(5));
                SentCounter.Totals sent0 = coordinator.sent();
                SentCounter.Totals received0 = coordinator.received();
                Measured distributed = measure(listener -> simulation.run(config, listener));
                SentCounter.Totals sent = coordinator.sent();
                SentCounter.Totals received = coordinator.received();
                heaps.forEach(HeapSampler::stop);
                print("across " + count + " node JVMs (this JVM the coordinator)", distributed);
                long messages = sent.messages() - sent0.messages() + received.messages() - received0.messages();
                System.out.printf(Locale.ROOT, "coordinator remote messages: sent %d (%.0f MB), received %d (%.0f MB);"
                                + " %.0f messages/s over the run; deliveries to clients %d in %d batch messages%n",
                        sent.messages() - sent0.messages(), (sent.bytes() - sent0.bytes()) / 1e6,
                        received.messages() - received0.messages(), (received.bytes() - received0.bytes()) / 1e6,
                        messages / distributed.wallSeconds(), simulation.lastClients().deliveriesForwarded(),
                        simulation.lastClients().deliveryBatches());
                for (int i = 0; i < heaps.size(); i++) {
                    System.out.printf(Locale.ROOT, "node %d (pid %d): heap used, highest jstat sample %.0f MB%n", i,
                            nodes.node(i).process().pid(), heaps.get(i).peakBytes() / 1e6);
                }
                if (single != null) {
                    List<RoundRecord> a1 = single.rounds().stream().map(RoundRecord::withoutWallTime).toList();
                    List<RoundRecord> a2 = distributed.rounds().stream().map(RoundRecord::withoutWallTime).toList();
                    System.out.printf(Locale.ROOT, "round records (wall times aside) equal: %s; checksums equal: %s%n",
                            a1.equals(a2), single.summary().checksum().equals(distributed.summary().checksum()));
                    System.out.printf(Locale.ROOT, "wall: cluster / one JVM = %.1f%n",
                            distributed.wallSeconds() / single.wallSeconds());
                }
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        RunSummary run(RunListener listener);
    }

    /** Runs {@code run} with a listener that keeps the rounds, sampling this JVM's heap every 20 ms. */
    private static Measured measure(Run run) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        List<RoundRecord> rounds = new ArrayList<>();
        AtomicLong firstRound = new AtomicLong();
        JvmHeapSampler sampler = JvmHeapSampler.start();
        long start = System.nanoTime();
        RunSummary summary = run.run(new RunListener() {
            @Override
            public void round(RoundRecord record) {
                if (rounds.isEmpty()) {
                    firstRound.set(System.nanoTime());
                }
                rounds.add(record);
            }
        });
        long end = System.nanoTime();
        sampler.close();
        return new Measured(summary, rounds, (end - start) / 1e9, (firstRound.get() - start) / 1e9, sampler.peak());
    }

    private static void print(String what, Measured m) {
        System.out.printf(Locale.ROOT, "%s: outcome %s, %d rounds, simulated %.3f s, checksum %s%n", what,
                m.summary().outcome(), m.summary().rounds(), m.summary().simTimeNanos() / 1e9,
                m.summary().checksum());
        System.out.printf(Locale.ROOT, "  wall %.2f s, to the first round record %.2f s; this JVM's heap used, highest"
                + " sample %.0f MB%n", m.wallSeconds(), m.toFirstSeconds(), m.heapPeakBytes() / 1e6);
        for (RoundRecord r : m.rounds()) {
            System.out.printf(Locale.ROOT, "  round %d sim %.3f s wall %d ms bytes up %d down %d sampled %d"
                            + " participants %d%n", r.round(), r.simSeconds(), r.wallMillis(), r.bytesUp(),
                    r.bytesDown(), r.sampled(), r.participants());
        }
    }

    /** The highest heap use of a node JVM, from {@code jstat -gc PID 250} (sizes in KB). */
    private static final class HeapSampler {
        private final Process jstat;
        private final Thread reader;
        private final AtomicLong peakKb = new AtomicLong();

        private HeapSampler(Process jstat) {
            this.jstat = jstat;
            this.reader = new Thread(this::read, "jstat-" + jstat.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static HeapSampler start(LocalNode node) {
            try {
                return new HeapSampler(new ProcessBuilder("jstat", "-gc", Long.toString(node.process().pid()), "250")
                        .redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new UncheckedIOException("jstat (from the JDK) is needed to sample the nodes' heaps", e);
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                    StandardCharsets.UTF_8))) {
                List<String> header = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    List<String> cells = Arrays.asList(line.trim().split("\\s+"));
                    if (cells.contains("EU")) {
                        header = cells;
                    } else if (header != null && cells.size() == header.size()) {
                        double used = 0;
                        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(cells.get(header.indexOf(column)));
                        }
                        long kb = (long) used;
                        peakKb.accumulateAndGet(kb, Math::max);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the node ended: its samples so far stand
            }
        }

        void stop() {
            jstat.destroy();
        }

        long peakBytes() {
            return peakKb.get() * 1024;
        }
    }
}
