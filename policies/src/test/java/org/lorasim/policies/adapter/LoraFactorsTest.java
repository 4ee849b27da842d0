package org.lorasim.policies.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraFactorsTest {
    // A (rank 2 x in 2) = [[1, 0], [2, 3]], B (out 2 x rank 2) = [[1, 2], [0, 1]]
    // B A = [[1*1 + 2*2, 1*0 + 2*3], [0*1 + 1*2, 0*0 + 1*3]] = [[5, 6], [2, 3]]
    private static final float[] A = {1, 0, 2, 3};
    private static final float[] B = {1, 2, 0, 1};

    @Test
    void productIsAlphaOverRankTimesBA() {
        // Prepare: alpha 4, r 2 -> s = 2
        LoraFactors f = new LoraFactors(2, 2, 2, A, B, 4.0, LoraScaling.STANDARD);

        // Execute
        double[] dw = f.product();

        // Assert: 2 * [[5, 6], [2, 3]]
        assertThat(f.scale()).isEqualTo(2.0);
        assertThat(dw).containsExactly(10, 12, 4, 6);
    }

    @Test
    void rankStabilizedProductUsesAlphaOverSqrtRank() {
        // Prepare: alpha 4, r 2 -> s = 4 / sqrt 2 = 2 sqrt 2
        LoraFactors f = new LoraFactors(2, 2, 2, A, B, 4.0, LoraScaling.RANK_STABILIZED);

        // Execute
        double[] dw = f.product();

        // Assert
        double s = 2 * Math.sqrt(2);
        assertThat(dw).containsExactly(new double[] {5 * s, 6 * s, 2 * s, 3 * s}, within(1e-12));
    }

    @Test
    void productOfARectangularPairMatchesTheDefinition() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int r = rng.nextInt(1, 5);
            int in = rng.nextInt(1, 7);
            int out = rng.nextInt(1, 7);
            float[] a = new float[r * in];
            float[] b = new float[out * r];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) rng.nextGaussian();
            }
            LoraFactors f = new LoraFactors(r, in, out, a, b, 8.0, LoraScaling.STANDARD);

            // Execute
            double[] dw = f.product();

            // Assert: dw[o][i] = (8 / r) sum_k B[o][k] A[k][i]
            assertThat(dw).hasSize(out * in);
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    double expected = 0;
                    for (int k = 0; k < r; k++) {
                        expected += (double) b[o * r + k] * a[k * in + i];
                    }
                    assertThat(dw[o * in + i]).as("seed %d", seed).isCloseTo(8.0 / r * expected, within(1e-9));
                }
            }
        }
    }

    @Test
    void byteSizeIsFourTimesRankTimesInPlusOut() {
        // Prepare: r 2, in 3, out 5 -> 4 * 2 * (3 + 5) = 64 bytes
        LoraFactors f = LoraFactors.zeros(2, 3, 5, 1, LoraScaling.STANDARD);

        // Execute / Assert
        assertThat(f.parameterCount()).isEqualTo(16);
        assertThat(f.byteSize()).isEqualTo(64);
    }

    @Test
    void rejectsFactorsOfTheWrongShapeNamingAOrB() {
        assertThatThrownBy(() -> new LoraFactors(2, 2, 2, new float[3], B, 1, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A (rank x in)").hasMessageContaining("has 3 values, expected 4");
        assertThatThrownBy(() -> new LoraFactors(2, 2, 3, A, B, 1, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B (out x rank)").hasMessageContaining("has 4 values, expected 6");
        assertThatThrownBy(() -> new LoraFactors(2, 2, 2, null, B, 1, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (rank x in) must not be null");
        assertThatThrownBy(() -> new LoraFactors(0, 2, 2, A, B, 1, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank must be > 0, got 0");
        assertThatThrownBy(() -> new LoraFactors(2, 2, 2, A, B, Double.POSITIVE_INFINITY, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> LoraFactors.zeros(1, -1, 2, 1, LoraScaling.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inFeatures must be > 0, got -1");
    }

    @Test
    void equalityComparesValuesAndCopyIsIndependent() {
        // Prepare
        LoraFactors f = new LoraFactors(2, 2, 2, A.clone(), B.clone(), 4.0, LoraScaling.STANDARD);

        // Execute
        LoraFactors copy = f.copy();
        copy.a()[0] = 99;

        // Assert
        assertThat(f).isEqualTo(new LoraFactors(2, 2, 2, A.clone(), B.clone(), 4.0, LoraScaling.STANDARD));
        assertThat(f.a()[0]).isEqualTo(1f);
        assertThat(copy).isNotEqualTo(f);
        assertThat(f).isNotEqualTo(new LoraFactors(2, 2, 2, A.clone(), B.clone(), 4.0, LoraScaling.RANK_STABILIZED));
        assertThat(f.sameShape(copy)).isTrue();
        assertThat(f.sameShape(LoraFactors.zeros(1, 2, 2, 4.0, LoraScaling.STANDARD))).isFalse();
    }
}
