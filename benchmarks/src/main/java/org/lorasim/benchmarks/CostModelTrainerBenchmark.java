package org.lorasim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.LocalTrainingJob;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.actors.systemonly.SyntheticUpdate;
import org.lorasim.actors.systemonly.SyntheticUpdateSum;
import org.lorasim.actors.systemonly.TrainingOutcome;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/**
 * The trainer half of the system-only benchmark (100,000 clients, 10 rounds, 10% sampled per round), without
 * actors: each round samples clients, runs {@link CostModelTrainer} for each on {@code threads} threads, keeps
 * only each client's {@link SyntheticUpdate} (seed and scale), and folds every update into one
 * {@link SyntheticUpdateSum} to make the next global adapter. The adapter is MiniLM-L6 query and value at
 * rank 8 with a 2-class head (74,498 values, 298 KB). Prints trainings/s (trainer only), aggregated
 * updates/s, the whole loop's wall time and the peak heap used. Output is SYNTHETIC: no model is trained.
 *
 * <pre>
 *   java -Xmx4g -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.CostModelTrainerBenchmark \
 *       clients=100000 rounds=10 fraction=0.1 threads=2
 * </pre>
 */
public final class CostModelTrainerBenchmark {

    private CostModelTrainerBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> a = CommandArgs.parse(args, Map.of("clients", "100000", "rounds", "10",
                "fraction", "0.1", "threads", "2", "rank", "8", "examples", "64", "batch", "16", "tokens", "64",
                "seed", "1"));
        int clients = Integer.parseInt(a.get("clients"));
        int rounds = Integer.parseInt(a.get("rounds"));
        int perRound = (int) Math.round(clients * Double.parseDouble(a.get("fraction")));
        int threads = Integer.parseInt(a.get("threads"));
        int rank = Integer.parseInt(a.get("rank"));
        int examples = Integer.parseInt(a.get("examples"));
        int batch = Integer.parseInt(a.get("batch"));
        int tokens = Integer.parseInt(a.get("tokens"));
        long seed = Long.parseLong(a.get("seed"));

        long setupStart = System.nanoTime();
        Adapter global = miniLmQueryValue(rank);
        SyntheticNoise noise = new SyntheticNoise(seed);
        CostModelTrainer trainer = CostModelTrainer.miniLm(seed);
        long[] updateSeed = new long[clients];
        float[] updateScale = new float[clients];
        double[] flopsPerSecond = new double[clients];
        SplittableRandom devices = new SplittableRandom(seed);
        for (int c = 0; c < clients; c++) {
            flopsPerSecond[c] = 1e11 * (1 + 9 * devices.nextDouble());
        }
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        ForkJoinPool pool = new ForkJoinPool(threads);
        long trainNanos = 0;
        long aggregateNanos = 0;
        double simulatedSeconds = 0;
        double lastMeanLoss = 0;
        long loopStart = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            int[] sampled = sample(clients, perRound, new SplittableRandom(seed * 31 + round));
            Adapter start = global;
            int r = round;
            long t0 = System.nanoTime();
            TrainingOutcome[] outcomes = pool.submit(() -> IntStream.range(0, sampled.length).parallel()
                    .mapToObj(i -> trainer.train(new LocalTrainingJob(sampled[i], r, start, examples, 0, 1, batch,
                            tokens, flopsPerSecond[sampled[i]])))
                    .toArray(TrainingOutcome[]::new)).join();
            long t1 = System.nanoTime();
            SyntheticUpdateSum sum = new SyntheticUpdateSum(start, noise);
            double slowest = 0;
            double loss = 0;
            for (int i = 0; i < outcomes.length; i++) {
                TrainingOutcome o = outcomes[i];
                updateSeed[sampled[i]] = o.update().seed();
                updateScale[sampled[i]] = (float) o.update().scale();
                sum.add(o.update(), o.examplesSeen());
                slowest = Math.max(slowest, o.computeSeconds());
                loss += o.meanLoss() / outcomes.length;
            }
            global = sum.mean();
            long t2 = System.nanoTime();
            trainNanos += t1 - t0;
            aggregateNanos += t2 - t1;
            simulatedSeconds += slowest;
            lastMeanLoss = loss;
        }
        double loopSeconds = (System.nanoTime() - loopStart) / 1e9;
        pool.shutdown();
        long trainings = (long) rounds * perRound;
        System.out.printf(Locale.ROOT, "SYNTHETIC (cost-model trainer, no model trained)%n");
        System.out.printf(Locale.ROOT, "clients=%d rounds=%d perRound=%d threads=%d adapter values=%d (%d KB)%n",
                clients, rounds, perRound, threads, global.parameterCount(), global.byteSize() / 1024);
        System.out.printf(Locale.ROOT, "setup (noise pool, client table) %.2f s%n", setupSeconds);
        System.out.printf(Locale.ROOT, "trainings %d in %.2f s: %.0f trainings/s%n", trainings, trainNanos / 1e9,
                trainings * 1e9 / trainNanos);
        System.out.printf(Locale.ROOT, "aggregation %d updates in %.2f s: %.0f updates/s%n", trainings,
                aggregateNanos / 1e9, trainings * 1e9 / aggregateNanos);
        System.out.printf(Locale.ROOT, "loop wall %.2f s; simulated compute time %.1f s; last round's mean loss %.4f"
                + " (synthetic)%n", loopSeconds, simulatedSeconds, lastMeanLoss);
        System.out.printf(Locale.ROOT, "peak heap used %.0f MB (max %.0f MB)%n", peakHeapBytes() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static int[] sample(int clients, int k, SplittableRandom random) {
        int[] ids = IntStream.range(0, clients).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(clients - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return Arrays.copyOf(ids, k);
    }

    private static Adapter miniLmQueryValue(int rank) {
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        for (int layer = 0; layer < 6; layer++) {
            lora.put("layer." + layer + ".attention.query", LoraFactors.zeros(rank, 384, 384, 2.0 * rank,
                    LoraScaling.STANDARD));
            lora.put("layer." + layer + ".attention.value", LoraFactors.zeros(rank, 384, 384, 2.0 * rank,
                    LoraScaling.STANDARD));
        }
        return new Adapter(lora, Map.of("head.weight", DenseTensor.zeros(2, 384), "head.bias", DenseTensor.zeros(2)));
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
