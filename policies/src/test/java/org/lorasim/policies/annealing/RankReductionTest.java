package org.lorasim.policies.annealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.linalg.FullSvd;
import org.lorasim.policies.linalg.Matrices;
import org.lorasim.policies.linalg.TruncatedSvd;
import org.lorasim.policies.testing.RandomFactors;

class RankReductionTest {

    @Test
    void keepsTheLargestDirectionOfADiagonalUpdate() {
        // Prepare: rank 2, alpha 2 (s = 1), A = I, B = diag(3, 1): s B A = diag(3, 1)
        LoraFactors f = new LoraFactors(2, 2, 2, new float[] {1, 0, 0, 1}, new float[] {3, 0, 0, 1}, 2.0, LoraScaling.STANDARD);

        // Execute
        LoraFactors reduced = RankReduction.reduce(f, 1);

        // Assert: best rank 1 = diag(3, 0); s' = 2 / 1 = 2, so B' = +-[3 / 2; 0] = +-[1.5; 0], A' = +-[1 0]
        assertThat(reduced.rank()).isEqualTo(1);
        assertThat(reduced.scale()).isEqualTo(2.0);
        assertThat(reduced.product()).containsExactly(new double[] {3, 0, 0, 0}, within(1e-6));
        assertThat(Math.abs(reduced.b()[0])).isCloseTo(1.5f, within(1e-6f));
        assertThat(reduced.b()[1]).isCloseTo(0f, within(1e-6f));
        // Eckart-Young: the error is the dropped singular value, 1
        assertThat(Matrices.frobeniusDistance(reduced.product(), f.product())).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void errorIsTheDroppedSpectrumAndBeatsDroppingComponents() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(seed);
            int in = 3 + rng.nextInt(18);
            int out = 3 + rng.nextInt(18);
            int r = 2 + rng.nextInt(Math.min(9, Math.min(in, out) - 1));
            LoraScaling scaling = rng.nextBoolean() ? LoraScaling.STANDARD : LoraScaling.RANK_STABILIZED;
            LoraFactors f = RandomFactors.factors(rng, r, in, out, 8.0, scaling);
            int newRank = 1 + rng.nextInt(r - 1);
            double[] full = f.product();
            TruncatedSvd spectrum = FullSvd.topK(Matrices.of(full, out, in), Math.min(in, out));
            double dropped = 0;
            for (int j = newRank; j < spectrum.rank(); j++) {
                dropped += spectrum.singularValues()[j] * spectrum.singularValues()[j];
            }
            LoraFactors randomCut = keepComponents(f, rng.ints(0, r).distinct().limit(newRank).sorted().toArray());

            // Execute
            LoraFactors reduced = RankReduction.reduce(f, newRank);

            // Assert
            double error = Matrices.frobeniusDistance(reduced.product(), full);
            double norm = Matrices.frobeniusNorm(full);
            assertThat(reduced.rank()).isEqualTo(newRank);
            assertThat(reduced.scaling()).isEqualTo(scaling);
            assertThat(error).as("seed %d", seed).isCloseTo(Math.sqrt(dropped), within(1e-5 * norm));
            assertThat(error).as("seed %d", seed)
                    .isLessThanOrEqualTo(Matrices.frobeniusDistance(randomCut.product(), full) + 1e-5 * norm);
        }
    }

    @Test
    void reducingToTheSameRankKeepsTheProduct() {
        for (int seed = 0; seed < 30; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(300 + seed);
            LoraFactors f = RandomFactors.factors(rng, 1 + rng.nextInt(5), 6 + rng.nextInt(5), 6 + rng.nextInt(5), 16, LoraScaling.STANDARD);

            // Execute
            LoraFactors same = RankReduction.reduce(f, f.rank());

            // Assert
            assertThat(RandomFactors.relativeDistance(same.product(), f.product())).as("seed %d", seed).isLessThan(1e-5);
        }
    }

    @Test
    void reducesTheNamedMatricesOfAnAdapterAndKeepsTheRest() {
        // Prepare
        Adapter adapter = RandomFactors.clients(RandomFactors.rng(7), 8, 8, 2, new int[][] {{6, 4}}).get(0).adapter();

        // Execute
        Adapter reduced = RankReduction.reduce(adapter, Map.of("m0", 3));

        // Assert
        assertThat(reduced.factors("m0").rank()).isEqualTo(3);
        assertThat(reduced.factors("m1")).isEqualTo(adapter.factors("m1"));
        assertThat(reduced.dense()).isEqualTo(adapter.dense());
    }

    @Test
    void rejectsBadRanksAndUnknownMatrices() {
        // Prepare: rank 4 on a 3x5 (out x in) matrix
        LoraFactors f = RandomFactors.factors(RandomFactors.rng(1), 4, 5, 3, 8, LoraScaling.STANDARD);
        Adapter adapter = Adapter.ofLora(Map.of("q", f));

        // Execute / Assert
        assertThatThrownBy(() -> RankReduction.reduce(f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new rank must be > 0");
        assertThatThrownBy(() -> RankReduction.reduce(f, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new rank 5 exceeds the current rank 4");
        assertThatThrownBy(() -> RankReduction.reduce(f, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new rank 4 exceeds min(in, out)=3");
        assertThatThrownBy(() -> RankReduction.reduce(adapter, Map.of("k", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no LoRA matrix named 'k'");
        assertThatThrownBy(() -> RankReduction.reduce(adapter, Map.of("q", 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix 'q': new rank 9");
    }

    /** The factors restricted to the given components, with the original scale s. */
    private static LoraFactors keepComponents(LoraFactors f, int[] keep) {
        int r = f.rank();
        int in = f.inFeatures();
        int out = f.outFeatures();
        float[] a = new float[keep.length * in];
        float[] b = new float[out * keep.length];
        for (int j = 0; j < keep.length; j++) {
            System.arraycopy(f.a(), keep[j] * in, a, j * in, in);
            for (int o = 0; o < out; o++) {
                b[o * keep.length + j] = f.b()[o * r + keep[j]];
            }
        }
        // same s as the rank-r original: alpha' chosen so that scaling.factor(alpha', |keep|) = s
        double alpha = f.scale() * (f.scaling() == LoraScaling.STANDARD ? keep.length : Math.sqrt(keep.length));
        return new LoraFactors(keep.length, in, out, a, b, alpha, f.scaling());
    }
}
