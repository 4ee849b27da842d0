package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.FlexLoraState;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FlexLoraPolicyTest {

    private static final List<ClientInfo> CLIENTS = List.of(
            ClientInfo.ofRank(1, 10, 1), ClientInfo.ofRank(2, 20, 2), ClientInfo.of(3, 30));

    @Test
    void firstRoundGivesEachClientItsOwnRank() {
        // Prepare: global rank 4 = r_max
        Adapter global = PolicyFixtures.adapter(new SplittableRandom(3), 4);
        FlexLoraPolicy policy = new FlexLoraPolicy(ClientSampler.all(), 1);

        // Execute
        RoundPlan plan = policy.configure(0, GlobalState.initial(global), CLIENTS, new SplittableRandom(0));

        // Assert: ranks 1, 2 and the global 4; the full-rank client gets the global adapter itself
        assertThat(plan.instructions()).extracting(i -> PolicyFixtures.rankOf(i.startAdapter())).containsExactly(1, 2, 4);
        assertThat(plan.instructions().get(2).startAdapter()).isEqualTo(global);
        assertThat(plan.instructions()).allSatisfy(i -> assertThat(i.proximalMu()).isZero());
    }

    @Test
    void aggregatesHeterogeneousRanksAndServesEveryRankFromTheState() {
        // Prepare
        Adapter global = PolicyFixtures.adapter(new SplittableRandom(4), 4);
        FlexLoraPolicy policy = new FlexLoraPolicy(ClientSampler.all(), 1);
        GlobalState g0 = GlobalState.initial(global);
        RoundPlan plan0 = policy.configure(0, g0, CLIENTS, new SplittableRandom(0));
        List<ClientUpdate> results = PolicyFixtures.train(plan0, 7);

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, results, List.of());
        RoundPlan plan1 = policy.configure(1, g1, CLIENTS, new SplittableRandom(1));

        // Assert: the state is FlexLoRA's SVD of sum p_k s_k B_k A_k, kept at r_max = 4
        List<WeightedAdapter> weighted = results.stream().map(u -> new WeightedAdapter(u.adapter(), u.numExamples())).toList();
        FlexLoraState expected = new FlexLora().aggregateState(weighted, Map.of("q", 4));
        assertThat(g1.round()).isEqualTo(1);
        assertThat(g1.flexLora()).isNotNull();
        assertThat(g1.flexLora().singularValues("q")).containsExactly(expected.singularValues("q"), within(1e-9));
        assertThat(PolicyFixtures.rankOf(g1.global())).isEqualTo(4);
        assertThat(plan1.instructions()).extracting(i -> PolicyFixtures.rankOf(i.startAdapter())).containsExactly(1, 2, 4);
        assertThat(plan1.instructions().get(0).startAdapter()).isEqualTo(g1.flexLora().forRank(1));
        assertThat(plan1.instructions().get(1).startAdapter()).isEqualTo(g1.flexLora().forRank(2));
    }

    @Test
    void productOfTheNewGlobalIsTheWeightedProductAverage() {
        // Prepare: 1x1 matrices, alpha 1, rank 1 (s = 1): client 1 B A = 2 * 1 (n=1), client 2 B A = 4 * 1 (n=1)
        FlexLoraPolicy policy = new FlexLoraPolicy(ClientSampler.all(), 1);
        Adapter layout = Adapter.ofLora(Map.of("w", PolicyFixtures.scalarFactors(0, 0)));
        GlobalState g0 = GlobalState.initial(layout);
        policy.configure(0, g0, List.of(ClientInfo.of(1, 1), ClientInfo.of(2, 1)), new SplittableRandom(0));
        List<ClientUpdate> results = List.of(
                new ClientUpdate(1, Adapter.ofLora(Map.of("w", PolicyFixtures.scalarFactors(1, 2))), 1, 0, 0),
                new ClientUpdate(2, Adapter.ofLora(Map.of("w", PolicyFixtures.scalarFactors(1, 4))), 1, 0, 0));

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, results, List.of());

        // Assert: dW = 0.5 * 2 + 0.5 * 4 = 3
        assertThat(g1.global().factors("w").product()[0]).isCloseTo(3.0, within(1e-6));
    }

    @Test
    void randomRoundsKeepEveryClientAtItsRank() {
        for (long seed = 0; seed < 20; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            FlexLoraPolicy policy = new FlexLoraPolicy(ClientSampler.count(3, 0), 1);
            GlobalState state = GlobalState.initial(PolicyFixtures.adapter(rng, 4));
            List<ClientInfo> clients = List.of(ClientInfo.ofRank(0, 5, 1), ClientInfo.ofRank(1, 5, 2),
                    ClientInfo.ofRank(2, 5, 3), ClientInfo.of(3, 5), ClientInfo.ofRank(4, 5, 2));

            for (int round = 0; round < 3; round++) {
                // Execute
                RoundPlan plan = policy.configure(round, state, clients, rng);
                state = policy.aggregate(round, state, PolicyFixtures.train(plan, seed + round), List.of());

                // Assert
                for (ClientInstruction i : plan.instructions()) {
                    int expectedRank = clients.get(i.clientId()).rank() == 0 ? 4 : clients.get(i.clientId()).rank();
                    assertThat(PolicyFixtures.rankOf(i.startAdapter())).isEqualTo(expectedRank);
                }
                assertThat(PolicyFixtures.rankOf(state.global())).isEqualTo(4);
            }
        }
    }

    @Test
    void clientAboveTheGlobalRankIsRejected() {
        // Prepare
        FlexLoraPolicy policy = new FlexLoraPolicy(ClientSampler.all(), 1);
        GlobalState g = GlobalState.initial(PolicyFixtures.adapter(new SplittableRandom(0), 2));

        // Execute / Assert
        assertThatThrownBy(() -> policy.configure(0, g, List.of(ClientInfo.ofRank(9, 1, 3)), new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 9").hasMessageContaining("rank 3");
        assertThatThrownBy(() -> policy.configure(0, g, List.of(new ClientInfo(9, 1, 0, Map.of("k", 1))), new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
    }
}
