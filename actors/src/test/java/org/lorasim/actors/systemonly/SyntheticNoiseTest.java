package org.lorasim.actors.systemonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;

class SyntheticNoiseTest {
    private static final SyntheticNoise NOISE = new SyntheticNoise(5, 20);

    private static Adapter zeroMiniLm() {
        Adapter a = SyntheticAdapters.miniLmQueryValue(8, 1);
        assertThat(a.parameterCount()).isEqualTo(74_498);
        return a.withFlat(new float[74_498]);
    }

    @Test
    void theSamePoolSeedGivesBitIdenticalAdaptersInAnotherInstance() {
        // Prepare
        Adapter start = SyntheticAdapters.miniLmQueryValue(8, 3);
        SyntheticUpdate update = new SyntheticUpdate(-77, 0.01);

        // Execute
        Adapter first = NOISE.materialise(start, update);
        Adapter second = new SyntheticNoise(5, 20).materialise(start, update);
        Adapter otherPool = new SyntheticNoise(6, 20).materialise(start, update);

        // Assert
        assertThat(second).isEqualTo(first);
        assertThat(otherPool).isNotEqualTo(first);
    }

    @Test
    void aZeroScaleLeavesTheAdapterAsItWas() {
        // Prepare
        Adapter start = SyntheticAdapters.tinyAdapter();

        // Execute
        Adapter same = NOISE.materialise(start, new SyntheticUpdate(1, 0));

        // Assert
        assertThat(same).isEqualTo(start);
    }

    @Test
    void theChangeHasMeanZeroAndTheUpdatesStandardDeviation() {
        // Prepare: the MiniLM rank-8 query+value adapter (12 x 8 x 768 + 2 x 384 + 2 = 74,498 values), all zero.
        Adapter zero = zeroMiniLm();

        for (long seed = 0; seed < 20; seed++) {
            // Execute
            float[] delta = NOISE.materialise(zero, new SyntheticUpdate(seed, 0.5)).flatten();

            // Assert: standard error of the mean 0.5/sqrt(74,498) = 0.0018; of the variance about 0.5%.
            double sum = 0;
            double squares = 0;
            for (float d : delta) {
                sum += d;
                squares += (double) d * d;
            }
            double mean = sum / delta.length;
            assertThat(mean).isCloseTo(0, within(0.01));
            assertThat(Math.sqrt(squares / delta.length - mean * mean)).isCloseTo(0.5, within(0.02));
        }
    }

    @Test
    void updatesOfDifferentSeedsAreNearlyUncorrelated() {
        // Prepare
        Adapter zero = zeroMiniLm();
        SplittableRandom seeds = new SplittableRandom(3);

        for (int trial = 0; trial < 20; trial++) {
            // Execute
            float[] x = NOISE.materialise(zero, new SyntheticUpdate(seeds.nextLong(), 1)).flatten();
            float[] y = NOISE.materialise(zero, new SyntheticUpdate(seeds.nextLong(), 1)).flatten();

            // Assert: correlation of independent unit Gaussians has sd 1/sqrt(74,498) = 0.0037.
            double dot = 0;
            for (int i = 0; i < x.length; i++) {
                dot += (double) x[i] * y[i];
            }
            assertThat(dot / x.length).isCloseTo(0, within(0.025));
        }
    }

    @Test
    void anAdapterLargerThanThePoolReadsThePoolCyclically() {
        // Prepare: a pool of 16 values and a 40-value sum, so the window wraps around more than once
        SyntheticNoise small = new SyntheticNoise(1, 4);
        SyntheticNoise reference = new SyntheticNoise(1, 4);
        double[] sum = new double[40];
        double[] one = new double[16];

        // Execute
        small.addTo(sum, new SyntheticUpdate(7, 1), 1);
        reference.addTo(one, new SyntheticUpdate(7, 1), 1);

        // Assert: value i is pool[(offset + i) mod 16], so the sum repeats the first 16 values with period 16
        for (int i = 0; i < sum.length; i++) {
            assertThat(sum[i]).isEqualTo(one[i % 16]);
        }
        assertThat(one).isNotEqualTo(new double[16]);
    }

    @Test
    void anEmptyAdapterOrTooFewPoolBitsAreRejected() {
        assertThatThrownBy(() -> new SyntheticNoise(1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool bits");
        assertThatThrownBy(() -> NOISE.addTo(new double[0], new SyntheticUpdate(1, 1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapter is empty");
        assertThatThrownBy(() -> new SyntheticUpdate(1, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synthetic update scale");
    }
}
