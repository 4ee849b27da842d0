package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.InstructionTemplate;

/**
 * FedPipe's importance scores of a tiny random decoder's matrices under the causal-LM loss; and of stories260K's
 * on TinyShakespeare when the mirror is there (the figures of docs/decoders.md).
 */
class DecoderImportanceScorerTest {
    private static LlamaBase base;
    private static Adapter adapter;
    private static List<CausalLmExample> instructions;

    @BeforeAll
    static void load() {
        base = new LlamaBase(LlamaWeights.random(LlamaConfig.llama2c(32, 64, 2, 4, 2, 259, 128, true),
                new SplittableRandom(3)));
        try (CausalLmTrainer trainer = new CausalLmTrainer(base)) {
            adapter = trainer.initialAdapter(CausalLmTrainerTest.ALL_SEVEN, 5);
        }
        List<Example> texts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            texts.add(new Example(InstructionTemplate.text("Fix: he go " + i, "", "he goes " + i), 0));
        }
        instructions = DecoderTexts.encode(DecoderTrainerTest.BYTES, texts, 96);
    }

    @AfterAll
    static void free() {
        base.close();
    }

    @Test
    void scoresEveryMatrixFinitePositiveDistinctAndRepeatablyWithoutTouchingTheBase() {
        // Prepare
        DecoderImportanceScorer scorer = new DecoderImportanceScorer(base);
        float[] queryBefore = base.get("layer.0.attention.query").toFloatArray();

        // Act
        Map<String, Double> all = scorer.score(adapter, instructions, List.of(), 3, 4, 96, 11);
        Map<String, Double> again = scorer.score(adapter, instructions, List.of(), 3, 4, 96, 11);
        Map<String, Double> otherSeed = scorer.score(adapter, instructions, List.of(), 3, 4, 96, 12);
        Map<String, Double> two = scorer.score(adapter, instructions, List.of("layer.1.ffn.down",
                "layer.0.attention.key"), 3, 4, 96, 11);

        // Assert
        System.out.println("decoder importance: " + all);
        assertThat(all).hasSize(14).containsOnlyKeys(LlamaWeights.matrixNames(base.config()));
        assertThat(all.values()).allMatch(v -> Double.isFinite(v) && v > 0);
        assertThat(all.values().stream().distinct().count()).isEqualTo(14);
        assertThat(again).isEqualTo(all);
        assertThat(otherSeed).isNotEqualTo(all);
        assertThat(two).containsOnlyKeys("layer.0.attention.key", "layer.1.ffn.down");
        assertThat(two.get("layer.1.ffn.down")).isCloseTo(all.get("layer.1.ffn.down"),
                within(1e-5 * all.get("layer.1.ffn.down")));
        assertThat(base.get("layer.0.attention.query").toFloatArray()).isEqualTo(queryBefore);
        assertThat(base.get("layer.0.attention.query").hasGradient()).isFalse();
    }

    @Test
    void theLossIsMaskedOnInstructionPrompts() {
        // Prepare: the same token sequences, once with the prompt masked and once counting every position
        List<CausalLmExample> unmasked = instructions.stream().map(e -> CausalLmExample.text(e.tokens())).toList();
        DecoderImportanceScorer scorer = new DecoderImportanceScorer(base);

        // Act
        Map<String, Double> masked = scorer.score(adapter, instructions, List.of(), 2, 4, 96, 11);
        Map<String, Double> plain = scorer.score(adapter, unmasked, List.of(), 2, 4, 96, 11);

        // Assert
        assertThat(masked.keySet()).isEqualTo(plain.keySet());
        for (String m : masked.keySet()) {
            assertThat(masked.get(m)).as(m).isNotCloseTo(plain.get(m), within(1e-6 * plain.get(m)));
        }
    }

    @Test
    void rejectsUnknownMatricesEmptyDataAndNoBatches() {
        DecoderImportanceScorer scorer = new DecoderImportanceScorer(base);
        assertThatThrownBy(() -> scorer.score(adapter, instructions, List.of("layer.0.attention.q"), 1, 4, 96, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'layer.0.attention.q'");
        assertThatThrownBy(() -> scorer.score(adapter, List.of(), List.of(), 1, 4, 96, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("examples");
        assertThatThrownBy(() -> scorer.score(adapter, instructions, List.of(), 0, 4, 96, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batches");
    }

    @Test
    void stories260KOnTinyShakespeareScoresEveryMatrixWhenTheMirrorIsThere() throws IOException {
        // Prepare: the first 64 speeches, at most 64 predicted tokens each; rank 4 on all seven matrices
        Path text = Stories260K.folder().resolve("../../datasets/tinyshakespeare/input.txt").normalize();
        assumeTrue(Files.isRegularFile(text), "TinyShakespeare is not at " + text + ": run from a checkout with "
                + "shared/datasets beside it");
        LlamaWeights w = Stories260K.weights();
        Llama2cTokenizer tok = Stories260K.tokenizer(w);
        List<CausalLmExample> speeches = Arrays.stream(Files.readString(text).split("\n\n")).filter(t -> !t.isBlank())
                .limit(64).map(t -> CausalLmExample.text(tok.encode(t, true, true))).toList();
        try (LlamaBase stories = new LlamaBase(w); CausalLmTrainer trainer = new CausalLmTrainer(stories)) {
            Adapter start = trainer.initialAdapter(CausalLmTrainerTest.ALL_SEVEN, 1);

            // Act: FedPipe's sample in a run, 4 batches of 8
            long t0 = System.nanoTime();
            Map<String, Double> scores = new DecoderImportanceScorer(stories).score(start, speeches, List.of(), 4, 8, 64, 2);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            // Assert
            System.out.println("stories260K importance on TinyShakespeare (" + millis + " ms): " + scores);
            assertThat(scores).hasSize(7 * stories.config().layers());
            assertThat(scores.values()).allMatch(v -> Double.isFinite(v) && v > 0);
        }
    }
}
