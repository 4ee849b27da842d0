package org.lorasim.training.llama;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingResult;

/**
 * A measurement, not a test (Surefire runs it only when named): tokens/s of a LoRA training step (rank 8
 * on q, k, v, o, gate, up, down of every layer, AdamW) on a randomly initialised Llama, by default
 * TinyLlama-1.1B's shape (dim 2048, hidden 5632, 22 layers, 32 heads over 4 kv heads, vocab 32000).
 * Properties: {@code probe.dim}, {@code probe.hidden}, {@code probe.layers}, {@code probe.heads},
 * {@code probe.kvHeads}, {@code probe.vocab}, {@code probe.batch}, {@code probe.length}, {@code probe.steps}.
 * The first step (warm-up) is reported apart. The command is in docs/decoders.md.
 */
class DecoderStepProbe {
    private static int prop(String name, int fallback) {
        return Integer.getInteger("probe." + name, fallback);
    }

    @Test
    void loraStepThroughput() {
        int length = prop("length", 128);
        int batch = prop("batch", 1);
        LlamaConfig c = LlamaConfig.llama2c(prop("dim", 2048), prop("hidden", 5632), prop("layers", 22),
                prop("heads", 32), prop("kvHeads", 4), prop("vocab", 32000), length + 1, false);
        long t0 = System.nanoTime();
        LlamaBase base;
        {
            LlamaWeights w = LlamaWeights.random(c, new SplittableRandom(1));
            base = new LlamaBase(w);
        }
        System.out.printf("model: %,d parameters, built in %.1f s%n", c.parameterCount(), (System.nanoTime() - t0) / 1e9);
        SplittableRandom r = new SplittableRandom(2);
        List<CausalLmExample> data = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            data.add(CausalLmExample.text(r.ints(length + 1, 3, c.vocabSize()).toArray()));
        }
        LoraSpec spec = LoraSpec.of(8, 16, "layer\\.\\d+\\.(attention\\.(query|key|value|output)|ffn\\.(gate|up|down))");
        try (base; CausalLmTrainer trainer = new CausalLmTrainer(base)) {
            Adapter start = trainer.initialAdapter(spec, 3);
            TrainingResult warm = trainer.train(new CausalLmRequest(start, data, 1, batch,
                    OptimizerSettings.adamW(1e-4, 0), length, 0, 4));
            int steps = prop("steps", 3);
            TrainingResult timed = trainer.train(new CausalLmRequest(warm.adapter(), data, steps, batch,
                    OptimizerSettings.adamW(1e-4, 0), length, 0, 5));
            double tokensPerSecond = (double) timed.tokens() / (timed.wallMillis() / 1000.0);
            System.out.printf("adapter %,d values; warm-up step %d ms; %d steps of %d x %d tokens: %.0f ms/step, "
                            + "%.1f tokens/s, loss %.3f -> %.3f%n", start.parameterCount(), warm.wallMillis(), steps, batch,
                    length, timed.millisPerStep(), tokensPerSecond, timed.stepLosses().get(0), timed.finalLoss());
        }
    }
}
