package org.lorasim.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;

/**
 * The system-only benchmark of issue 4: a whole centralized FedIT run through {@link Simulation#run} with the
 * FAKE cost-model trainer ({@code lorasim.run.trainer = cost-model}: no model, synthetic updates), 100,000
 * clients, 10 rounds, 10% of the clients sampled per round. Targets: at most 60 s of wall time and 4 GB of heap
 * on a 2-core machine (run it with {@code -Xmx4g}).
 *
 * <p>Prints the run's wall time from the call to {@link Simulation#run} to its return, split at the first
 * round record (building the graph of 300,000 actors, the first round; then the other rounds), rounds per
 * second, each round's record (simulated time, bytes up and down, participants, and the wall time at which
 * the recorder saw it), the heap used: the highest of samples taken every 20 ms, the sum of the heap pools'
 * peak usages (an upper bound: the pools peak at different times; both include garbage not yet collected), and
 * the heap still used after a full GC once the run is over. Output is SYNTHETIC.
 *
 * <pre>
 *   java -Xmx4g $OPENS -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.SystemOnlyBenchmark \
 *       clients=100000 rounds=10 fraction=0.1
 * </pre>
 */
public final class SystemOnlyBenchmark {

    private SystemOnlyBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> a = CommandArgs.parse(args, Map.of("clients", "100000", "rounds", "10",
                "fraction", "0.1", "seed", "1", "algorithm", "fedit", "more", ""));
        Config config = ConfigFactory.parseString("lorasim.run { trainer = cost-model, variant = centralized"
                        + ", algorithm = " + a.get("algorithm") + ", rounds = " + a.get("rounds")
                        + ", seed = " + a.get("seed") + " }\n"
                        + "lorasim.clients.count = " + a.get("clients") + "\n"
                        + "lorasim.rounds { clients-per-round = 0, fraction = " + a.get("fraction") + " }\n"
                        + a.get("more").replace(';', '\n'))
                .withFallback(ConfigFactory.defaultReference()).resolve();
        List<RoundRecord> rounds = new ArrayList<>();
        AtomicLong firstRound = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        JvmHeapSampler sampler = JvmHeapSampler.start();
        long start = System.nanoTime();
        RunSummary summary = Simulation.run(config, new RunListener() {
            @Override
            public void round(RoundRecord record) {
                if (rounds.isEmpty()) {
                    firstRound.set(System.nanoTime());
                }
                rounds.add(record);
            }

            @Override
            public void finished(RunSummary summary) {
                finished.set(System.nanoTime());
            }
        }, null);
        long end = System.nanoTime();
        sampler.close();
        long peak = peakHeapBytes();
        System.gc();
        long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

        double wall = (end - start) / 1e9;
        double toFirst = (firstRound.get() - start) / 1e9;
        System.out.printf(Locale.ROOT, "SYNTHETIC (cost-model trainer, no model trained)%n");
        System.out.printf(Locale.ROOT, "clients=%s rounds=%s fraction=%s algorithm=%s cores=%d max heap %.0f MB%n",
                a.get("clients"), a.get("rounds"), a.get("fraction"), a.get("algorithm"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "outcome %s, %d rounds, simulated %.1f s, bytes up %d, down %d%n",
                summary.outcome(), summary.rounds(), summary.simTimeNanos() / 1e9, summary.bytesUp(),
                summary.bytesDown());
        System.out.printf(Locale.ROOT, "wall %.2f s: to the first round record %.2f s (graph + round 0), "
                + "the other %d rounds %.2f s%n", wall, toFirst, Math.max(0, rounds.size() - 1), wall - toFirst);
        System.out.printf(Locale.ROOT, "of which from the summary to the return (stopping the actor system) %.2f s%n",
                (end - finished.get()) / 1e9);
        System.out.printf(Locale.ROOT, "rounds/s %.2f overall, %.2f after the first%n", rounds.size() / wall,
                rounds.size() > 1 ? (rounds.size() - 1) / (wall - toFirst) : Double.NaN);
        System.out.printf(Locale.ROOT, "heap used: highest sample (every 20 ms) %.0f MB; sum of the heap pools' "
                + "peaks %.0f MB; after the run and a full GC %.0f MB%n", sampler.peak() / 1e6, peak / 1e6,
                retained / 1e6);
        System.out.printf(Locale.ROOT, "%5s %12s %10s %14s %14s %8s %12s%n", "round", "sim s", "wall ms",
                "bytes up", "bytes down", "sampled", "participants");
        for (RoundRecord r : rounds) {
            System.out.printf(Locale.ROOT, "%5d %12.3f %10d %14d %14d %8d %12d%n", r.round(), r.simSeconds(),
                    r.wallMillis(), r.bytesUp(), r.bytesDown(), r.sampled(), r.participants());
        }
    }

    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
