package org.lorasim.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainingHook;

/**
 * The engine-overhead benchmark of issue 4: a centralized FedIT run with real DJL training of all-MiniLM-L6-v2
 * on the built-in LanguageTool task (50 clients, iid shards, every client sampled every round, a few small
 * local steps), on {@code slots} trainer slots. Target: overhead at most 5%, where
 *
 * <pre>
 *   overhead = (span - busy / slots) / span
 * </pre>
 *
 * <ul>
 *   <li>{@code busy}: the sum over trainings of the wall time a slot worker spent in one training, measured on
 *       the worker thread by a {@link TrainingHook} from {@code beforeTraining} to {@code afterTraining}
 *       (loading the client's adapter into the slot's trainer, the local steps, reading the adapter back);</li>
 *   <li>{@code span}: from the first training's start to the last training's end. Loading the base model and
 *       the data, the initial evaluation and the last round's evaluation lie outside it; the evaluations of the
 *       earlier rounds' models run on the recorder's thread while the next round trains, so they compete with
 *       the slots for cores inside the span (a small held-out sample keeps them short).</li>
 * </ul>
 *
 * <p>What remains in {@code span - busy / slots} is the engine: the clock's waves, links, aggregation, the
 * hand-off of requests to slots and of outcomes back, and any time a slot waits for work (a round's end, when
 * one slot finishes before the other). The run's whole wall time and its parts outside the span are printed
 * too, with the time during which 0, 1, ... slots were training.
 *
 * <pre>
 *   java -Xmx4g $OPENS -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *       -Dai.djl.pytorch.num_interop_threads=1 -cp benchmarks/target/benchmarks.jar \
 *       org.lorasim.benchmarks.EngineOverheadBenchmark clients=50 rounds=3 steps=2 batch=8 length=32
 * </pre>
 */
public final class EngineOverheadBenchmark {

    private EngineOverheadBenchmark() {
    }

    private record Interval(int slot, long start, long end) {
    }

    public static void main(String[] args) {
        Map<String, String> a = CommandArgs.parse(args, Map.of("clients", "50", "rounds", "3", "fraction", "1.0",
                "steps", "2", "batch", "8", "length", "32", "examples", "16", "eval", "32", "slots", "2",
                "seed", "1"));
        int slots = Integer.parseInt(a.get("slots"));
        Config config = ConfigFactory.parseString("lorasim.run { trainer = trained, variant = centralized"
                        + ", algorithm = fedit, rounds = " + a.get("rounds") + ", seed = " + a.get("seed") + " }\n"
                        + "lorasim.clients.count = " + a.get("clients") + "\n"
                        + "lorasim.rounds { clients-per-round = 0, fraction = " + a.get("fraction") + " }\n"
                        + "lorasim.training { local-steps = " + a.get("steps") + ", batch-size = " + a.get("batch")
                        + ", max-length = " + a.get("length") + " }\n"
                        + "lorasim.data { dataset = languagetool, partition = iid, max-examples-per-client = "
                        + a.get("examples") + ", eval-examples = " + a.get("eval") + " }\n"
                        + "lorasim.trainer-slots.count = " + slots + "\n")
                .withFallback(ConfigFactory.defaultReference()).resolve();

        List<Interval> trainings = Collections.synchronizedList(new ArrayList<>());
        AtomicLong trainedWallMillis = new AtomicLong();
        TrainingHook hook = new TrainingHook() {
            private final long[] started = new long[slots];

            @Override
            public void beforeTraining(int slot, TrainerSlot.Train train) {
                started[slot] = System.nanoTime();
            }

            @Override
            public void afterTraining(int slot, TrainerSlot.Train train, TrainerSlot.Outcome outcome) {
                trainings.add(new Interval(slot, started[slot], System.nanoTime()));
                if (outcome instanceof TrainerSlot.Trained t) {
                    trainedWallMillis.addAndGet(t.wallMillis());
                }
            }
        };
        List<RoundRecord> rounds = Collections.synchronizedList(new ArrayList<>());
        long runStart = System.nanoTime();
        RunSummary summary = Simulation.run(config, new RunListener() {
            @Override
            public void round(RoundRecord record) {
                rounds.add(record);
            }
        }, null, hook);
        long runEnd = System.nanoTime();

        List<Interval> all = new ArrayList<>(trainings);
        all.sort(Comparator.comparingLong(Interval::start));
        long first = all.get(0).start();
        long last = all.stream().mapToLong(Interval::end).max().orElseThrow();
        long span = last - first;
        long busy = all.stream().mapToLong(i -> i.end() - i.start()).sum();
        double overhead = (span - (double) busy / slots) / span;

        System.out.printf(Locale.ROOT, "clients=%s rounds=%s fraction=%s steps=%s batch=%s length=%s examples=%s "
                        + "eval=%s slots=%d cores=%d%n", a.get("clients"), a.get("rounds"), a.get("fraction"),
                a.get("steps"), a.get("batch"), a.get("length"), a.get("examples"), a.get("eval"), slots,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "outcome %s, %d rounds, %d trainings, final accuracy %.4f%n",
                summary.outcome(), summary.rounds(), all.size(), summary.finalAccuracy());
        System.out.printf(Locale.ROOT, "run wall %.2f s: before the first training %.2f s (base model, data, "
                        + "initial evaluation, graph), after the last %.2f s (last evaluation, shutdown)%n",
                (runEnd - runStart) / 1e9, (first - runStart) / 1e9, (runEnd - last) / 1e9);
        System.out.printf(Locale.ROOT, "span (first training start to last training end) %.3f s%n", span / 1e9);
        System.out.printf(Locale.ROOT, "trainer busy %.3f s (%.1f ms per training); busy / slots %.3f s%n",
                busy / 1e9, busy / 1e6 / all.size(), busy / 1e9 / slots);
        System.out.printf(Locale.ROOT, "(the trainer's own wallMillis, summed: %.3f s)%n", trainedWallMillis.get() / 1e3);
        System.out.printf(Locale.ROOT, "OVERHEAD (span - busy / slots) / span = %.2f %%%n", overhead * 100);
        long[] byConcurrency = concurrency(all, slots);
        StringBuilder line = new StringBuilder("time with k slots training:");
        for (int k = 0; k <= slots; k++) {
            line.append(String.format(Locale.ROOT, " k=%d %.3f s", k, byConcurrency[k] / 1e9));
        }
        System.out.println(line);
        for (RoundRecord r : rounds) {
            System.out.printf(Locale.ROOT, "round %d: sim %.2f s, wall %d ms, participants %d, loss %.4f, "
                    + "accuracy %.4f%n", r.round(), r.simSeconds(), r.wallMillis(), r.participants(), r.trainLoss(),
                    r.accuracy());
        }
        System.exit(0);
    }

    /** Wall nanoseconds during which exactly k slots were training, k = 0..slots, over the span. */
    private static long[] concurrency(List<Interval> sorted, int slots) {
        List<long[]> edges = new ArrayList<>();
        for (Interval i : sorted) {
            edges.add(new long[] {i.start(), +1});
            edges.add(new long[] {i.end(), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long[] time = new long[slots + 1];
        int active = 0;
        long at = edges.get(0)[0];
        for (long[] e : edges) {
            time[Math.min(active, slots)] += e[0] - at;
            at = e[0];
            active += (int) e[1];
        }
        return time;
    }
}
