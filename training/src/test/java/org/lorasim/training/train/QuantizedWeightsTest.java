package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.quantization.Quantizers;
import org.lorasim.training.data.Example;
import org.lorasim.training.eval.Evaluation;
import org.lorasim.training.eval.Evaluator;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.MiniLmFixture;
import org.lorasim.training.model.MiniLmWeights;

class QuantizedWeightsTest {

    private static double meanAbsoluteDifference(float[][] a, float[][] b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                sum += Math.abs(a[i][c] - b[i][c]);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void int8AndInt4RoundEachOutputRowWithinHalfAStepAndShareTheRest() {
        // Prepare
        String name = BaseMatrices.weightName("layer.1.attention.key");
        float[] exact = MiniLmFixture.WEIGHTS.get(name).toFloatArray();

        // Execute
        MiniLmWeights int8 = TrainFixture.BASE.weights("int8");
        MiniLmWeights int4 = TrainFixture.BASE.weights("INT4");
        float[] w8 = int8.get(name).toFloatArray();
        float[] w4 = int4.get(name).toFloatArray();

        // Assert: per row r of the 384 x 384 matrix, |w - q(w)| <= absmax_r / 127 / 2 (int8), / 7 / 2 (int4)
        for (int r = 0; r < 384; r++) {
            double absmax = 0;
            for (int c = 0; c < 384; c++) {
                absmax = Math.max(absmax, Math.abs(exact[r * 384 + c]));
            }
            for (int c = 0; c < 384; c++) {
                int i = r * 384 + c;
                assertThat((double) Math.abs(w8[i] - exact[i])).isLessThanOrEqualTo(absmax / 127 / 2 * 1.0001);
                assertThat((double) Math.abs(w4[i] - exact[i])).isLessThanOrEqualTo(absmax / 7 / 2 * 1.0001);
            }
        }
        assertThat(w8).isNotEqualTo(exact);
        assertThat(TrainFixture.BASE.weights("int8")).isSameAs(int8);
        assertThat(int4.get("embeddings.word_embeddings.weight"))
                .isSameAs(MiniLmFixture.WEIGHTS.get("embeddings.word_embeddings.weight"));
        assertThat(int4.get("encoder.layer.1.attention.self.key.bias"))
                .isSameAs(MiniLmFixture.WEIGHTS.get("encoder.layer.1.attention.self.key.bias"));
        // payload: 10,616,832 weights + 4 bytes x 20,736 rows (6 x (4 x 384 + 1536 + 384)) = 10,699,776 bytes in
        // int8; half the codes in int4: 5,308,416 + 82,944 = 5,391,360
        assertThat(QuantizedWeights.linearWeightBytes(MiniLmFixture.WEIGHTS, Quantizers.byName("int8")))
                .isEqualTo(10_699_776L);
        assertThat(QuantizedWeights.linearWeightBytes(MiniLmFixture.WEIGHTS, Quantizers.byName("int4")))
                .isEqualTo(5_391_360L);
    }

    @Test
    void int4MovesTheLogitsMoreThanInt8AndTrainingOnItWorks() {
        // Prepare: a fresh adapter and 48 held-out sentences
        List<Example> heldOut = TrainFixture.heldOutSample(48, 14);
        List<String> texts = heldOut.stream().map(Example::text).toList();
        try (Trainer trainer = new Trainer(TrainFixture.BASE); Evaluator evaluator = new Evaluator(TrainFixture.BASE)) {
            Adapter adapter = trainer.initialAdapter(LoraSpec.queryValue(4, 8), 2, 15);

            // Execute
            float[][] fp32 = evaluator.logits(adapter, texts, 48, 32, "fp32");
            float[][] int8 = evaluator.logits(adapter, texts, 48, 32, "int8");
            float[][] int4 = evaluator.logits(adapter, texts, 48, 32, "int4");
            Evaluation onInt4 = evaluator.evaluate(adapter, heldOut, 48, 32, "int4");
            TrainingRequest request = TrainingRequest.builder(adapter, heldOut).steps(2).batchSize(8).maxLength(32)
                    .seed(15).build();
            TrainingResult onFp32 = trainer.train(request);
            TrainingResult trainedOnInt4 = trainer.train(TrainingRequest.builder(adapter, heldOut).steps(2).batchSize(8)
                    .maxLength(32).seed(15).basePrecision("int4").build());

            // Assert
            double d8 = meanAbsoluteDifference(int8, fp32);
            double d4 = meanAbsoluteDifference(int4, fp32);
            System.out.printf("mean |logit - fp32 logit|: int8 %.2e, int4 %.2e%n", d8, d4);
            assertThat(d8).isPositive();
            assertThat(d4).isGreaterThan(3 * d8);
            assertThat(onInt4.examples()).isEqualTo(48);
            assertThat(trainedOnInt4.adapter().flatten()).isNotEqualTo(onFp32.adapter().flatten());
            assertThat(trainedOnInt4.stepLosses()).allMatch(Double::isFinite);
        }
    }

    @Test
    void rejectsStochasticAndUnknownPrecisions() {
        assertThatThrownBy(() -> TrainFixture.BASE.weights("int8-stochastic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deterministic");
        assertThatThrownBy(() -> TrainFixture.BASE.weights("int2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int2");
        assertThatThrownBy(() -> MiniLmFixture.WEIGHTS.withValues(MiniLmFixture.ROOT, Map.of("encoder.layer.9.x", new float[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'encoder.layer.9.x'");
        assertThatThrownBy(() -> MiniLmFixture.WEIGHTS.withValues(MiniLmFixture.ROOT,
                Map.of("embeddings.LayerNorm.bias", new float[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embeddings.LayerNorm.bias")
                .hasMessageContaining("expected 384");
    }
}
