package org.lorasim.policies.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.privacy.DifferentiallyPrivateAggregator.Sensitivity;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.policies.robust.CoordinateWiseMedian;
import org.lorasim.policies.testing.TestAdapters;
import org.lorasim.policies.testing.WeightedMeanForTests;

class DifferentiallyPrivateAggregatorTest {
    private final Adapter layout = TestAdapters.tiny();

    /** Records what the inner rule was given, then averages. */
    private static final class Recording implements AdapterAggregator {
        final List<WeightedAdapter> seen = new ArrayList<>();

        @Override
        public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
            seen.addAll(updates);
            return new WeightedMeanForTests().aggregate(global, updates);
        }
    }

    private List<WeightedAdapter> threeUpdates(Adapter global) {
        float[] g = global.flatten();
        return List.of(
                new WeightedAdapter(global.withFlat(new float[] {g[0] + 3, g[1] + 4, g[2], g[3], g[4]}), 1),
                new WeightedAdapter(global.withFlat(new float[] {g[0], g[1], g[2] + 0.5f, g[3], g[4]}), 2),
                new WeightedAdapter(global.withFlat(new float[] {g[0], g[1], g[2], g[3] - 10, g[4]}), 3));
    }

    @Test
    void sigmaZeroIsClippingFollowedByTheInnerRule() {
        // Prepare: global 1s; deltas (3,4,0,0,0) norm 5, (0,0,0.5,0,0) norm 0.5, (0,0,0,-10,0) norm 10; C = 2
        Adapter global = TestAdapters.constant(layout, 1);
        Recording inner = new Recording();
        DifferentiallyPrivateAggregator dp = new DifferentiallyPrivateAggregator(inner, 2.0, 0.0, Sensitivity.UNIFORM);

        // Execute
        Adapter result = dp.aggregate(global, threeUpdates(global));

        // Assert: clipped deltas (1.2,1.6,0,0,0), (0,0,0.5,0,0), (0,0,0,-2,0); weights 1,2,3 kept;
        // weighted mean of deltas = (1.2/6, 1.6/6, 1/6, -6/6, 0) = (0.2, 0.2667, 0.1667, -1, 0)
        assertThat(inner.seen).extracting(WeightedAdapter::weight).containsExactly(1.0, 2.0, 3.0);
        assertThat(inner.seen.get(0).adapter().flatten()).containsExactly(new float[] {2.2f, 2.6f, 1, 1, 1}, within(1e-6f));
        assertThat(inner.seen.get(1).adapter()).isEqualTo(threeUpdates(global).get(1).adapter());
        assertThat(inner.seen.get(2).adapter().flatten()).containsExactly(new float[] {1, 1, 1, -1, 1}, within(1e-6f));
        assertThat(result.flatten()).containsExactly(
                new float[] {1.2f, 1 + 1.6f / 6, 1 + 1f / 6, 0, 1}, within(1e-6f));
        assertThat(result).isEqualTo(new WeightedMeanForTests().aggregate(global, inner.seen));
    }

    @Test
    void everyUpdateTheInnerRuleSeesIsWithinC() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            Adapter global = TestAdapters.uniform(TestAdapters.small(), rng, -5, 5);
            List<WeightedAdapter> updates = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                updates.add(new WeightedAdapter(TestAdapters.uniform(TestAdapters.small(), rng, -5, 5), 1 + k));
            }
            double clipNorm = rng.nextDouble(0.1, 20);
            Recording inner = new Recording();

            // Execute
            new DifferentiallyPrivateAggregator(inner, clipNorm, 1.0, Sensitivity.UNIFORM)
                    .aggregate(global, updates, new SplittableRandom(seed));

            // Assert
            for (WeightedAdapter seen : inner.seen) {
                assertThat(UpdateClipping.l2Norm(global, seen.adapter())).as("seed %d", seed)
                        .isLessThanOrEqualTo(clipNorm);
            }
        }
    }

    @Test
    void noiseHasStandardDeviationSigmaTimesCOverM() {
        // Prepare: 20,000 coordinates, 4 updates equal to the global (zero deltas), so the result is pure
        // noise of std sigma * C / m = 1.5 * 2 / 4 = 0.75
        Adapter global = new Adapter(Map.of(), Map.of("w", DenseTensor.zeros(20_000)));
        List<WeightedAdapter> updates = TestAdapters.unitWeights(global, global, global, global);
        DifferentiallyPrivateAggregator dp = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 2.0, 1.5, Sensitivity.UNIFORM);

        // Execute
        float[] noise = dp.aggregate(global, updates, new RngStreams(42).stream("dp-noise", 0)).flatten();

        // Assert: standard error of the std estimate ~ 0.75 / sqrt(2 * 20000) = 0.004; the wrong scales
        // sigma * C = 3, sigma * C / sqrt(m) = 1.5 and sigma / m = 0.375 are far outside 0.75 +- 0.02
        double sum = 0;
        double sumSq = 0;
        for (float v : noise) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / noise.length;
        double std = Math.sqrt(sumSq / noise.length - mean * mean);
        assertThat(dp.noiseStd(updates)).isEqualTo(0.75);
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(std).isCloseTo(0.75, within(0.02));
    }

    @Test
    void maxWeightSensitivityUsesTheLargestNormalisedWeight() {
        // Prepare: weights 1, 2, 3 -> max p = 3/6 = 0.5; C = 2, sigma = 1.5
        Adapter global = TestAdapters.constant(layout, 0);
        List<WeightedAdapter> updates = threeUpdates(global);
        DifferentiallyPrivateAggregator weighted = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 2.0, 1.5, Sensitivity.MAX_WEIGHT);
        DifferentiallyPrivateAggregator uniform = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 2.0, 1.5, Sensitivity.UNIFORM);

        // Execute
        double weightedStd = weighted.noiseStd(updates);
        double uniformStd = uniform.noiseStd(updates);
        double equalWeightsStd = weighted.noiseStd(TestAdapters.unitWeights(global, global, global));

        // Assert: 1.5 * 2 * 0.5 = 1.5; 1.5 * 2 / 3 = 1.0; equal weights: both give 1.0
        assertThat(weightedStd).isCloseTo(1.5, within(1e-12));
        assertThat(uniformStd).isCloseTo(1.0, within(1e-12));
        assertThat(equalWeightsStd).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sameStreamGivesTheSameNoiseAndOtherRoundsDiffer() {
        // Prepare
        Adapter global = TestAdapters.constant(layout, 0);
        List<WeightedAdapter> updates = threeUpdates(global);
        DifferentiallyPrivateAggregator dp = new DifferentiallyPrivateAggregator(
                new CoordinateWiseMedian(), 1.0, 1.0, Sensitivity.UNIFORM);
        RngStreams streams = new RngStreams(7);

        // Execute
        Adapter round3 = dp.aggregate(global, updates, streams.stream("dp-noise", 3));
        Adapter round3Again = dp.aggregate(global, updates, new RngStreams(7).stream("dp-noise", 3));
        Adapter round4 = dp.aggregate(global, updates, streams.stream("dp-noise", 4));

        // Assert
        assertThat(round3).isEqualTo(round3Again);
        assertThat(round4).isNotEqualTo(round3);
    }

    @Test
    void constructionTimeGeneratorContinuesFromRoundToRound() {
        // Prepare
        Adapter global = TestAdapters.constant(layout, 0);
        List<WeightedAdapter> updates = threeUpdates(global);
        DifferentiallyPrivateAggregator first = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 1.0, 1.0, Sensitivity.UNIFORM, new SplittableRandom(5));
        DifferentiallyPrivateAggregator second = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 1.0, 1.0, Sensitivity.UNIFORM, new SplittableRandom(5));

        // Execute
        Adapter a1 = first.aggregate(global, updates);
        Adapter a2 = first.aggregate(global, updates);
        Adapter b1 = second.aggregate(global, updates);

        // Assert
        assertThat(a1).isEqualTo(b1);
        assertThat(a2).isNotEqualTo(a1);
    }

    @Test
    void noGeneratorAndPositiveSigmaIsAnError() {
        // Prepare
        Adapter global = TestAdapters.constant(layout, 0);
        DifferentiallyPrivateAggregator dp = new DifferentiallyPrivateAggregator(
                new WeightedMeanForTests(), 1.0, 0.5, Sensitivity.UNIFORM);

        // Execute / Assert
        assertThatThrownBy(() -> dp.aggregate(global, threeUpdates(global)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no noise generator");
    }

    @Test
    void rejectsBadArguments() {
        WeightedMeanForTests mean = new WeightedMeanForTests();
        assertThatThrownBy(() -> new DifferentiallyPrivateAggregator(mean, 0, 1, Sensitivity.UNIFORM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm C").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new DifferentiallyPrivateAggregator(mean, -1, 1, Sensitivity.UNIFORM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm C");
        assertThatThrownBy(() -> new DifferentiallyPrivateAggregator(mean, 1, -0.1, Sensitivity.UNIFORM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise multiplier sigma")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new DifferentiallyPrivateAggregator(mean, 1, Double.POSITIVE_INFINITY, Sensitivity.UNIFORM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise multiplier sigma");
        DifferentiallyPrivateAggregator dp = new DifferentiallyPrivateAggregator(mean, 1, 1, Sensitivity.UNIFORM);
        Adapter global = TestAdapters.constant(layout, 0);
        assertThatThrownBy(() -> dp.aggregate(global, List.of(), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates must not be empty");
        assertThatThrownBy(() -> dp.aggregate(global, TestAdapters.unitWeights(global, TestAdapters.small()),
                new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates[1]");
    }
}
