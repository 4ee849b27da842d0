package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.testing.RandomFactors;

class RankSelfPruningPenaltyTest {

    @Test
    void multipliesTheTailNormsOfAAndB() {
        // Prepare: rank 4, in = out = 1, keepRatio 0.5 -> p = 2
        //   A = [1, 2, 3, 4]^T: tail rows [3, 4], norm 5;  B = [0, 0, 6, 8]: tail columns [6, 8], norm 10
        LoraFactors f = new LoraFactors(4, 1, 1, new float[] {1, 2, 3, 4}, new float[] {0, 0, 6, 8}, 4, LoraScaling.STANDARD);
        RankSelfPruningPenalty penalty = new RankSelfPruningPenalty(0.01, 0.5);

        // Execute
        double value = penalty.value(Adapter.ofLora(Map.of("q", f, "v", f)));

        // Assert: 0.01 * (5 * 10 + 5 * 10) = 1
        assertThat(penalty.tailNormProduct(f)).isCloseTo(50, within(1e-12));
        assertThat(value).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void keptRankRoundsHalfToEvenLikePython() {
        // Prepare
        RankSelfPruningPenalty defaults = RankSelfPruningPenalty.defaults();
        RankSelfPruningPenalty half = new RankSelfPruningPenalty(1, 0.5);

        // Execute / Assert: round(0.99 * 8) = round(7.92) = 8; round(0.99 * 200) = 198
        assertThat(defaults.keptRank(8)).isEqualTo(8);
        assertThat(defaults.keptRank(200)).isEqualTo(198);
        // round(2.5) = 2 and round(3.5) = 4 (half to even)
        assertThat(half.keptRank(5)).isEqualTo(2);
        assertThat(half.keptRank(7)).isEqualTo(4);
        assertThat(defaults.gamma()).isEqualTo(0.001);
    }

    @Test
    void isZeroWhenNothingIsPrunedAndGrowsWithGamma() {
        for (int seed = 0; seed < 30; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(seed);
            Adapter adapter = RandomFactors.clients(rng, 5, 4, 0, new int[][] {{1 + rng.nextInt(8), 2 + rng.nextInt(8)}}).get(0).adapter();
            double ratio = rng.nextDouble();

            // Execute
            double none = new RankSelfPruningPenalty(0.3, 1.0).value(adapter);
            double once = new RankSelfPruningPenalty(0.3, ratio).value(adapter);
            double twice = new RankSelfPruningPenalty(0.6, ratio).value(adapter);

            // Assert
            assertThat(none).isZero();
            assertThat(once).isGreaterThanOrEqualTo(0);
            assertThat(twice).isCloseTo(2 * once, within(1e-12));
        }
    }

    @Test
    void rejectsBadParameters() {
        // Execute / Assert
        assertThatThrownBy(() -> new RankSelfPruningPenalty(-1, 0.99))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new RankSelfPruningPenalty(0.001, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepRatio");
    }
}
