package org.lorasim.actors.systemonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticLossCurveTest {

    @Test
    void withoutNoiseTheCurveIsTheExponentialDecay() {
        // Prepare: start 1, floor 0.2, tau 2: loss_t = 0.2 + 0.8 exp(-t/2)
        SyntheticLossCurve curve = new SyntheticLossCurve(1, 0.2, 2, 0);

        // Execute
        double[] losses = curve.sample(2, 3, new SplittableRandom(1));

        // Assert: t=2: 0.2 + 0.8/e = 0.49430; t=3: 0.2 + 0.8 e^-1.5 = 0.37850; t=4: 0.2 + 0.8 e^-2 = 0.30827
        assertThat(losses[0]).isCloseTo(0.49430, within(1e-5));
        assertThat(losses[1]).isCloseTo(0.37850, within(1e-5));
        assertThat(losses[2]).isCloseTo(0.30827, within(1e-5));
    }

    @Test
    void noisyLossesAreNonNegativeAndAverageToTheExpectation() {
        SplittableRandom seeds = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            // Prepare
            SyntheticLossCurve curve = new SyntheticLossCurve(0.7, 0.3, 50, 0.01);
            long first = seeds.nextInt(500);

            // Execute
            double[] losses = curve.sample(first, 400, new SplittableRandom(seeds.nextLong()));

            // Assert: the mean of 400 draws of noise 0.01 has sd 0.0005
            double meanNoise = 0;
            for (int s = 0; s < losses.length; s++) {
                assertThat(losses[s]).isGreaterThanOrEqualTo(0);
                meanNoise += (losses[s] - curve.expected(first + s)) / losses.length;
            }
            assertThat(meanNoise).isCloseTo(0, within(0.003));
        }
    }

    @Test
    void badParametersAreRejectedByName() {
        assertThatThrownBy(() -> new SyntheticLossCurve(0.1, 0.2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss start");
        assertThatThrownBy(() -> new SyntheticLossCurve(1, -0.1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss floor");
        assertThatThrownBy(() -> new SyntheticLossCurve(1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss tau");
        assertThatThrownBy(() -> new SyntheticLossCurve(1, 0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss noise");
        assertThatThrownBy(() -> SyntheticLossCurve.DEFAULT.sample(-1, 1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first step");
    }
}
