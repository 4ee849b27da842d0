package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.testing.RandomFactors;

class ProductAverageTest {

    @Test
    void isTheWeightedSumOfEachClientsScaledProduct() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare: clients of ranks 1..8 on the same 6x9 matrices
            RandomGenerator rng = RandomFactors.rng(seed);
            int[][] ranks = new int[2 + rng.nextInt(4)][];
            for (int k = 0; k < ranks.length; k++) {
                ranks[k] = new int[] {1 + rng.nextInt(8)};
            }
            List<WeightedAdapter> updates = RandomFactors.clients(rng, 9, 6, 0, ranks);
            double total = updates.stream().mapToDouble(WeightedAdapter::weight).sum();
            double[] expected = new double[54];
            for (WeightedAdapter u : updates) {
                double[] product = u.adapter().factors("m0").product();
                for (int i = 0; i < expected.length; i++) {
                    expected[i] += u.weight() / total * product[i];
                }
            }

            // Execute
            double[] dense = ProductAverage.dense("m0", updates);
            LowRankSum factored = ProductAverage.factored("m0", updates);

            // Assert
            assertThat(RandomFactors.relativeDistance(dense, expected)).as("seed %d", seed).isLessThan(1e-12);
            assertThat(factored.rank()).isEqualTo(java.util.Arrays.stream(ranks).mapToInt(r -> r[0]).sum());
            assertThat(factored.rows()).isEqualTo(6);
            assertThat(factored.cols()).isEqualTo(9);
        }
    }

    @Test
    void usesEachClientsOwnScale() {
        // Prepare: ranks 1 and 2, alpha 16: s = 16 and 8; equal weights, p = 1/2 each
        RandomGenerator rng = RandomFactors.rng(4);
        List<WeightedAdapter> updates = RandomFactors.clients(rng, 3, 3, 0, new int[][] {{1}, {2}});
        List<WeightedAdapter> equal = updates.stream().map(u -> new WeightedAdapter(u.adapter(), 1)).toList();

        // Execute
        LowRankSum sum = ProductAverage.factored("m0", equal);

        // Assert: term weights p_k s_k = 1/2 * 16 = 8 and 1/2 * 8 = 4
        assertThat(sum.terms().get(0).weight()).isCloseTo(8.0, within(1e-12));
        assertThat(sum.terms().get(1).weight()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void rejectsEmptyListsUnknownMatricesAndMismatchedShapes() {
        // Prepare
        RandomGenerator rng = RandomFactors.rng(6);
        List<WeightedAdapter> a = RandomFactors.clients(rng, 3, 4, 0, new int[][] {{2}});
        List<WeightedAdapter> b = RandomFactors.clients(rng, 3, 5, 0, new int[][] {{2}});

        // Execute / Assert
        assertThatThrownBy(() -> ProductAverage.dense("m0", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client updates must not be empty");
        assertThatThrownBy(() -> ProductAverage.dense("nope", a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no LoRA matrix named 'nope'");
        assertThatThrownBy(() -> ProductAverage.factored("m0", List.of(a.get(0), b.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client update 1 matrix 'm0' is 5x3");
    }
}
