package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.RandomFactors;

class FedItTest {

    /** Rank-1 factors of a 2x2 matrix with alpha 1 (standard scaling, so s = 1 / 1 = 1). */
    static LoraFactors rankOne(float[] a, float[] b) {
        return new LoraFactors(1, 2, 2, a, b, 1.0, LoraScaling.STANDARD);
    }

    @Test
    void averagesFactorsSeparatelyWhichDiffersFromTheAverageProduct() {
        // Prepare: client 1 (n = 1): A = [1 0], B = [1; 0], B A = [[1,0],[0,0]]
        //          client 2 (n = 3): A = [0 1], B = [0; 1], B A = [[0,0],[0,1]]
        //          p = (1/4, 3/4); heads [2] and [6]
        Adapter c1 = new Adapter(Map.of("q", rankOne(new float[] {1, 0}, new float[] {1, 0})),
                Map.of("head", new DenseTensor(new int[] {1}, new float[] {2})));
        Adapter c2 = new Adapter(Map.of("q", rankOne(new float[] {0, 1}, new float[] {0, 1})),
                Map.of("head", new DenseTensor(new int[] {1}, new float[] {6})));
        List<WeightedAdapter> updates = List.of(new WeightedAdapter(c1, 1), new WeightedAdapter(c2, 3));

        // Execute
        Adapter avg = new FedIt().aggregate(c1, updates);
        double[] productAverage = ProductAverage.dense("q", updates);

        // Assert: A = 1/4 [1 0] + 3/4 [0 1] = [0.25 0.75]; B = [0.25; 0.75]; head = 2/4 + 18/4 = 5
        LoraFactors q = avg.factors("q");
        assertThat(q.a()).containsExactly(0.25f, 0.75f);
        assertThat(q.b()).containsExactly(0.25f, 0.75f);
        assertThat(avg.dense().get("head").values()).containsExactly(5f);
        // FedIT's B A = [[1/16, 3/16], [3/16, 9/16]], but the average of products is [[1/4, 0], [0, 3/4]]
        assertThat(q.product()).containsExactly(new double[] {0.0625, 0.1875, 0.1875, 0.5625}, within(1e-12));
        assertThat(productAverage).containsExactly(new double[] {0.25, 0, 0, 0.75}, within(1e-12));
    }

    @Test
    void averageOfIdenticalAdaptersIsThatAdapterAndWeightsOnlyMatterRelatively() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(seed);
            int r = 1 + rng.nextInt(6);
            List<WeightedAdapter> updates = RandomFactors.clients(rng, 7, 5, 3, new int[][] {{r, r}, {r, r}, {r, r}});
            Adapter same = updates.get(0).adapter();
            List<WeightedAdapter> copies = List.of(new WeightedAdapter(same, 2), new WeightedAdapter(same, 9));
            List<WeightedAdapter> scaled = updates.stream()
                    .map(u -> new WeightedAdapter(u.adapter(), 10 * u.weight())).toList();

            // Execute
            Adapter ofCopies = new FedIt().aggregate(same, copies);
            Adapter once = new FedIt().aggregate(same, updates);
            Adapter tenfold = new FedIt().aggregate(same, scaled);

            // Assert
            assertThat(ofCopies.flatten()).as("seed %d", seed).containsExactly(same.flatten(), within(1e-6f));
            assertThat(tenfold.flatten()).as("seed %d", seed).containsExactly(once.flatten(), within(1e-6f));
            assertThat(once.sameLayout(same)).isTrue();
        }
    }

    @Test
    void eachEntryIsTheWeightedMeanOfTheClients() {
        for (int seed = 0; seed < 30; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(100 + seed);
            List<WeightedAdapter> updates = RandomFactors.clients(rng, 4, 6, 2, new int[][] {{3}, {3}, {3}, {3}});
            double total = updates.stream().mapToDouble(WeightedAdapter::weight).sum();

            // Execute
            float[] avg = new FedIt().aggregate(updates.get(0).adapter(), updates).flatten();

            // Assert
            for (int i = 0; i < avg.length; i++) {
                double expected = 0;
                for (WeightedAdapter u : updates) {
                    expected += u.weight() / total * u.adapter().flatten()[i];
                }
                assertThat((double) avg[i]).as("seed %d entry %d", seed, i).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void rejectsEmptyListsAndUpdatesOfAnotherLayout() {
        // Prepare
        RandomGenerator rng = RandomFactors.rng(5);
        Adapter global = RandomFactors.clients(rng, 4, 3, 0, new int[][] {{2}}).get(0).adapter();
        Adapter otherRank = RandomFactors.clients(rng, 4, 3, 0, new int[][] {{3}}).get(0).adapter();
        Adapter otherShape = RandomFactors.clients(rng, 5, 3, 0, new int[][] {{2}}).get(0).adapter();
        Adapter otherName = Adapter.ofLora(Map.of("x", global.factors("m0")));
        Adapter otherAlpha = global.mapLora((n, f) -> new LoraFactors(f.rank(), f.inFeatures(), f.outFeatures(),
                f.a(), f.b(), 8.0, f.scaling()));
        FedIt fedIt = new FedIt();

        // Execute / Assert
        assertThatThrownBy(() -> fedIt.aggregate(global, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client updates must not be empty");
        assertThatThrownBy(() -> fedIt.aggregate(global, List.of(new WeightedAdapter(otherRank, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client update 0")
                .hasMessageContaining("ranks");
        assertThatThrownBy(() -> fedIt.aggregate(global, List.of(new WeightedAdapter(global, 1), new WeightedAdapter(otherShape, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client update 1 matrix 'm0' is 3x5");
        assertThatThrownBy(() -> fedIt.aggregate(global, List.of(new WeightedAdapter(otherName, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has LoRA matrices [x]");
        assertThatThrownBy(() -> fedIt.aggregate(global, List.of(new WeightedAdapter(otherAlpha, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha 8.0");
        assertThatThrownBy(() -> new WeightedAdapter(global, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregation weight");
        assertThatThrownBy(() -> new WeightedAdapter(global, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregation weight");
    }
}
