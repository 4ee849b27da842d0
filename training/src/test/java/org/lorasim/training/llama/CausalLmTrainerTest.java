package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingResult;

/** Causal-LM LoRA training: masking, loss, perplexity before and after a short run, determinism. */
class CausalLmTrainerTest {
    /** The paragraph trained on: one example per sentence. */
    static final List<String> TRAIN = List.of(
            "Pip the purple frog lived by the blue pond.",
            "Every morning Pip the purple frog sang a song to the sun.",
            "Pip the purple frog had a friend, a small red fish named Bo.",
            "Bo the red fish liked to swim in circles around Pip the purple frog.",
            "One day Pip the purple frog and Bo the red fish found a shiny stone in the blue pond.",
            "Pip the purple frog said, \"Bo, let's keep the shiny stone in the blue pond.\"",
            "Bo the red fish was happy and swam in circles around the shiny stone.",
            "Every night Pip the purple frog sang a song to the moon and Bo the red fish listened.");
    /** Held out: new sentences about the same pond. */
    static final List<String> HELD_OUT = List.of(
            "Pip the purple frog and Bo the red fish swam to the shiny stone.",
            "Every morning Bo the red fish swam in circles in the blue pond.",
            "Pip the purple frog sang a song to Bo the red fish.");

    static final LoraSpec ALL_SEVEN = LoraSpec.of(4, 8,
            "layer\\.\\d+\\.(attention\\.(query|key|value|output)|ffn\\.(gate|up|down))");

    private static List<CausalLmExample> examples(List<String> texts, Function<String, int[]> encode) {
        List<CausalLmExample> out = new ArrayList<>();
        for (String t : texts) {
            out.add(CausalLmExample.text(encode.apply(t)));
        }
        return out;
    }

    /** Characters as ids {@code 3 + c mod (vocab - 3)} after BOS: a tokenizer for a random model. */
    private static int[] chars(String text, int vocab) {
        int[] ids = new int[text.length() + 1];
        ids[0] = 1;
        for (int i = 0; i < text.length(); i++) {
            ids[i + 1] = 3 + text.charAt(i) % (vocab - 3);
        }
        return ids;
    }

    private record Run(double before, double after, TrainingResult result) {
    }

    private static Run shortRun(LlamaWeights w, Function<String, int[]> encode, int steps, double lr) {
        List<CausalLmExample> train = examples(TRAIN, encode);
        List<CausalLmExample> heldOut = examples(HELD_OUT, encode);
        try (LlamaBase base = new LlamaBase(w); CausalLmTrainer trainer = new CausalLmTrainer(base)) {
            Adapter start = trainer.initialAdapter(ALL_SEVEN, 3);
            double before;
            try (LlamaModel m = new LlamaModel(base, ALL_SEVEN, new SplittableRandom(3))) {
                before = Perplexity.of(m, heldOut, 4, 64);
            }
            TrainingResult r = trainer.train(new CausalLmRequest(start, train, steps, 4,
                    OptimizerSettings.adamW(lr, 0), 64, 0, 17));
            double after;
            try (LlamaModel m = new LlamaModel(base, ALL_SEVEN, new SplittableRandom(3))) {
                m.loadAdapter(r.adapter());
                after = Perplexity.of(m, heldOut, 4, 64);
            }
            return new Run(before, after, r);
        }
    }

    @Test
    void aShortRunLowersHeldOutPerplexityOfStories260K() {
        // Prepare
        LlamaWeights w = Stories260K.weights();
        Llama2cTokenizer tok = Stories260K.tokenizer(w);

        // Execute: 40 steps of 4 sentences, rank 4 on all seven matrices of all 5 layers
        Run run = shortRun(w, s -> tok.encode(s, true, false), 40, 3e-3);

        // Assert
        System.out.printf("stories260K held-out perplexity %.3f -> %.3f after %d steps (%.0f ms/step)%n", run.before(),
                run.after(), run.result().steps(), run.result().millisPerStep());
        assertThat(run.after()).isLessThan(0.8 * run.before());
        assertThat(run.result().meanLossOfLast(5)).isLessThan(run.result().meanLossOfFirst(5));
    }

    @Test
    void aShortRunLowersHeldOutPerplexityOfATinyRandomModel() {
        // Prepare
        LlamaWeights w = LlamaWeights.random(LlamaConfig.llama2c(32, 64, 2, 4, 2, 64, 96, true), new SplittableRandom(9));

        // Execute
        Run run = shortRun(w, s -> chars(s, 64), 40, 1e-2);

        // Assert: a random model starts near the uniform perplexity (64)
        System.out.printf("tiny random model held-out perplexity %.3f -> %.3f%n", run.before(), run.after());
        assertThat(run.before()).isBetween(32.0, 128.0);
        assertThat(run.after()).isLessThan(0.8 * run.before());
    }

    @Test
    void oneSeedGivesBitIdenticalAdaptersAndAnotherSeedDiffers() {
        // Prepare: LoRA dropout on, so the masks come from the seed too
        LlamaWeights w = LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(9));
        List<CausalLmExample> train = examples(TRAIN, s -> chars(s, LlamaModelTest.TINY.vocabSize()));
        try (LlamaBase base = new LlamaBase(w); CausalLmTrainer trainer = new CausalLmTrainer(base)) {
            Adapter start = trainer.initialAdapter(ALL_SEVEN, 5);
            Function<Long, CausalLmRequest> request = seed -> new CausalLmRequest(start, train, 6, 3,
                    OptimizerSettings.adamW(1e-2, 0.01), 20, 0.1, seed);

            // Execute
            float[] a = trainer.train(request.apply(1L)).adapter().flatten();
            float[] b = trainer.train(request.apply(1L)).adapter().flatten();
            float[] c = trainer.train(request.apply(2L)).adapter().flatten();

            // Assert
            assertThat(a).isNotEqualTo(start.flatten());
            assertThat(b).containsExactly(a);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Test
    void instructionBatchesCountOnlyResponseTokensAndPadWithIgnoredLabels() {
        // Prepare: prompt [1, 5, 6], response [7, 8]; plain text [1, 9, 10]
        List<CausalLmExample> examples = List.of(CausalLmExample.instruction(new int[] {1, 5, 6}, new int[] {7, 8}),
                CausalLmExample.text(new int[] {1, 9, 10}));

        // Execute
        CausalLmBatch batch = CausalLmBatch.of(examples, 16);

        // Assert: position t predicts token t+1 (the last token is never an input); the prompt's
        // predictions and the padding are ignored
        int x = CausalLmBatch.IGNORED;
        assertThat(batch.length()).isEqualTo(4);
        assertThat(batch.inputs()).containsExactly(1, 5, 6, 7, 1, 9, 0, 0);
        assertThat(batch.labels()).containsExactly(x, x, 7, 8, 9, 10, x, x);
        assertThat(batch.targets()).isEqualTo(4);
    }

    @Test
    void theLossOfUniformLogitsIsLogVocabPerCountedPosition() {
        try (NDManager m = org.lorasim.training.djl.DjlEngine.newManager()) {
            // Prepare: B = 1, T = 3, V = 4; one ignored position; the third row favours its label
            float[] logits = new float[12];
            logits[8 + 2] = 2f;
            var array = m.create(logits, new Shape(1, 3, 4));

            // Execute
            float sum = CausalLmLoss.sum(array, new int[] {0, CausalLmBatch.IGNORED, 2}, m).getFloat();

            // Assert: ln 4 + (ln(3 + e^2) - 2)
            assertThat((double) sum).isCloseTo(Math.log(4) + Math.log(3 + Math.exp(2)) - 2, within(1e-5));
        }
    }
}
