package org.lorasim.policies.quantization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @Test
    void knownBitPatternsDecodeToTheirValues() {
        // Prepare: sign | exponent (5 bits, bias 15) | mantissa (10 bits)
        short one = 0x3C00;        // 2^(15-15) = 1
        short minusTwo = (short) 0xC000;
        short largest = 0x7BFF;    // 2^15 * (1 + 1023/1024) = 65504
        short smallestNormal = 0x0400;   // 2^-14
        short smallestSubnormal = 0x0001; // 2^-24

        // Execute / Assert
        assertThat(HalfFloat.toFloat(one)).isEqualTo(1f);
        assertThat(HalfFloat.toFloat(minusTwo)).isEqualTo(-2f);
        assertThat(HalfFloat.toFloat(largest)).isEqualTo(65504f);
        assertThat(HalfFloat.toFloat(smallestNormal)).isEqualTo(0x1p-14f);
        assertThat(HalfFloat.toFloat(smallestSubnormal)).isEqualTo(0x1p-24f);
        assertThat(HalfFloat.fromFloat(1f)).isEqualTo(one);
        assertThat(HalfFloat.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloat.fromFloat(65504f)).isEqualTo(largest);
    }

    @Test
    void everyFiniteHalfSurvivesTheRoundTrip() {
        // Prepare / Execute / Assert: all 63,488 finite patterns (both signs)
        int checked = 0;
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 0x7C00) == 0x7C00) {
                continue;
            }
            float f = HalfFloat.toFloat((short) h);
            assertThat(HalfFloat.fromFloat(f) & 0xFFFF).as("pattern %04x", h).isEqualTo(h);
            checked++;
        }
        assertThat(checked).isEqualTo(2 * 31 * 1024);
    }

    @Test
    void midpointsBetweenNeighboursRoundToTheEvenPattern() {
        // Prepare / Execute / Assert: a half has 11 significant bits, so the midpoint of two neighbours has
        // 12 and is exact in float; round-half-to-even must pick the neighbour with an even mantissa.
        for (int h = 0; h < 0x7BFF; h++) {
            double lo = HalfFloat.toFloat((short) h);
            double hi = HalfFloat.toFloat((short) (h + 1));
            float mid = (float) ((lo + hi) / 2);
            assertThat((double) mid).isEqualTo((lo + hi) / 2);
            int even = (h & 1) == 0 ? h : h + 1;
            assertThat(HalfFloat.fromFloat(mid) & 0xFFFF).as("midpoint above %04x", h).isEqualTo(even);
            assertThat(HalfFloat.fromFloat(-mid) & 0xFFFF).isEqualTo(even | 0x8000);
        }
    }

    @Test
    void randomFloatsRoundToTheNearestHalf() {
        // Prepare
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20_000; trial++) {
            float x = (float) (Math.scalb(rng.nextDouble(1, 2), rng.nextInt(-26, 15)) * (rng.nextBoolean() ? 1 : -1));

            // Execute
            short h = HalfFloat.fromFloat(x);

            // Assert: no neighbouring half pattern is strictly closer
            double err = Math.abs(HalfFloat.toFloat(h) - (double) x);
            int magnitude = h & 0x7FFF;
            for (int neighbour : new int[] {magnitude - 1, magnitude + 1}) {
                if (neighbour < 0 || neighbour > 0x7BFF) {
                    continue;
                }
                float other = HalfFloat.toFloat((short) (neighbour | (h & 0x8000)));
                assertThat(err).as("x=%s", x).isLessThanOrEqualTo(Math.abs(other - (double) x));
            }
        }
    }

    @Test
    void overflowGoesToInfinityAndNanStaysNan() {
        // Prepare: 65520 is the midpoint of 65504 (odd mantissa 0x3FF) and 65536 (= infinity): ties to even -> inf
        float justBelow = Math.nextDown(65520f);

        // Execute / Assert
        assertThat(HalfFloat.fromFloat(justBelow)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloat.fromFloat(65520f)).isEqualTo((short) 0x7C00);
        assertThat(HalfFloat.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))).isNaN();
        assertThat(HalfFloat.fromFloat(0x1p-25f)).isEqualTo((short) 0); // tie between 0 and 2^-24 -> even (0)
        assertThat(HalfFloat.fromFloat(Math.nextUp(0x1p-25f))).isEqualTo((short) 1);
    }
}
