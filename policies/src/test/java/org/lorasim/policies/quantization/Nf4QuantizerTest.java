package org.lorasim.policies.quantization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Nf4QuantizerTest {

    @Test
    void theTableIsQloraNormalFloat4() {
        // Prepare / Execute
        float[] levels = Nf4Levels.levels();

        // Assert: bitsandbytes' table, ascending, exact zero at code 7
        assertThat(levels).containsExactly(-1.0f, -0.6961928009986877f, -0.5250730514526367f,
                -0.39491748809814453f, -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f,
                0.0f, 0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
                0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f);
        assertThat(Nf4Levels.level(Nf4Levels.ZERO_CODE)).isZero();
        // largest gap: -1.0 -> -0.6961928, 0.3038072 wide; half of it 0.1519036
        assertThat(Nf4Levels.MAX_HALF_GAP).isCloseTo(0.1519036, offset(1e-7));
    }

    @Test
    void codesAHandWorkedBlock() {
        // Prepare: absmax 2 -> normalised v = 1, -0.5, 0, 0.25
        float[] block = {2f, -1f, 0f, 0.5f};

        // Execute
        QuantizedMatrix q = Quantizers.nf4(Rounding.NEAREST).quantize(block, 1, 4);

        // Assert: nearest levels 1.0 (15), -0.5250731 (2; -0.3949 is further), 0 (7), 0.2461123 (10);
        //         nibbles F,2,7,A -> bytes 0xF2, 0x7A; x^ = 2 * level; 2 code bytes + 1 scale * 4 = 6
        assertThat(new int[] {q.code(0), q.code(1), q.code(2), q.code(3)}).containsExactly(15, 2, 7, 10);
        assertThat(q.codes()).containsExactly((byte) 0xF2, (byte) 0x7A);
        assertThat(q.scales()).containsExactly(2f);
        assertThat(q.dequantize()).containsExactly(new float[] {2f, -1.0501461f, 0f, 0.4922246f}, offset(1e-6f));
        assertThat(q.byteSize()).isEqualTo(6);
    }

    @Test
    void byteCountIsHalfAByteAnEntryPlusAScalePerBlock() {
        // Prepare: 10x13 = 130 entries, block 64 -> ceil(130/64) = 3 blocks
        Quantizer nf4 = Quantizers.nf4(Rounding.NEAREST);
        float[] x = SymmetricIntQuantizerTest.randomMatrix(new SplittableRandom(1), 10, 13);

        // Execute
        QuantizedMatrix q = nf4.quantize(x, 10, 13);

        // Assert: 130 / 2 = 65 code bytes + 3 * 4 scale bytes = 77
        assertThat(q.scales()).hasSize(3);
        assertThat(q.byteSize()).isEqualTo(77).isEqualTo(nf4.byteSize(10, 13));
        assertThat(Quantizers.of(QuantFormat.NF4, Rounding.NEAREST, 64).byteSize(1, 129)).isEqualTo(65 + 3 * 4);
    }

    @Test
    void everyEntryTakesTheNearestLevelWithinTheGapBound() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare
            int rows = rng.nextInt(1, 10);
            int cols = rng.nextInt(1, 50);
            int block = new int[] {64, 16, 7}[trial % 3];
            float[] x = SymmetricIntQuantizerTest.randomMatrix(rng, rows, cols);
            Quantizer nf4 = Quantizers.of(QuantFormat.NF4, Rounding.NEAREST, block);

            // Execute
            QuantizedMatrix q = nf4.quantize(x, rows, cols);
            float[] back = q.dequantize();

            // Assert: no other level is closer to x / absmax, and |x - x^| <= absmax * MAX_HALF_GAP
            for (int i = 0; i < x.length; i++) {
                float absmax = q.scales()[i / block];
                assertThat(absmax).isEqualTo(blockAbsmax(x, i / block, block));
                double bound = absmax * Nf4Levels.MAX_HALF_GAP + Math.ulp(absmax);
                assertThat(Math.abs((double) x[i] - back[i])).isLessThanOrEqualTo(bound);
                if (absmax > 0) {
                    double v = x[i] / (double) absmax;
                    double chosen = Math.abs(v - Nf4Levels.level(q.code(i)));
                    for (int level = 0; level < Nf4Levels.count(); level++) {
                        assertThat(chosen).isLessThanOrEqualTo(Math.abs(v - Nf4Levels.level(level)));
                    }
                }
            }
        }
    }

    @Test
    void stochasticRoundingIsUnbiasedAndStaysWithinOneGap() {
        // Prepare: absmax 1; entries 30% and 70% of the way between neighbouring levels
        double[] v = {lerp(3, 0.3), lerp(8, 0.7), lerp(12, 0.3), lerp(0, 0.7), lerp(14, 0.3)};
        float[] row = new float[v.length + 1];
        row[0] = -1f;
        for (int k = 0; k < v.length; k++) {
            row[k + 1] = (float) v[k];
        }
        Quantizer stochastic = Quantizers.byName("nf4-stochastic");
        int draws = 4000;
        SplittableRandom rng = new SplittableRandom(7);

        // Execute
        double[] mean = new double[row.length];
        double worst = 0;
        for (int d = 0; d < draws; d++) {
            float[] back = stochastic.quantize(row, 1, row.length, rng).dequantize();
            for (int i = 0; i < row.length; i++) {
                mean[i] += back[i] / (double) draws;
                worst = Math.max(worst, Math.abs(back[i] - row[i]) / Nf4Levels.MAX_HALF_GAP / 2);
            }
        }
        float[] nearest = Quantizers.nf4(Rounding.NEAREST).quantize(row, 1, row.length).dequantize();

        // Assert: a draw's standard deviation is at most gap / 2 <= MAX_HALF_GAP, so the mean of 4000 draws is
        // within 6 * MAX_HALF_GAP / sqrt(4000) ~ 0.0144 of x; nearest rounding misses by 0.3 of a gap
        // (>= 0.3 * 0.0796 ~ 0.024) on every such entry and would fail the bound.
        double tolerance = 6 * Nf4Levels.MAX_HALF_GAP / Math.sqrt(draws);
        for (int i = 1; i < row.length; i++) {
            assertThat(Math.abs(mean[i] - row[i])).as("stochastic mean, entry %d", i).isLessThan(tolerance);
            assertThat(Math.abs((double) nearest[i] - row[i])).as("nearest bias, entry %d", i).isGreaterThan(tolerance);
        }
        assertThat(worst).isLessThan(1.0);
    }

    private static double lerp(int lower, double t) {
        return Nf4Levels.level(lower) + t * (Nf4Levels.level(lower + 1) - Nf4Levels.level(lower));
    }

    private static float blockAbsmax(float[] x, int block, int size) {
        float absmax = 0;
        for (int i = block * size; i < Math.min(x.length, (block + 1) * size); i++) {
            absmax = Math.max(absmax, Math.abs(x[i]));
        }
        return absmax;
    }
}
