package org.lorasim.actors.systemonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;

class SyntheticUpdateSumTest {
    private static final SyntheticNoise NOISE = new SyntheticNoise(8, 16);

    @Test
    void oneUpdateWithAnyWeightGivesTheMaterialisedAdapter() {
        // Prepare
        Adapter global = SyntheticAdapters.tinyAdapter();
        SyntheticUpdate update = new SyntheticUpdate(12, 0.3);
        SyntheticUpdateSum sum = new SyntheticUpdateSum(global, NOISE);

        // Execute: (w delta) / w = delta
        sum.add(update, 7);
        Adapter mean = sum.mean();

        // Assert
        float[] expected = NOISE.materialise(global, update).flatten();
        float[] actual = mean.flatten();
        assertThat(mean.sameLayout(global)).isTrue();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void theSumIsTheWeightedMeanOfTheMaterialisedAdapters() {
        SplittableRandom random = new SplittableRandom(4);
        Adapter global = SyntheticAdapters.miniLmQueryValue(1, 2);
        for (int trial = 0; trial < 50; trial++) {
            // Prepare
            int clients = 1 + random.nextInt(6);
            SyntheticUpdate[] updates = new SyntheticUpdate[clients];
            double[] weights = new double[clients];
            double total = 0;
            for (int k = 0; k < clients; k++) {
                updates[k] = new SyntheticUpdate(random.nextLong(), random.nextDouble());
                weights[k] = 0.5 + random.nextInt(10);
                total += weights[k];
            }
            SyntheticUpdateSum sum = new SyntheticUpdateSum(global, NOISE);

            // Execute
            for (int k = 0; k < clients; k++) {
                sum.add(updates[k], weights[k]);
            }
            float[] actual = sum.mean().flatten();

            // Assert: sum_k w_k adapter_k / sum_k w_k, computed from materialised adapters
            double[] expected = new double[actual.length];
            for (int k = 0; k < clients; k++) {
                float[] adapter = NOISE.materialise(global, updates[k]).flatten();
                for (int i = 0; i < adapter.length; i++) {
                    expected[i] += weights[k] * adapter[i] / total;
                }
            }
            assertThat(sum.count()).isEqualTo(clients);
            for (int i = 0; i < actual.length; i++) {
                assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-5 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void anEmptySumAndBadWeightsAreRejected() {
        SyntheticUpdateSum sum = new SyntheticUpdateSum(SyntheticAdapters.tinyAdapter(), NOISE);
        assertThatThrownBy(sum::mean)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no synthetic updates");
        assertThatThrownBy(() -> sum.add(new SyntheticUpdate(1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("update weight");
        assertThatThrownBy(() -> sum.add(new SyntheticUpdate(1, 1), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("update weight");
        assertThatThrownBy(() -> new SyntheticUpdateSum(new Adapter(Map.of(), Map.of()), NOISE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("global adapter is empty");
    }
}
