package org.lorasim.policies.annealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.annealing.SaFedLoraStages.RoundPlan;
import org.lorasim.policies.annealing.SaFedLoraStages.ScheduleOrigin;
import org.lorasim.policies.annealing.SaFedLoraStages.Stage;

class SaFedLoraStagesTest {

    @Test
    void annealingStartsAfterTheInitiatingStageByDefault() {
        // Prepare: 3 initiating rounds with mu = 0.01, then the cubic 64 -> 2 schedule of 6 rounds
        // (ranks 64, 34, 15, 6, 2, 2, see RankScheduleTest)
        SaFedLoraStages stages = new SaFedLoraStages(3, 0.01, RankSchedule.cubic(64, 2, 6, 1, 1));

        // Execute / Assert: rounds 0-2 initiating at the heating rank; rounds 3-8 the schedule's rounds 0-5
        assertThat(stages.at(0)).isEqualTo(new RoundPlan(0, Stage.INITIATING, 0.01, 64));
        assertThat(stages.at(2)).isEqualTo(new RoundPlan(2, Stage.INITIATING, 0.01, 64));
        assertThat(stages.at(3)).isEqualTo(new RoundPlan(3, Stage.ANNEALING, 0.0, 64));
        assertThat(stages.at(4)).isEqualTo(new RoundPlan(4, Stage.ANNEALING, 0.0, 34));
        assertThat(stages.at(8)).isEqualTo(new RoundPlan(8, Stage.ANNEALING, 0.0, 2));
        assertThat(stages.totalRounds()).isEqualTo(9);
        RankSchedule whole = stages.asRankSchedule();
        int[] ranks = new int[whole.totalRounds()];
        for (int t = 0; t < ranks.length; t++) {
            ranks[t] = whole.rankAt(t);
        }
        assertThat(ranks).containsExactly(64, 64, 64, 64, 34, 15, 6, 2, 2);
    }

    @Test
    void scheduleFromRoundZeroSpansTheWholeRun() {
        // Prepare: T_init = 2 and the linear 13 -> 1 schedule over 8 rounds with 2 heating rounds
        // (ranks 13, 13, 11, 8, 6, 3, 1, 1, see RankScheduleTest)
        SaFedLoraStages stages = new SaFedLoraStages(2, 0.1, RankSchedule.linear(13, 1, 8, 2, 2), ScheduleOrigin.ROUND_ZERO);

        // Execute / Assert
        assertThat(stages.stageAt(1)).isEqualTo(Stage.INITIATING);
        assertThat(stages.stageAt(2)).isEqualTo(Stage.ANNEALING);
        assertThat(stages.rankAt(1)).isEqualTo(13);
        assertThat(stages.rankAt(2)).isEqualTo(11);
        assertThat(stages.muAt(2)).isZero();
        assertThat(stages.totalRounds()).isEqualTo(8);
    }

    @Test
    void proximalTermFollowsTheStages() {
        // Prepare
        SaFedLoraStages stages = new SaFedLoraStages(4, 0.2, RankSchedule.constant(8, 10));

        // Execute
        ProximalTerm term = stages.proximalTerm();

        // Assert
        assertThat(term.mu()).isEqualTo(0.2);
        assertThat(term.isActive(3)).isTrue();
        assertThat(term.isActive(4)).isFalse();
    }

    @Test
    void badArgumentsNameTheProblem() {
        RankSchedule s = RankSchedule.cubic(64, 2, 6, 1, 1);
        assertThatThrownBy(() -> new SaFedLoraStages(-1, 0.1, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initiatingRounds must be >= 0, got -1");
        assertThatThrownBy(() -> new SaFedLoraStages(2, -1, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu must be finite and >= 0");
        assertThatThrownBy(() -> new SaFedLoraStages(6, 0.1, s, ScheduleOrigin.ROUND_ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a ROUND_ZERO schedule must outlast the 6 initiating rounds, it has 6");
        assertThatThrownBy(() -> new SaFedLoraStages(2, 0.1, s).at(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round must be >= 0, got -3");
    }
}
