package org.lorasim.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.Trainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * The time of one LoRA training step of all-MiniLM-L6-v2 through our DJL {@link Trainer}: forward,
 * cross-entropy, backward and AdamW (lr 1e-3) with LoRA rank r on query and value and a 2-class head,
 * batch B of sentences that all fill the T tokens (every batch is exactly B x T, as in
 * {@code benchmarks/pytorch/minilm_lora_step.py}). Prints the median and mean ms per step, examples/s
 * and the process's peak resident memory; the run fails if any step's loss is not finite.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.MiniLmStepBenchmark \
 *       threads=1 batch=32 seq=64 rank=8 warmup=3 steps=20
 * </pre>
 * libtorch's thread count is fixed per process, so each thread count is its own run.
 */
public final class MiniLmStepBenchmark {
    private MiniLmStepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = CommandArgs.parse(args, Map.of("threads", "1", "batch", "32", "seq", "64", "rank", "8",
                "warmup", "3", "steps", "20", "seed", "0"));
        int threads = Integer.parseInt(a.get("threads"));
        int batch = Integer.parseInt(a.get("batch"));
        int seq = Integer.parseInt(a.get("seq"));
        int warmup = Integer.parseInt(a.get("warmup"));
        int steps = Integer.parseInt(a.get("steps"));
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

        List<Example> examples = longSentences(batch * 4, Long.parseLong(a.get("seed")));
        long[] stepNanos = new long[warmup + steps];
        try (var root = DjlEngine.newManager();
             BaseModel base = BaseModel.allMiniLmL6V2(root);
             Trainer trainer = new Trainer(base)) {
            Adapter initial = trainer.initialAdapter(LoraSpec.queryValue(Integer.parseInt(a.get("rank")), 16), 2, 1);
            TrainingRequest request = TrainingRequest.builder(initial, examples).steps(warmup + steps)
                    .batchSize(batch).optimizer(OptimizerSettings.adamW(1e-3, 0)).maxLength(seq).seed(2).build();
            long[] last = {System.nanoTime()};
            TrainingResult result = trainer.train(request, (step, loss, current) -> {
                long now = System.nanoTime();
                stepNanos[step - 1] = now - last[0];
                last[0] = now;
            });
            double[] ms = Arrays.stream(stepNanos, warmup, warmup + steps).mapToDouble(n -> n / 1e6).sorted().toArray();
            double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
            double mean = Arrays.stream(ms).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "MiniLM LoRA step (DJL %s): threads %d, batch %d x %d tokens, rank %s on"
                            + " query+value, %d measured steps after %d warm-up%n",
                    ai.djl.engine.Engine.getInstance().getVersion(), threads, batch, seq, a.get("rank"), steps, warmup);
            System.out.printf(Locale.ROOT, "  median %.1f ms/step, mean %.1f ms/step, min %.1f, max %.1f;"
                            + " %.1f examples/s; FLOPs counted %.3e/step%n", median, mean, ms[0], ms[ms.length - 1],
                    batch * 1000.0 / median, (double) result.flops() / result.steps());
            System.out.printf(Locale.ROOT, "  peak RSS %s; final loss %.4f (all %d losses finite)%n", peakRss(),
                    result.finalLoss(), result.steps());
            System.out.printf(Locale.ROOT, "{\"threads\":%d,\"batch\":%d,\"seq\":%d,\"median_ms\":%.2f,\"mean_ms\":%.2f,"
                    + "\"examples_per_s\":%.2f}%n", threads, batch, seq, median, mean, batch * 1000.0 / median);
        }
    }

    /** Sentences of several joined LanguageTool examples, each long enough to fill any T up to 128 tokens. */
    private static List<Example> longSentences(int count, long seed) {
        List<Example> pool = LanguageToolAcceptability.english().dataset().train();
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 900) {
                text.append(pool.get(random.nextInt(pool.size())).text()).append(' ');
            }
            out.add(new Example(text.toString().trim(), random.nextInt(2), "bench"));
        }
        return out;
    }

    private static String peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
    }
}
