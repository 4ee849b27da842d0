package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.RandomFactors;

class HetLoraTest {

    /** 2x2 matrix, alpha 2, standard scaling: rank 1 has s = 2, rank 2 has s = 1. */
    static LoraFactors factors(int rank, float[] a, float[] b) {
        return new LoraFactors(rank, 2, 2, a, b, 2.0, LoraScaling.STANDARD);
    }

    static List<WeightedAdapter> round() {
        // client 1 (n = 1), rank 1: A = [1 2], B = [3; 4]
        // client 2 (n = 3), rank 2: A = [[1,0],[0,2]], B = [[2,0],[0,2]]
        return List.of(
                new WeightedAdapter(Adapter.ofLora(Map.of("q", factors(1, new float[] {1, 2}, new float[] {3, 4}))), 1),
                new WeightedAdapter(Adapter.ofLora(Map.of("q", factors(2, new float[] {1, 0, 0, 2}, new float[] {2, 0, 0, 2}))), 3));
    }

    static Adapter globalOfRank2() {
        return Adapter.ofLora(Map.of("q", LoraFactors.zeros(2, 2, 2, 2.0, LoraScaling.STANDARD)));
    }

    @Test
    void zeroPadsSumsAndTruncates() {
        // Prepare: p = (1/4, 3/4), r_max = 2
        HetLora het = new HetLora();

        // Execute
        Adapter global = het.aggregate(globalOfRank2(), round());
        LoraFactors rank1 = het.truncate(global.factors("q"), 1);

        // Assert: A = 1/4 [[1,2],[0,0]] + 3/4 [[1,0],[0,2]] = [[1, 0.5], [0, 1.5]]
        //         B = 1/4 [[3,0],[4,0]] + 3/4 [[2,0],[0,2]] = [[2.25, 0], [1, 1.5]]
        assertThat(global.factors("q").a()).containsExactly(1f, 0.5f, 0f, 1.5f);
        assertThat(global.factors("q").b()).containsExactly(2.25f, 0f, 1f, 1.5f);
        // rank 1: first row of A, first column of B
        assertThat(rank1.a()).containsExactly(1f, 0.5f);
        assertThat(rank1.b()).containsExactly(2.25f, 1f);
    }

    @Test
    void optionalSqrtScaleOnAggregateAndOnTruncate() {
        // Prepare: c_1 = sqrt(s_1) = sqrt 2, c_2 = sqrt(s_2) = 1
        HetLora het = new HetLora(true, true);
        double r2 = Math.sqrt(2);

        // Execute
        Adapter global = het.aggregate(globalOfRank2(), round());
        LoraFactors rank1 = het.truncate(global.factors("q"), 1);

        // Assert: A[0, :] = 1/4 sqrt2 [1 2] + 3/4 [1 0] = [0.353553 + 0.75, 0.707107] = [1.103553, 0.707107]
        //         then / sqrt(s_1) = / sqrt 2: [0.780330, 0.5]
        assertThat(global.factors("q").a()[0]).isCloseTo((float) (0.25 * r2 + 0.75), within(1e-6f));
        assertThat(global.factors("q").a()[1]).isCloseTo((float) (0.5 * r2), within(1e-6f));
        assertThat(rank1.a()).containsExactly(new float[] {0.780330f, 0.5f}, within(1e-6f));
        // B[:, 0] = 1/4 sqrt2 [3; 4] + 3/4 [2; 0] = [1.06066 + 1.5, 1.414214]; / sqrt 2 = [1.810660, 1]
        assertThat(rank1.b()).containsExactly(new float[] {1.810660f, 1f}, within(1e-6f));
    }

    @Test
    void homogeneousRanksReduceToFedIt() {
        for (int seed = 0; seed < 40; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(seed);
            int r = 1 + rng.nextInt(5);
            List<WeightedAdapter> updates = RandomFactors.clients(rng, 6, 5, 2, new int[][] {{r}, {r}, {r}});
            Adapter global = updates.get(0).adapter();

            // Execute
            Adapter het = new HetLora().aggregate(global, updates);
            Adapter fedIt = new FedIt().aggregate(global, updates);

            // Assert
            assertThat(het.flatten()).as("seed %d", seed).containsExactly(fedIt.flatten(), within(1e-6f));
        }
    }

    @Test
    void truncatingTheGlobalRankKeepsEverythingAndAdapterTruncationCutsEachMatrix() {
        // Prepare
        RandomGenerator rng = RandomFactors.rng(21);
        Adapter global = RandomFactors.clients(rng, 5, 4, 1, new int[][] {{6, 3}}).get(0).adapter();

        // Execute
        Adapter same = new HetLora().truncate(global, Map.of("m0", 6, "m1", 3));
        Adapter cut = new HetLora().truncate(global, Map.of("m0", 2, "m1", 1));

        // Assert
        assertThat(same).isEqualTo(global);
        assertThat(cut.factors("m0").rank()).isEqualTo(2);
        assertThat(cut.factors("m0").a()).containsExactly(java.util.Arrays.copyOf(global.factors("m0").a(), 10));
        assertThat(cut.factors("m1").b()).containsExactly(global.factors("m1").b()[0], global.factors("m1").b()[3],
                global.factors("m1").b()[6], global.factors("m1").b()[9]);
        assertThat(cut.dense()).isEqualTo(global.dense());
    }

    @Test
    void rejectsRanksAboveRMaxAndBadTruncations() {
        // Prepare
        RandomGenerator rng = RandomFactors.rng(22);
        Adapter global = RandomFactors.clients(rng, 3, 3, 0, new int[][] {{2}}).get(0).adapter();
        List<WeightedAdapter> tooBig = RandomFactors.clients(rng, 3, 3, 0, new int[][] {{3}});
        HetLora het = new HetLora();

        // Execute / Assert
        assertThatThrownBy(() -> het.aggregate(global, tooBig))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 3 for 'm0', above the global rank r_max=2");
        assertThatThrownBy(() -> het.aggregate(global, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client updates must not be empty");
        assertThatThrownBy(() -> het.truncate(global.factors("m0"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated rank must be > 0");
        assertThatThrownBy(() -> het.truncate(global.factors("m0"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated rank 3 exceeds the global rank 2");
        assertThatThrownBy(() -> het.truncate(global, Map.of("x", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranks are given for [x]");
    }
}
