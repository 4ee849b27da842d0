package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.SentenceClassifier;

class FlopModelTest {
    /** 2 layers, hidden 4, 2 heads, FFN 8. */
    private static final MiniLmConfig TINY = new MiniLmConfig(2, 4, 2, 8, 10, 16, 2, 1e-12f);

    private static Adapter adapter(Map<String, LoraFactors> lora, int classes) {
        return new Adapter(lora, Map.of(SentenceClassifier.HEAD_WEIGHT, DenseTensor.zeros(classes, 4),
                SentenceClassifier.HEAD_BIAS, DenseTensor.zeros(classes)));
    }

    @Test
    void countsTheMatrixProductsOfATinyEncoderByHand() {
        // Prepare: LoRA r=1 on layer.1.attention.query (4x4): P = 1 (4 + 4) = 8; 3 classes
        Adapter a = adapter(Map.of("layer.1.attention.query", LoraFactors.zeros(1, 4, 4, 1, LoraScaling.STANDARD)), 3);
        FlopModel model = FlopModel.of(TINY, a);

        // Execute
        long forward = model.forwardFlops(2, 3);
        long training = model.trainingFlops(2, 3);

        // Assert, with B = 2, T = 3, H = 4, I = 8:
        // frozen linears per token 2 (4 * 16 + 2 * 4 * 8) = 2 * 128 = 256; B T = 6 tokens -> 1,536 per layer
        // attention per sequence 4 T^2 H = 4 * 9 * 4 = 144; B = 2 -> 288 per layer
        // forward: 2 layers * (1,536 + 288) = 3,648; LoRA 2 * 6 * 8 = 96; head 2 * 2 * 4 * 3 = 48 -> 3,792
        assertThat(forward).isEqualTo(3_792);
        // backward only above the lowest adapted layer (layer 1, i.e. 1 layer): 1,536 + 2 * 288 = 2,112;
        // LoRA 2 * 96 = 192; head 2 * 48 = 96 -> 2,400; training = 3,792 + 2,400 = 6,192
        assertThat(training).isEqualTo(6_192);
        assertThat(model.loraParameters()).isEqualTo(8);
        assertThat(model.lowestAdaptedLayer()).isEqualTo(1);
    }

    @Test
    void headOnlyAdapterDifferentiatesOnlyTheHead() {
        // Prepare: no LoRA, 2 classes
        FlopModel model = FlopModel.of(TINY, adapter(Map.of(), 2));

        // Execute
        long extra = model.trainingFlops(1, 2) - model.forwardFlops(1, 2);

        // Assert: backward = 2 x head forward = 2 * (2 * 1 * 4 * 2) = 32
        assertThat(extra).isEqualTo(32);
        assertThat(model.lowestAdaptedLayer()).isEqualTo(2);
    }

    @Test
    void miniLmStepIsAboutFourFlopsPerFrozenWeightPerToken() {
        // Prepare: all-MiniLM-L6-v2, query+value rank 8 on all 6 layers, batch 16 x 32
        MiniLmConfig c = MiniLmConfig.allMiniLmL6V2();
        FlopModel model = new FlopModel(c, 12L * 8 * (384 + 384), 0, 2);

        // Execute
        long training = model.trainingFlops(16, 32);

        // Assert: linear weights 6 (4 * 384^2 + 2 * 384 * 1536) = 10,616,832; 4 x that x 512 tokens
        // = 21.74 GFLOP, plus attention 12 * 32^2 * 384 * 16 * 6 = 0.45 GFLOP and LoRA 6 * 512 * 73,728
        // = 0.23 GFLOP -> 22.4 GFLOP
        long linear = 4L * 10_616_832 * 512;
        long attention = 12L * 32 * 32 * 384 * 16 * 6;
        long lora = 6L * 512 * 73_728;
        long head = 6L * 16 * 384 * 2;
        assertThat(training).isEqualTo(linear + attention + lora + head);
    }

    @Test
    void trainingCostsBetweenOneAndThreeForwardPassesAndGrowsWithTheBatch() {
        SplittableRandom random = new SplittableRandom(8);
        MiniLmConfig c = MiniLmConfig.allMiniLmL6V2();
        for (int i = 0; i < 100; i++) {
            // Prepare
            int lowest = random.nextInt(7);
            long lora = lowest == 6 ? 0 : 1 + random.nextInt(100_000);
            FlopModel model = new FlopModel(c, lora, lowest, 1 + random.nextInt(10));
            int b = 1 + random.nextInt(64);
            int t = 2 + random.nextInt(126);

            // Execute
            long forward = model.forwardFlops(b, t);
            long training = model.trainingFlops(b, t);

            // Assert
            assertThat(training).isGreaterThan(forward).isLessThanOrEqualTo(3 * forward);
            assertThat(model.trainingFlops(b + 1, t)).isGreaterThan(training);
            assertThat(model.trainingFlops(b, t + 1)).isGreaterThan(training);
        }
    }

    @Test
    void rejectsInconsistentArguments() {
        assertThatThrownBy(() -> new FlopModel(TINY, -1, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loraParameters");
        assertThatThrownBy(() -> new FlopModel(TINY, 0, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowest adapted layer");
        assertThatThrownBy(() -> new FlopModel(TINY, 8, 3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowestAdaptedLayer");
        assertThatThrownBy(() -> new FlopModel(TINY, 8, 0, 2).forwardFlops(0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
    }
}
