package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.training.model.LoraSpec;

/** The DJL decoder against {@link ReferenceLlama} on small random models, and its LoRA behaviour. */
class LlamaModelTest {
    /** 4 query heads over 2 key/value heads (grouped), untied output: every feature at once. */
    static final LlamaConfig TINY = LlamaConfig.llama2c(16, 24, 2, 4, 2, 40, 24, false);

    static final int[] TOKENS = {1, 7, 3, 22, 39, 0, 15, 15, 8, 30, 2};

    @Test
    void fullSequenceLogitsMatchTheReferenceAtEveryPosition() {
        // Prepare
        LlamaWeights w = LlamaWeights.random(TINY, new SplittableRandom(11));
        ReferenceLlama reference = new ReferenceLlama(w);
        try (LlamaBase base = new LlamaBase(w); LlamaModel model = new LlamaModel(base, LoraSpec.none(),
                new SplittableRandom(0))) {
            // Execute
            float[][] logits = model.logits(new int[][] {TOKENS}, base.manager());

            // Assert: position t sees tokens 0..t only (causal), with its own rotary angle
            for (int t = 0; t < TOKENS.length; t++) {
                float[] expected = reference.step(TOKENS[t]);
                assertThat(logits[t]).as("position %d", t).containsExactly(expected, within(2e-5f));
            }
        }
    }

    @Test
    void tiedOutputAndMultiHeadAttentionMatchTheReference() {
        // Prepare: kvHeads == heads, output tied to the embedding
        LlamaWeights w = LlamaWeights.random(LlamaConfig.llama2c(16, 32, 1, 2, 2, 20, 8, true), new SplittableRandom(3));
        ReferenceLlama reference = new ReferenceLlama(w);
        int[] tokens = {1, 5, 19, 4};
        try (LlamaBase base = new LlamaBase(w); LlamaModel model = new LlamaModel(base, LoraSpec.none(),
                new SplittableRandom(0))) {
            // Execute
            float[][] logits = model.logits(new int[][] {tokens}, base.manager());

            // Assert
            for (int t = 0; t < tokens.length; t++) {
                assertThat(logits[t]).containsExactly(reference.step(tokens[t]), within(2e-5f));
            }
        }
    }

    @Test
    void generationWithTheKvCachePicksTheReferenceArgmaxEachStep() {
        // Prepare
        LlamaWeights w = LlamaWeights.random(TINY, new SplittableRandom(5));
        ReferenceLlama reference = new ReferenceLlama(w);
        int[] prompt = {1, 9, 4};
        int[] expected = new int[12];
        float[] logits = null;
        for (int t : prompt) {
            logits = reference.step(t);
        }
        for (int i = 0; i < expected.length; i++) {
            expected[i] = TokenSampler.argmax(logits);
            logits = reference.step(expected[i]);
        }
        try (LlamaBase base = new LlamaBase(w); LlamaModel model = new LlamaModel(base, LoraSpec.none(),
                new SplittableRandom(0))) {
            // Execute: stop ids that the model never picks here, so all 12 come out
            int[] generated = TextGenerator.generate(model, prompt, 12, TokenSampler.greedy(), -1, -1);

            // Assert
            assertThat(generated).containsExactly(expected);
        }
    }

    @Test
    void loraWithZeroBLeavesEveryLogitBitIdentical() {
        // Prepare
        LlamaWeights w = LlamaWeights.random(TINY, new SplittableRandom(7));
        LoraSpec all = LoraSpec.of(4, 8, "layer\\.\\d+\\.(attention\\.(query|key|value|output)|ffn\\.(gate|up|down))");
        try (LlamaBase base = new LlamaBase(w);
             LlamaModel plain = new LlamaModel(base, LoraSpec.none(), new SplittableRandom(0));
             LlamaModel adapted = new LlamaModel(base, all, new SplittableRandom(1))) {
            // Execute
            float[][] a = plain.logits(new int[][] {TOKENS}, base.manager());
            float[][] b = adapted.logits(new int[][] {TOKENS}, base.manager());

            // Assert: 7 matrices x 2 layers adapted, A random, B = 0
            assertThat(adapted.adaptedLayers()).hasSize(14);
            assertThat(adapted.toAdapter().factors("layer.1.ffn.down").a()).isNotEqualTo(new float[4 * 24]);
            for (int t = 0; t < a.length; t++) {
                assertThat(b[t]).containsExactly(a[t]);
            }
        }
    }

    @Test
    void perMatrixRanksAndANonZeroBChangeTheLogits() {
        // Prepare: rank 2 on value, rank 6 on gate (the first matching target wins)
        LlamaWeights w = LlamaWeights.random(TINY, new SplittableRandom(7));
        LoraSpec spec = LoraSpec.of(2, 4, "layer\\.\\d+\\.attention\\.value").plus("layer\\.\\d+\\.ffn\\.gate", 6);
        try (LlamaBase base = new LlamaBase(w);
             LlamaModel plain = new LlamaModel(base, LoraSpec.none(), new SplittableRandom(0));
             LlamaModel adapted = new LlamaModel(base, spec, new SplittableRandom(1))) {
            Adapter start = adapted.toAdapter();
            LoraFactors gate = start.factors("layer.0.ffn.gate");
            float[] b = new float[gate.b().length];
            b[0] = 0.5f;
            java.util.Map<String, LoraFactors> lora = new java.util.TreeMap<>(start.lora());
            lora.put("layer.0.ffn.gate", new LoraFactors(gate.rank(), gate.inFeatures(), gate.outFeatures(), gate.a(), b,
                    gate.alpha(), gate.scaling()));

            // Execute
            adapted.loadAdapter(Adapter.ofLora(lora));
            float[][] before = plain.logits(new int[][] {TOKENS}, base.manager());
            float[][] after = adapted.logits(new int[][] {TOKENS}, base.manager());

            // Assert
            assertThat(start.factors("layer.1.attention.value").rank()).isEqualTo(2);
            assertThat(gate.rank()).isEqualTo(6);
            assertThat(start.lora().keySet()).containsExactly("layer.0.attention.value", "layer.0.ffn.gate",
                    "layer.1.attention.value", "layer.1.ffn.gate");
            assertThat(after[3]).isNotEqualTo(before[3]);
        }
    }

    @Test
    void aTargetThatMatchesNoMatrixNamesTheDecoderMatrices() {
        LlamaWeights w = LlamaWeights.random(TINY, new SplittableRandom(7));
        try (LlamaBase base = new LlamaBase(w)) {
            assertThatThrownBy(() -> new LlamaModel(base, LoraSpec.of(4, 8, "layer\\.\\d+\\.ffn\\.in"), new SplittableRandom(0)))
                    .hasMessageContaining("matches no weight matrix").hasMessageContaining("layer.0.attention.key");
        }
    }

    @Test
    void positionsBeyondTheContextAreRefused() {
        LlamaWeights w = LlamaWeights.random(LlamaConfig.llama2c(16, 24, 1, 4, 2, 40, 4, true), new SplittableRandom(7));
        try (LlamaBase base = new LlamaBase(w); LlamaModel model = new LlamaModel(base, LoraSpec.none(),
                new SplittableRandom(0)); NDManager m = base.manager().newSubManager()) {
            assertThatThrownBy(() -> model.logits(new int[][] {{1, 2, 3, 4, 5}}, m))
                    .hasMessageContaining("exceed the model's context of 4");
        }
    }
}
