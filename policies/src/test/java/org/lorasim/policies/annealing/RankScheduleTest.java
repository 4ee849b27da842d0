package org.lorasim.policies.annealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankScheduleTest {

    private static int[] ranks(RankSchedule s) {
        int[] r = new int[s.totalRounds()];
        for (int t = 0; t < r.length; t++) {
            r[t] = s.rankAt(t);
        }
        return r;
    }

    @Test
    void cubicFrom64To2HandWorked() {
        // Prepare: T = 6, 1 heating round, 1 cooling round: p(t) = (t - 0) / (6 - 1 - 1 + 1) = t / 5
        RankSchedule s = RankSchedule.cubic(64, 2, 6, 1, 1);

        // Execute
        int[] r = ranks(s);

        // Assert: b(t) = 2 + 62 (1 - t/5)^3
        //   t=1: 2 + 62 * 0.512 = 33.744 -> 34    t=2: 2 + 62 * 0.216 = 15.392 -> 15
        //   t=3: 2 + 62 * 0.064 =  5.968 ->  6    t=4: 2 + 62 * 0.008 =  2.496 ->  2    t=5: 2
        assertThat(r).containsExactly(64, 34, 15, 6, 2, 2);
        assertThat(((AnnealedRankSchedule) s).budget(1)).isCloseTo(33.744, within(1e-9));
    }

    @Test
    void cubicWithAdaLorasTruncation() {
        // Prepare: the same schedule rounded down, as PEFT's int(budget)
        RankSchedule s = RankSchedule.cubic(64, 2, 6, 1, 1).withRounding(RankRounding.FLOOR);

        // Execute / Assert: floor(33.744) = 33, floor(15.392) = 15, floor(5.968) = 5, floor(2.496) = 2
        assertThat(ranks(s)).containsExactly(64, 33, 15, 5, 2, 2);
    }

    @Test
    void linearHoldsHeatingAndCoolingRounds() {
        // Prepare: 13 -> 1, T = 8, 2 heating, 2 cooling: p(t) = (t - 1) / (8 - 2 - 2 + 1) = (t - 1) / 5
        RankSchedule s = RankSchedule.linear(13, 1, 8, 2, 2);

        // Execute
        int[] r = ranks(s);

        // Assert: b = 1 + 12 (1 - p): t=2: 1 + 9.6 = 10.6 -> 11; t=3: 8.2 -> 8; t=4: 5.8 -> 6; t=5: 3.4 -> 3
        assertThat(r).containsExactly(13, 13, 11, 8, 6, 3, 1, 1);
    }

    @Test
    void cosineHandWorked() {
        // Prepare: 9 -> 1, T = 5, 1 heating, 1 cooling: p = t / 4, b = 1 + 4 (1 + cos(pi p))
        RankSchedule s = RankSchedule.cosine(9, 1, 5, 1, 1);

        // Execute / Assert: t=1: 1 + 4 * 1.7071 = 7.83 -> 8; t=2: 1 + 4 = 5; t=3: 1 + 4 * 0.2929 = 2.17 -> 2
        assertThat(ranks(s)).containsExactly(9, 8, 5, 2, 1);
    }

    @Test
    void exponentialHalvesEveryRound() {
        // Prepare: 64 -> 2 over p = t / 5: b = 64 (2/64)^(t/5) = 64 / 2^t
        RankSchedule s = RankSchedule.exponential(64, 2, 6, 1, 1);

        // Execute / Assert
        assertThat(ranks(s)).containsExactly(64, 32, 16, 8, 4, 2);
    }

    @Test
    void heatingPlusCoolingEqualToTotalIsAStep() {
        // Prepare: T = 4, 2 + 2: the denominator is 4 - 2 - 2 + 1 = 1
        RankSchedule s = RankSchedule.cubic(64, 2, 4, 2, 2);

        // Execute / Assert
        assertThat(ranks(s)).containsExactly(64, 64, 2, 2);
    }

    @Test
    void withoutCoolingRoundsTheLastRoundStopsShortOfMinRank() {
        // Prepare: 9 -> 1 linear, T = 5, 1 heating, 0 cooling: p = t / 5, last round p = 0.8
        RankSchedule s = RankSchedule.linear(9, 1, 5, 1, 0);

        // Execute / Assert: t=4: 1 + 8 * 0.2 = 2.6 -> 3; later rounds keep minRank
        assertThat(ranks(s)).containsExactly(9, 7, 6, 4, 3);
        assertThat(s.rankAt(5)).isEqualTo(1);
        assertThat(s.rankAt(1000)).isEqualTo(1);
    }

    @Test
    void ranksNeverGrowAndTheEndsAreExact() {
        SplittableRandom rng = new SplittableRandom(2024);
        for (int trial = 0; trial < 200; trial++) {
            // Prepare: random ranks, rounds, phases, shape and rounding
            int minRank = 1 + rng.nextInt(16);
            int maxRank = minRank + rng.nextInt(200);
            int total = 2 + rng.nextInt(60);
            int heating = 1 + rng.nextInt(total - 1);
            int cooling = 1 + rng.nextInt(total - heating);
            AnnealingShape shape = AnnealingShape.values()[rng.nextInt(AnnealingShape.values().length)];
            RankRounding rounding = RankRounding.values()[rng.nextInt(RankRounding.values().length)];
            AnnealedRankSchedule s = new AnnealedRankSchedule(maxRank, minRank, total, heating, cooling, shape, rounding);

            // Execute
            int[] r = new int[total + 5];
            for (int t = 0; t < r.length; t++) {
                r[t] = s.rankAt(t);
            }

            // Assert: in range, non-increasing, maxRank while heating, minRank while cooling
            for (int t = 0; t < r.length; t++) {
                assertThat(r[t]).as("%s round %d", s, t).isBetween(minRank, maxRank);
                if (t > 0) {
                    assertThat(r[t]).as("%s round %d", s, t).isLessThanOrEqualTo(r[t - 1]);
                }
                if (t < heating) {
                    assertThat(r[t]).as("%s round %d", s, t).isEqualTo(maxRank);
                }
                if (t >= total - cooling) {
                    assertThat(r[t]).as("%s round %d", s, t).isEqualTo(minRank);
                }
            }
        }
    }

    @Test
    void constantScheduleIsFlat() {
        // Execute
        RankSchedule s = RankSchedule.constant(8, 3);

        // Assert
        assertThat(ranks(s)).containsExactly(8, 8, 8);
        assertThat(s.maxRank()).isEqualTo(8);
        assertThat(s.minRank()).isEqualTo(8);
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertThatThrownBy(() -> RankSchedule.cubic(2, 64, 6, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minRank must be <= maxRank, got minRank = 64, maxRank = 2");
        assertThatThrownBy(() -> RankSchedule.cubic(64, 0, 6, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minRank must be > 0, got 0");
        assertThatThrownBy(() -> RankSchedule.cubic(64, 2, 6, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heatingRounds must be > 0, got 0");
        assertThatThrownBy(() -> RankSchedule.cubic(64, 2, 6, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coolingRounds must be >= 0, got -1");
        assertThatThrownBy(() -> RankSchedule.cubic(64, 2, 6, 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heatingRounds + coolingRounds must be <= totalRounds, got 4 + 3 > 6");
        assertThatThrownBy(() -> RankSchedule.cubic(64, 2, 6, 1, 1).rankAt(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round must be >= 0, got -1");
        assertThatThrownBy(() -> RankSchedule.constant(0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank must be > 0, got 0");
    }
}
