package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.InstructionTemplate;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/** The decoder behind the slots' TrainingRequest: instruction and plain texts, the proximal term, evaluation. */
class DecoderTrainerTest {
    /** UTF-8 bytes as ids {@code 3 + b}, BOS 1, EOS 2: llama2.c's byte fallback with no merges. */
    static final TextTokenizer BYTES = new TextTokenizer() {
        @Override
        public int vocabSize() {
            return 259;
        }

        @Override
        public int bos() {
            return 1;
        }

        @Override
        public int eos() {
            return 2;
        }

        @Override
        public int[] encode(String text, boolean bos, boolean eos) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length + (bos ? 1 : 0) + (eos ? 1 : 0)];
            int at = 0;
            if (bos) {
                ids[at++] = 1;
            }
            for (byte x : b) {
                ids[at++] = 3 + (x & 0xff);
            }
            if (eos) {
                ids[at] = 2;
            }
            return ids;
        }

        @Override
        public String decode(int[] tokens, int previous) {
            byte[] b = new byte[tokens.length];
            int n = 0;
            for (int t : tokens) {
                if (t >= 3) {
                    b[n++] = (byte) (t - 3);
                }
            }
            return new String(b, 0, n, StandardCharsets.UTF_8);
        }
    };

    private static LlamaBase base;

    @BeforeAll
    static void load() {
        base = new LlamaBase(LlamaWeights.random(LlamaConfig.llama2c(32, 64, 2, 4, 2, 259, 128, true),
                new SplittableRandom(3)));
    }

    @AfterAll
    static void free() {
        base.close();
    }

    private static List<Example> corrections(int from, int to) {
        List<Example> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Example(InstructionTemplate.text("Fix: he go " + i, "", "he goes " + i), 0));
        }
        return out;
    }

    private static Adapter start(DecoderTrainer trainer) {
        try (CausalLmTrainer t = new CausalLmTrainer(base)) {
            return t.initialAdapter(CausalLmTrainerTest.ALL_SEVEN, 5);
        }
    }

    @Test
    void trainingOnInstructionTextsLowersHeldOutResponsePerplexity() {
        // Prepare
        DecoderTrainer trainer = new DecoderTrainer(base, BYTES);
        Adapter start = start(trainer);
        DecoderEvaluator evaluator = new DecoderEvaluator(base, BYTES, corrections(40, 44), 96, 2, 12, 1);
        TrainingRequest request = TrainingRequest.builder(start, corrections(0, 40)).steps(30).batchSize(8)
                .optimizer(OptimizerSettings.adamW(1e-2, 0)).maxLength(96).seed(4).build();

        // Act
        TrainingResult result = trainer.train(request);
        double before = evaluator.perplexity(start);
        double after = evaluator.perplexity(result.adapter());
        List<DecoderEvaluator.Sample> samples = evaluator.samples(result.adapter());

        // Assert
        assertThat(after).isLessThan(0.5 * before);
        assertThat(result.stepLosses()).hasSize(30);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).prompt()).endsWith(InstructionTemplate.RESPONSE_MARKER).contains("he go 40");
        assertThat(evaluator.samples(result.adapter())).isEqualTo(samples);
    }

    @Test
    void aLargeProximalTermKeepsTheAdapterNearItsAnchor() {
        // Prepare
        DecoderTrainer trainer = new DecoderTrainer(base, BYTES);
        Adapter start = start(trainer);
        TrainingRequest.Builder free = TrainingRequest.builder(start, corrections(0, 16)).steps(10).batchSize(4)
                .optimizer(OptimizerSettings.sgd(5e-2, 0)).maxLength(96).seed(2);

        // Act
        float[] unconstrained = trainer.train(free.build()).adapter().flatten();
        float[] pulled = trainer.train(free.proximal(10, start).build()).adapter().flatten();

        // Assert
        float[] anchor = start.flatten();
        assertThat(distance(pulled, anchor)).isLessThan(0.5 * distance(unconstrained, anchor));
    }

    @Test
    void aQuantizedBaseIsRefused() {
        // Prepare
        DecoderTrainer trainer = new DecoderTrainer(base, BYTES);
        TrainingRequest request = TrainingRequest.builder(start(trainer), corrections(0, 4)).steps(1).basePrecision("int8")
                .build();

        // Act, Assert
        assertThatThrownBy(() -> trainer.train(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fp32 only").hasMessageContaining("int8");
    }

    @Test
    void aLongPromptKeepsItsTailSoTheResponseIsInsideMaxLength() {
        // Act
        CausalLmExample e = DecoderTexts.encode(BYTES, InstructionTemplate.text("x".repeat(200), "", "ok"), 32);

        // Assert
        assertThat(e.promptLength()).isEqualTo(16);
        int[] tokens = e.tokens();
        assertThat(Arrays.copyOfRange(tokens, 16, tokens.length)).containsExactly(3 + 'o', 3 + 'k', 2);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
