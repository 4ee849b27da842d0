package org.lorasim.policies.fedpipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.fedpipe.PartialAggregation.Normalisation;
import org.lorasim.policies.fedpipe.PartialAggregation.Share;

class PartialAggregationTest {

    @Test
    void sharesAreNormalisedOverTheHolders() {
        // Prepare: client 0 (10 examples) holds q at r=4 and v at r=2; client 1 (30) holds q at r=8;
        //          client 2 (60) holds v at r=2
        List<Map<String, Integer>> holdings = List.of(Map.of("q", 4, "v", 2), Map.of("q", 8), Map.of("v", 2));
        double[] examples = {10, 30, 60};

        // Execute
        SortedMap<String, List<Share>> holders = PartialAggregation.shares(holdings, examples, Normalisation.HOLDERS);
        SortedMap<String, List<Share>> all = PartialAggregation.shares(holdings, examples, Normalisation.ALL_UPDATES);

        // Assert: q: 10 / 40 = 0.25 and 30 / 40 = 0.75; v: 10 / 70 and 60 / 70
        //         over all 100 examples: q 0.1 and 0.3, v 0.1 and 0.6
        assertThat(holders.get("q")).containsExactly(new Share(0, 4, 0.25), new Share(1, 8, 0.75));
        assertThat(holders.get("v")).containsExactly(new Share(0, 2, 10.0 / 70), new Share(2, 2, 60.0 / 70));
        assertThat(all.get("q")).containsExactly(new Share(0, 4, 0.1), new Share(1, 8, 0.3));
        assertThat(all.get("v")).containsExactly(new Share(0, 2, 0.1), new Share(2, 2, 0.6));
    }

    @Test
    void productsAreAveragedOverHoldersOfDifferentRanks() {
        // Prepare: 1x2 matrix "q"; client 0 (weight 1): r=1, A = [1, 2], B = [1], alpha 1 -> s B A = [1, 2]
        //          client 1 (weight 3): r=2, A = [[1, 0], [0, 1]], B = [2, 2], alpha 2 -> s = 1, s B A = [2, 2]
        //          client 1 also holds "v" alone
        Adapter c0 = Adapter.ofLora(Map.of("q", new LoraFactors(1, 2, 1, new float[] {1, 2}, new float[] {1}, 1, LoraScaling.STANDARD)));
        Adapter c1 = Adapter.ofLora(Map.of(
                "q", new LoraFactors(2, 2, 1, new float[] {1, 0, 0, 1}, new float[] {2, 2}, 2, LoraScaling.STANDARD),
                "v", new LoraFactors(1, 1, 1, new float[] {3}, new float[] {1}, 1, LoraScaling.STANDARD)));
        List<WeightedAdapter> updates = List.of(new WeightedAdapter(c0, 1), new WeightedAdapter(c1, 3));

        // Execute
        SortedMap<String, double[]> dw = PartialAggregation.averageProducts(updates, Normalisation.HOLDERS);
        SortedMap<String, double[]> dwAll = PartialAggregation.averageProducts(updates, Normalisation.ALL_UPDATES);

        // Assert: q = 0.25 * [1, 2] + 0.75 * [2, 2] = [1.75, 2]; v held by client 1 only: [3] (HOLDERS)
        //         or 0.75 * [3] = [2.25] when the absent client counts as zero
        assertThat(dw.get("q")).containsExactly(1.75, 2.0);
        assertThat(dw.get("v")).containsExactly(3.0);
        assertThat(dwAll.get("v")).containsExactly(2.25);
        assertThat(PartialAggregation.uncovered(List.of("q", "v", "k", "o"), updates)).containsExactly("k", "o");
    }

    @Test
    void withFullCoverageBothNormalisationsAreTheWeightedProductMean() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 50; trial++) {
            // Prepare: 2-4 clients all holding "w" (3x4) at random ranks, plus a shared head
            int clients = rng.nextInt(2, 5);
            List<WeightedAdapter> updates = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int r = rng.nextInt(1, 4);
                LoraFactors f = new LoraFactors(r, 4, 3, random(rng, r * 4), random(rng, 3 * r), 8, LoraScaling.STANDARD);
                DenseTensor head = new DenseTensor(new int[] {2}, random(rng, 2));
                updates.add(new WeightedAdapter(new Adapter(Map.of("w", f), Map.of("head", head)), rng.nextDouble(1, 10)));
            }

            // Execute
            double[] holders = PartialAggregation.averageProducts(updates, Normalisation.HOLDERS).get("w");
            double[] all = PartialAggregation.averageProducts(updates, Normalisation.ALL_UPDATES).get("w");
            float[] head = PartialAggregation.averageDense(updates, Normalisation.HOLDERS).get("head").values();

            // Assert
            double total = updates.stream().mapToDouble(WeightedAdapter::weight).sum();
            double[] expected = new double[12];
            double[] expectedHead = new double[2];
            for (WeightedAdapter u : updates) {
                double[] p = u.adapter().factors("w").product();
                for (int i = 0; i < 12; i++) {
                    expected[i] += u.weight() / total * p[i];
                }
                for (int i = 0; i < 2; i++) {
                    expectedHead[i] += u.weight() / total * u.adapter().dense().get("head").values()[i];
                }
            }
            for (int i = 0; i < 12; i++) {
                assertThat(holders[i]).isCloseTo(expected[i], within(1e-12));
                assertThat(all[i]).isCloseTo(expected[i], within(1e-12));
            }
            assertThat((double) head[0]).isCloseTo(expectedHead[0], within(1e-6));
            assertThat((double) head[1]).isCloseTo(expectedHead[1], within(1e-6));
        }
    }

    @Test
    void badInputsAreRejected() {
        Adapter a = Adapter.ofLora(Map.of("q", LoraFactors.zeros(1, 2, 3, 1, LoraScaling.STANDARD)));
        Adapter b = Adapter.ofLora(Map.of("q", LoraFactors.zeros(1, 3, 3, 1, LoraScaling.STANDARD)));
        assertThatThrownBy(() -> PartialAggregation.averageProducts(
                List.of(new WeightedAdapter(a, 1), new WeightedAdapter(b, 1)), Normalisation.HOLDERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix 'q' is 3x3 in update 1");
        assertThatThrownBy(() -> PartialAggregation.shares(List.of(Map.of("q", 1)), new double[] {0}, Normalisation.HOLDERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("examples[0]");
        assertThatThrownBy(() -> PartialAggregation.shares(List.of(Map.of("q", 1)), new double[] {1, 2}, Normalisation.HOLDERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights for 1 updates");
        assertThatThrownBy(() -> PartialAggregation.averageProducts(List.of(), Normalisation.HOLDERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates");
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
