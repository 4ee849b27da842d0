package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.annealing.RankReduction;
import org.lorasim.policies.annealing.RankSchedule;
import org.lorasim.policies.annealing.SaFedLoraStages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SaFedLoraPolicyTest {

    /** T_init = 2, mu = 0.01; linear schedule 4 -> 1 over 4 rounds, 1 heating and 1 cooling round. */
    private static SaFedLoraStages stages() {
        return new SaFedLoraStages(2, 0.01, RankSchedule.linear(4, 1, 4, 1, 1));
    }

    @Test
    void initiatingRoundsUseMuAndFullRankThenRanksAnneal() {
        // Prepare
        SaFedLoraPolicy policy = new SaFedLoraPolicy(ClientSampler.count(2, 0), 1, stages());
        GlobalState state = GlobalState.initial(PolicyFixtures.adapter(new SplittableRandom(5), 4));
        List<ClientInfo> clients = List.of(ClientInfo.of(0, 10), ClientInfo.of(1, 20), ClientInfo.of(2, 30));
        SplittableRandom rng = new SplittableRandom(9);
        List<Integer> ranks = new ArrayList<>();
        List<Double> mus = new ArrayList<>();

        for (int round = 0; round < 6; round++) {
            // Execute
            RoundPlan plan = policy.configure(round, state, clients, rng);
            state = policy.aggregate(round, state, PolicyFixtures.train(plan, round), List.of());

            // Assert: every client of a round gets the same start, anchored at it while mu > 0
            Adapter start = plan.instructions().get(0).startAdapter();
            for (ClientInstruction i : plan.instructions()) {
                assertThat(i.startAdapter()).isEqualTo(start);
                assertThat(i.anchor()).isEqualTo(i.proximalMu() > 0 ? start : null);
            }
            ranks.add(PolicyFixtures.rankOf(start));
            mus.add(plan.instructions().get(0).proximalMu());
            assertThat(PolicyFixtures.rankOf(state.global())).isEqualTo(PolicyFixtures.rankOf(start));
        }

        // Assert: rounds 0, 1 initiate at r_max 4 with mu 0.01; annealing round t uses schedule round t - 2,
        // p = clamp((t - 2 - 0) / (4 - 1 - 1 + 1), 0, 1) = 0, 1/3, 2/3, 1: rank 4 - 3p = 4, 3, 2, 1
        assertThat(mus).containsExactly(0.01, 0.01, 0.0, 0.0, 0.0, 0.0);
        assertThat(ranks).containsExactly(4, 4, 4, 3, 2, 1);
    }

    @Test
    void annealingStartIsTheBestLowRankApproximationOfTheGlobal() {
        // Prepare: round 3 is schedule round 1 (rank 3)
        SaFedLoraPolicy policy = new SaFedLoraPolicy(ClientSampler.all(), 1, stages());
        Adapter global = PolicyFixtures.adapter(new SplittableRandom(6), 4);
        GlobalState state = new GlobalState(3, global, null);

        // Execute
        RoundPlan plan = policy.configure(3, state, List.of(ClientInfo.of(0, 1)), new SplittableRandom(0));

        // Assert
        assertThat(plan.instructions().get(0).startAdapter()).isEqualTo(RankReduction.reduce(global, Map.of("q", 3)));
        assertThat(plan.instructions().get(0).proximalMu()).isZero();
    }
}
