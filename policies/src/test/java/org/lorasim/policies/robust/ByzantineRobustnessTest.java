package org.lorasim.policies.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.TestAdapters;
import org.lorasim.policies.testing.WeightedMeanForTests;

/** Properties shared by the robust rules, over random seeded cases. */
class ByzantineRobustnessTest {
    private static final int HONEST = 10;
    private static final int BYZANTINE = 3;
    private static final Adapter LAYOUT = TestAdapters.small();

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("median", new CoordinateWiseMedian()),
                Arguments.of("trimmed mean b=f", CoordinateWiseTrimmedMean.ofCount(BYZANTINE)),
                Arguments.of("Krum", Krum.krum(BYZANTINE)),
                Arguments.of("Multi-Krum m=n-f", Krum.multiKrum(BYZANTINE, HONEST)));
    }

    /** Honest updates clustered in [-1, 1], Byzantine ones with huge values of random sign, shuffled in. */
    private static List<WeightedAdapter> poisonedRound(RandomGenerator rng, List<float[]> honestOut) {
        List<WeightedAdapter> updates = new ArrayList<>();
        for (int k = 0; k < HONEST; k++) {
            Adapter a = TestAdapters.uniform(LAYOUT, rng, -1, 1);
            honestOut.add(a.flatten());
            updates.add(new WeightedAdapter(a, rng.nextDouble(1, 100)));
        }
        for (int k = 0; k < BYZANTINE; k++) {
            float[] x = new float[Math.toIntExact(LAYOUT.parameterCount())];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) ((rng.nextBoolean() ? 1 : -1) * rng.nextDouble(1e4, 1e6));
            }
            updates.add(rng.nextInt(updates.size() + 1), new WeightedAdapter(LAYOUT.withFlat(x), 1000));
        }
        return updates;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void staysWithinTheHonestRangeWhileThePlainMeanDoesNot(String name, AdapterAggregator rule) {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            RandomGenerator rng = new SplittableRandom(seed);
            List<float[]> honest = new ArrayList<>();
            List<WeightedAdapter> updates = poisonedRound(rng, honest);

            // Execute
            float[] robust = rule.aggregate(LAYOUT, updates).flatten();
            float[] mean = new WeightedMeanForTests().aggregate(LAYOUT, updates).flatten();

            // Assert: every coordinate within [min, max] of the honest values; the mean escapes somewhere
            boolean meanEscaped = false;
            for (int j = 0; j < robust.length; j++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (float[] h : honest) {
                    lo = Math.min(lo, h[j]);
                    hi = Math.max(hi, h[j]);
                }
                assertThat(robust[j]).as("%s, seed %d, coordinate %d", name, seed, j).isBetween(lo, hi);
                meanEscaped |= mean[j] < lo || mean[j] > hi;
            }
            assertThat(meanEscaped).as("plain mean, seed %d", seed).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void onAdaptersEqualsGlobalPlusRuleOnUpdates(String name, AdapterAggregator rule) {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare: theta_k = global + delta_k
            RandomGenerator rng = new SplittableRandom(1000 + seed);
            Adapter global = TestAdapters.uniform(LAYOUT, rng, -3, 3);
            float[] g = global.flatten();
            List<WeightedAdapter> thetas = new ArrayList<>();
            List<WeightedAdapter> deltas = new ArrayList<>();
            for (int k = 0; k < HONEST + BYZANTINE; k++) {
                float[] d = TestAdapters.uniform(LAYOUT, rng, -1, 1).flatten();
                float[] t = new float[d.length];
                for (int j = 0; j < d.length; j++) {
                    t[j] = g[j] + d[j];
                    d[j] = t[j] - g[j];
                }
                thetas.add(new WeightedAdapter(LAYOUT.withFlat(t), 1));
                deltas.add(new WeightedAdapter(LAYOUT.withFlat(d), 1));
            }

            // Execute
            float[] onAdapters = rule.aggregate(global, thetas).flatten();
            float[] onUpdates = rule.aggregate(LAYOUT, deltas).flatten();

            // Assert
            for (int j = 0; j < g.length; j++) {
                assertThat(onAdapters[j]).as("%s, seed %d, coordinate %d", name, seed, j)
                        .isCloseTo(g[j] + onUpdates[j], within(1e-5f));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void resultDoesNotDependOnTheWeights(String name, AdapterAggregator rule) {
        for (int seed = 0; seed < 20; seed++) {
            // Prepare
            RandomGenerator rng = new SplittableRandom(2000 + seed);
            List<WeightedAdapter> updates = poisonedRound(rng, new ArrayList<>());
            List<WeightedAdapter> unit = new ArrayList<>();
            updates.forEach(u -> unit.add(new WeightedAdapter(u.adapter(), 1)));

            // Execute / Assert
            assertThat(rule.aggregate(LAYOUT, updates)).as("%s, seed %d", name, seed)
                    .isEqualTo(rule.aggregate(LAYOUT, unit));
        }
    }
}
