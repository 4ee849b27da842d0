package org.lorasim.actors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.random.RngStreams;

class DistributionTest {

    @Test
    void constantAlwaysGivesItsValue() {
        // Prepare
        Distribution constant = new Distribution.Constant(3.5);
        RandomGenerator rng = new SplittableRandom(1);

        // Execute
        double first = constant.sample(rng);
        Distribution.Draw second = constant.draw(rng);

        // Assert
        assertThat(first).isEqualTo(3.5);
        assertThat(second).isEqualTo(new Distribution.Draw(3.5, false));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void uniformStaysInRangeWithMeanInTheMiddle(long seed) {
        // Prepare
        Distribution uniform = new Distribution.Uniform(2, 6);
        RandomGenerator rng = new SplittableRandom(seed);

        // Execute
        double[] draws = new double[10_000];
        Arrays.setAll(draws, i -> uniform.sample(rng));

        // Assert: mean (2 + 6) / 2 = 4; standard error 4 / sqrt(12) / 100 = 0.0115, tolerance ~5 se
        assertThat(Arrays.stream(draws).min().orElseThrow()).isGreaterThanOrEqualTo(2.0);
        assertThat(Arrays.stream(draws).max().orElseThrow()).isLessThan(6.0);
        assertThat(Arrays.stream(draws).average().orElseThrow()).isCloseTo(4.0, within(0.06));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void lognormalHasTheGivenMedianAndLogSpread(long seed) {
        // Prepare
        Distribution lognormal = new Distribution.LogNormal(2e12, 0.5);
        RandomGenerator rng = new SplittableRandom(seed);

        // Execute
        double[] draws = new double[10_000];
        Arrays.setAll(draws, i -> lognormal.sample(rng));
        double[] logs = Arrays.stream(draws).map(Math::log).toArray();
        Arrays.sort(draws);
        double median = (draws[4999] + draws[5000]) / 2;
        double logMean = Arrays.stream(logs).average().orElseThrow();
        double logSd = Math.sqrt(Arrays.stream(logs).map(l -> (l - logMean) * (l - logMean)).sum() / (logs.length - 1));

        // Assert: the sample median's log has sd ~ 1.25 * 0.5 / 100 = 0.006, so within 3% of 2e12;
        // ln X ~ N(ln 2e12 = 28.324, 0.5^2)
        assertThat(median).isCloseTo(2e12, within(0.03 * 2e12));
        assertThat(logMean).isCloseTo(Math.log(2e12), within(0.02));
        assertThat(logSd).isCloseTo(0.5, within(0.02));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void stragglerMixMarksTheTargetFractionAndSlowsThemDown(long seed) {
        // Prepare
        Distribution mix = new Distribution.StragglerMix(new Distribution.Constant(100), 0.2, 5);
        RandomGenerator rng = new SplittableRandom(seed);

        // Execute
        int stragglers = 0;
        for (int i = 0; i < 10_000; i++) {
            Distribution.Draw draw = mix.draw(rng);
            // Assert: a straggler's speed is 100 / 5 = 20, the others 100
            assertThat(draw.value()).isEqualTo(draw.straggler() ? 20.0 : 100.0);
            stragglers += draw.straggler() ? 1 : 0;
        }

        // Assert: 0.2 * 10,000 = 2,000, binomial sd sqrt(10,000 * 0.2 * 0.8) = 40, tolerance 4 sd
        assertThat(stragglers).isBetween(1840, 2160);
    }

    @Test
    void sameSeedAndClientGiveTheSameDrawWhateverTheOrder() {
        // Prepare
        RngStreams streams = new RngStreams(42);
        Distribution mix = new Distribution.StragglerMix(new Distribution.LogNormal(1e12, 0.7), 0.3, 4);

        // Execute
        double forward7 = 0;
        for (int client = 0; client < 10; client++) {
            double value = mix.sample(streams.stream("profile", client));
            if (client == 7) {
                forward7 = value;
            }
        }
        double alone7 = mix.sample(new RngStreams(42).stream("profile", 7));
        double other7 = mix.sample(new RngStreams(43).stream("profile", 7));

        // Assert
        assertThat(alone7).isEqualTo(forward7);
        assertThat(other7).isNotEqualTo(forward7);
    }

    @Test
    void badParametersAreRejectedByName() {
        assertThatThrownBy(() -> new Distribution.Constant(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Distribution.Uniform(5, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hi must be >= lo");
        assertThatThrownBy(() -> new Distribution.LogNormal(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("median");
        assertThatThrownBy(() -> new Distribution.LogNormal(1, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new Distribution.StragglerMix(new Distribution.Constant(1), 1.5, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Distribution.StragglerMix(new Distribution.Constant(1), 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowdown");
        assertThatThrownBy(() -> new Distribution.StragglerMix(null, 0.5, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base");
    }
}
