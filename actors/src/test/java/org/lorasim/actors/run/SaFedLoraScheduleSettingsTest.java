package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.annealing.AnnealingShape;

/**
 * {@code lorasim.algorithms.sa-fedlora.schedule} and {@code cooling-rounds} shape the rank budget of a run: a
 * system-only run's per-round parameter counts follow the schedule's ranks, counted from round 0 with the
 * initiating rounds as its heating rounds.
 */
class SaFedLoraScheduleSettingsTest {
    private static final String SA = "lorasim.run.algorithm = sa-fedlora\nlorasim.model.rank = 8\n"
            + "lorasim.algorithms.sa-fedlora.final-rank = 1\n";

    @Test
    void theDefaultIsAdaLorasCubicWithoutCooling() {
        AlgorithmSettings a = RunSettings.from(Scenarios.systemOnly(4, 6, SA)).algorithms();
        assertThat(a.saSchedule()).isEqualTo(AnnealingShape.CUBIC);
        assertThat(a.saCoolingRounds()).isZero();
    }

    @Test
    void theRanksFollowTheChosenScheduleFromTheFirstAnnealingRound() {
        // Prepare: 8 rounds, 1 initiating round at rank 8, then down to rank 1; p(t) = t / (8 - c)
        // cubic, c = 0: 1 + 7 (1 - t/8)^3 rounded half up = 8, 6, 4, 3, 2, 1, 1, 1
        // linear, c = 2: 8 - 7 t/6 = 8, 6.83, 5.67, 4.5, 3.33, 2.17, 1, 1 -> 8, 7, 6, 5, 3, 2, 1, 1
        List<Long> cubic = parametersPerRound("");
        List<Long> linear = parametersPerRound("lorasim.algorithms.sa-fedlora { schedule = linear, cooling-rounds = 2 }");

        // Assert: a round's uploaded parameters are affine in its rank, so they give back the rank
        assertThat(ranks(cubic)).containsExactly(8, 6, 4, 3, 2, 1, 1, 1);
        assertThat(ranks(linear)).containsExactly(8, 7, 6, 5, 3, 2, 1, 1);
    }

    @Test
    void aRunAnnealsAfterItsInitiatingRoundsAndCoolsForItsCoolingRounds() {
        List<Long> p = parametersPerRound("lorasim.algorithms.sa-fedlora { initiating-rounds = 3, cooling-rounds = 3 }");

        // p(t) = (t - 2) / 3 for the cubic: rank 8 for rounds 0-2, 1 + 7 (2/3)^3 = 3.07 at round 3, 1.26 at round 4
        assertThat(ranks(p)).containsExactly(8, 8, 8, 3, 1, 1, 1, 1);
    }

    /** Rank of each round from its parameters, given that the first round has rank 8 and the last rank 1. */
    private static List<Integer> ranks(List<Long> parameters) {
        double high = parameters.get(0);
        double low = parameters.get(parameters.size() - 1);
        return parameters.stream().map(x -> (int) Math.round(1 + 7 * (x - low) / (high - low))).toList();
    }

    @Test
    void stagesThatDoNotFitTheRunAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 4,
                SA + "lorasim.algorithms.sa-fedlora.cooling-rounds = 4")))
                .hasMessageContaining("lorasim.algorithms.sa-fedlora.cooling-rounds").hasMessageContaining("<= lorasim.run.rounds = 4");
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 4,
                SA + "lorasim.algorithms.sa-fedlora.schedule = quadratic")))
                .hasMessageContaining("lorasim.algorithms.sa-fedlora.schedule").hasMessageContaining("quadratic");
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 4,
                SA + "lorasim.algorithms.sa-fedlora.initiating-rounds = 0")))
                .hasMessageContaining("lorasim.algorithms.sa-fedlora.initiating-rounds");
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 4,
                SA + "lorasim.algorithms.sa-fedlora.initiating-rounds = 4")))
                .hasMessageContaining("lorasim.algorithms.sa-fedlora.initiating-rounds").hasMessageContaining("< lorasim.run.rounds = 4");
    }

    private static List<Long> parametersPerRound(String more) {
        RecordingListener l = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(4, 8, SA + "lorasim.rounds.clients-per-round = 4\n" + more), l, null);
        return l.rounds.stream().map(RoundRecord::parameters).toList();
    }
}
