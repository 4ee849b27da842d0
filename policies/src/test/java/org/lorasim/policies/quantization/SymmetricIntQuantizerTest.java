package org.lorasim.policies.quantization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricIntQuantizerTest {

    @Test
    void int8CodesAHandWorkedRow() {
        // Prepare: absmax 1.27 -> scale = 1.27 / 127 = 0.01
        float[] row = {1.27f, -0.5f, 0f, 0.3f};

        // Execute
        QuantizedMatrix q = Quantizers.int8(Rounding.NEAREST).quantize(row, 1, 4);

        // Assert: codes 1.27/0.01 = 127, -0.5/0.01 = -50, 0, 0.3/0.01 = 30; bytes 4 codes + 1 scale * 4 = 8
        assertThat(q.scales()).containsExactly(0.01f);
        assertThat(new int[] {q.code(0), q.code(1), q.code(2), q.code(3)}).containsExactly(127, -50, 0, 30);
        assertThat(q.byteSize()).isEqualTo(8);
        assertThat(q.dequantize()).containsExactly(new float[] {1.27f, -0.5f, 0f, 0.3f}, offset(1e-6f));
    }

    @Test
    void int4PacksTwoCodesPerByteHighNibbleFirst() {
        // Prepare: absmax 0.7 -> scale = 0.7 / 7 = 0.1
        float[] row = {0.7f, -0.36f, 0.1f, 0f, 0.44f};

        // Execute
        QuantizedMatrix q = Quantizers.int4(Rounding.NEAREST).quantize(row, 1, 5);

        // Assert: codes 7, rint(-3.6) = -4, 1, 0, rint(4.4) = 4; nibbles 0x7, 0xC, 0x1, 0x0, 0x4
        //         -> bytes 0x7C, 0x10, 0x40; ceil(5/2) = 3 code bytes + 4 scale bytes = 7
        assertThat(new int[] {q.code(0), q.code(1), q.code(2), q.code(3), q.code(4)}).containsExactly(7, -4, 1, 0, 4);
        assertThat(q.codes()).containsExactly((byte) 0x7C, (byte) 0x10, (byte) 0x40);
        assertThat(q.byteSize()).isEqualTo(7);
    }

    @Test
    void int4WithOddRowLengthPacksAcrossRows() {
        // Prepare: 2x3, rows scaled separately: row 0 absmax 0.7 (scale 0.1), row 1 absmax 1.4 (scale 0.2)
        float[] values = {0.7f, 0.1f, -0.2f,
                          -1.4f, 0.2f, 0.4f};

        // Execute
        QuantizedMatrix q = Quantizers.int4(Rounding.NEAREST).quantize(values, 2, 3);

        // Assert: codes 7, 1, -2 | -7, 1, 2 -> nibbles 7,1,E,9,1,2 -> bytes 0x71, 0xE9, 0x12
        //         (byte 1 holds row 0's last entry and row 1's first); 3 code bytes + 2 scales * 4 = 11
        assertThat(q.codes()).containsExactly((byte) 0x71, (byte) 0xE9, (byte) 0x12);
        assertThat(q.scales()).containsExactly(0.1f, 0.2f);
        assertThat(q.byteSize()).isEqualTo(11).isEqualTo(Quantizers.int4(Rounding.NEAREST).byteSize(2, 3));
    }

    @Test
    void anAllZeroRowGetsScaleZeroAndDequantizesToZero() {
        // Prepare
        float[] values = {0f, 0f, 0f, 1f, -2f, 0.5f};

        // Execute
        QuantizedMatrix q = Quantizers.int8(Rounding.NEAREST).quantize(values, 2, 3);

        // Assert
        assertThat(q.scales()[0]).isZero();
        assertThat(q.dequantize()[0]).isZero();
        assertThat(q.dequantize()[4]).isEqualTo(-2f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "int4"})
    void roundToNearestErrorIsAtMostHalfAScale(String name) {
        Quantizer quantizer = Quantizers.byName(name);
        int qmax = name.equals("int8") ? 127 : 7;
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare
            int rows = rng.nextInt(1, 9);
            int cols = rng.nextInt(1, 40);
            float[] x = randomMatrix(rng, rows, cols);

            // Execute
            QuantizedMatrix q = quantizer.quantize(x, rows, cols);
            float[] back = q.dequantize();

            // Assert: scale = absmax / qmax per row, |x - x^| <= scale / 2 (+ float rounding of the product)
            assertThat(q.byteSize()).isEqualTo(quantizer.byteSize(rows, cols))
                    .isEqualTo((rows * cols * (name.equals("int8") ? 8L : 4L) + 7) / 8 + 4L * rows);
            for (int r = 0; r < rows; r++) {
                float absmax = rowAbsmax(x, r, cols);
                assertThat((double) q.scales()[r]).isCloseTo(absmax / (double) qmax, offset(1e-6 * absmax + 1e-30));
                double bound = q.scales()[r] / 2.0 + Math.ulp(absmax);
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    assertThat(Math.abs(q.code(i))).isLessThanOrEqualTo(qmax);
                    assertThat(Math.abs((double) x[i] - back[i])).as("entry %d", i).isLessThanOrEqualTo(bound);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8-stochastic", "int4-stochastic"})
    void stochasticErrorIsBelowOneScale(String name) {
        Quantizer quantizer = Quantizers.byName(name);
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare
            int rows = rng.nextInt(1, 9);
            int cols = rng.nextInt(1, 40);
            float[] x = randomMatrix(rng, rows, cols);

            // Execute
            QuantizedMatrix q = quantizer.quantize(x, rows, cols, rng);
            float[] back = q.dequantize();

            // Assert: the code is floor(v) or floor(v) + 1, so |x - x^| < scale
            for (int i = 0; i < x.length; i++) {
                float absmax = rowAbsmax(x, i / cols, cols);
                double scale = q.scales()[i / cols];
                assertThat(Math.abs((double) x[i] - back[i])).isLessThan(scale + Math.ulp(absmax));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "int4"})
    void stochasticRoundingIsUnbiasedAndNearestIsNot(String name) {
        // Prepare: one row whose absmax fixes the scale; other entries sit at fractions 0.25..0.75 of a step
        int qmax = name.equals("int8") ? 127 : 7;
        float scale = (float) (1.0 / qmax);
        double[] fractions = {0.25, 0.4, 0.6, 0.75, -0.3, -0.7};
        float[] row = new float[fractions.length + 1];
        row[0] = 1f;
        for (int k = 0; k < fractions.length; k++) {
            row[k + 1] = (float) (scale * (Math.signum(fractions[k]) * (k % qmax) + fractions[k]));
        }
        Quantizer stochastic = Quantizers.byName(name + "-stochastic");
        Quantizer nearest = Quantizers.byName(name);
        int draws = 4000;
        SplittableRandom rng = new SplittableRandom(2024);

        // Execute
        double[] mean = new double[row.length];
        for (int d = 0; d < draws; d++) {
            float[] back = stochastic.quantize(row, 1, row.length, rng).dequantize();
            for (int i = 0; i < row.length; i++) {
                mean[i] += back[i] / (double) draws;
            }
        }
        float[] nearestBack = nearest.quantize(row, 1, row.length).dequantize();

        // Assert: each draw has standard deviation <= scale / 2, so the mean of 4000 draws lies within
        // 6 standard errors = 6 * scale / (2 * sqrt(4000)) ~ 0.047 * scale of x; round-to-nearest is off by
        // at least 0.25 * scale on every one of these entries, so it would fail the same bound.
        double tolerance = 6 * scale / (2 * Math.sqrt(draws));
        for (int i = 1; i < row.length; i++) {
            assertThat(Math.abs(mean[i] - row[i])).as("stochastic mean, entry %d", i).isLessThan(tolerance);
            assertThat(Math.abs((double) nearestBack[i] - row[i])).as("nearest bias, entry %d", i).isGreaterThan(tolerance);
        }
    }

    @Test
    void aSeededGeneratorGivesTheSameCodes() {
        // Prepare
        float[] x = randomMatrix(new SplittableRandom(8), 4, 10);
        Quantizer quantizer = Quantizers.byName("int4-stochastic");

        // Execute
        QuantizedMatrix first = quantizer.quantize(x, 4, 10, new SplittableRandom(99));
        QuantizedMatrix again = quantizer.quantize(x, 4, 10, new SplittableRandom(99));
        QuantizedMatrix other = quantizer.quantize(x, 4, 10, new SplittableRandom(100));

        // Assert
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void blockGroupingUsesOneScalePerBlockOfFlatEntries() {
        // Prepare: 3x5 = 15 entries in groups of 4 -> 4 groups, the last one of 3 entries
        float[] x = randomMatrix(new SplittableRandom(4), 3, 5);
        Quantizer quantizer = Quantizers.of(QuantFormat.INT8, Rounding.NEAREST, 4);

        // Execute
        QuantizedMatrix q = quantizer.quantize(x, 3, 5);

        // Assert: 15 code bytes + 4 scales * 4 bytes = 31; group 3's scale = absmax of x[12..14] / 127
        assertThat(q.scales()).hasSize(4);
        assertThat(q.byteSize()).isEqualTo(31).isEqualTo(quantizer.byteSize(3, 5));
        float absmax = Math.max(Math.abs(x[12]), Math.max(Math.abs(x[13]), Math.abs(x[14])));
        assertThat(q.scales()[3]).isEqualTo((float) (absmax / 127.0));
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        Quantizer int8 = Quantizers.int8(Rounding.NEAREST);
        assertThatThrownBy(() -> int8.quantize(new float[] {1f, Float.NaN}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
        assertThatThrownBy(() -> int8.quantize(new float[3], 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values has 3 values, expected 4");
        assertThatThrownBy(() -> int8.quantize(new float[0], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> Quantizers.int4(Rounding.STOCHASTIC).quantize(new float[2], 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RandomGenerator");
        assertThatThrownBy(() -> Quantizers.int4(Rounding.STOCHASTIC).quantize(new float[2], 1, 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rng");
        assertThatThrownBy(() -> Quantizers.of(QuantFormat.INT8, Rounding.NEAREST, -3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupSize");
    }

    static float[] randomMatrix(SplittableRandom rng, int rows, int cols) {
        float[] x = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double magnitude = Math.pow(10, rng.nextInt(-4, 3));
            boolean zeroRow = rng.nextInt(10) == 0;
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = zeroRow ? 0f : (float) (magnitude * rng.nextGaussian());
            }
        }
        return x;
    }

    static float rowAbsmax(float[] x, int row, int cols) {
        float absmax = 0;
        for (int c = 0; c < cols; c++) {
            absmax = Math.max(absmax, Math.abs(x[row * cols + c]));
        }
        return absmax;
    }
}
