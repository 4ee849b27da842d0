package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.aggregation.FedIt;
import org.lorasim.policies.privacy.DifferentiallyPrivateAggregator;
import org.lorasim.policies.robust.CoordinateWiseMedian;
import org.lorasim.policies.testing.TestAdapters;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class FedAvgPolicyTest {

    @Test
    void fedAvgStartsEveryClientFromTheGlobalAdapterWithoutProximalTerm() {
        // Prepare
        Adapter g = TestAdapters.scalar(1, 2, 3);
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 5);

        // Execute
        RoundPlan plan = policy.configure(0, GlobalState.initial(g), List.of(ClientInfo.of(2, 1), ClientInfo.of(1, 1)),
                new SplittableRandom(0));

        // Assert
        assertThat(plan.clientIds()).containsExactly(1, 2);
        assertThat(plan.instructions()).allSatisfy(i -> {
            assertThat(i.startAdapter()).isEqualTo(g);
            assertThat(i.proximalMu()).isZero();
            assertThat(i.anchor()).isNull();
            assertThat(i.localSteps()).isEqualTo(5);
        });
    }

    @Test
    void fedProxAnchorsEveryClientAtTheGlobalAdapter() {
        // Prepare
        Adapter g = TestAdapters.scalar(1, 2, 3);
        FedAvgPolicy policy = FedAvgPolicy.fedProx(ClientSampler.all(), 1, 0.01);

        // Execute
        RoundPlan plan = policy.configure(0, GlobalState.initial(g), List.of(ClientInfo.of(1, 1)), new SplittableRandom(0));

        // Assert
        ClientInstruction i = plan.instructions().get(0);
        assertThat(i.proximalMu()).isEqualTo(0.01);
        assertThat(i.anchor()).isEqualTo(g);
        assertThat(i.startAdapter()).isEqualTo(g);
    }

    @Test
    void aggregationIsTheExampleWeightedAverageOfTheFactors() {
        // Prepare: client 1 (a=1, b=2, h=3, n=1), client 2 (a=3, b=6, h=9, n=3), client 3 crashed
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 1);
        GlobalState g = GlobalState.initial(TestAdapters.scalar(0, 0, 0));
        policy.configure(0, g, List.of(ClientInfo.of(1, 1), ClientInfo.of(2, 3), ClientInfo.of(3, 5)), new SplittableRandom(0));
        List<ClientUpdate> results = List.of(
                new ClientUpdate(1, TestAdapters.scalar(1, 2, 3), 1, 0.5, 0),
                new ClientUpdate(2, TestAdapters.scalar(3, 6, 9), 3, 0.4, 0));

        // Execute
        GlobalState next = policy.aggregate(0, g, results, List.of(new Failure(3, Failure.Kind.CRASHED, "oom")));

        // Assert: a = (1*1 + 3*3)/4 = 2.5, b = (2 + 18)/4 = 5, h = (3 + 27)/4 = 7.5
        assertThat(next.round()).isEqualTo(1);
        assertThat(next.global()).isEqualTo(TestAdapters.scalar(2.5f, 5f, 7.5f));
        assertThat(next.flexLora()).isNull();
    }

    @Test
    void policyEqualsFedItOnRandomRounds() {
        for (long seed = 0; seed < 50; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            Adapter global = PolicyFixtures.adapter(rng, 3);
            List<ClientInfo> available = new ArrayList<>();
            for (int id = 0; id < 8; id++) {
                available.add(ClientInfo.of(id, 1 + rng.nextInt(100)));
            }
            FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.count(4, 0.25), 1);
            GlobalState state = GlobalState.initial(global);
            RoundPlan plan = policy.configure(0, state, available, rng);
            List<ClientUpdate> results = PolicyFixtures.train(plan, seed);
            List<WeightedAdapter> weighted = results.stream()
                    .map(u -> new WeightedAdapter(u.adapter(), u.numExamples())).toList();

            // Execute
            GlobalState next = policy.aggregate(0, state, results, List.of());

            // Assert: ceil(4 * 1.25) = 5 clients, and the same adapter as FedIt
            assertThat(plan.instructions()).hasSize(5);
            assertThat(next.global()).isEqualTo(new FedIt().aggregate(global, weighted));
        }
    }

    @Test
    void medianDecoratorDropsAnOutlier() {
        // Prepare: five clients with a = b = h = 1, 2, 3, 4 and one attacker at 1000
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 1).withAggregator(new CoordinateWiseMedian());
        FedAvgPolicy plain = FedAvgPolicy.fedAvg(ClientSampler.all(), 1);
        GlobalState g = GlobalState.initial(TestAdapters.scalar(0, 0, 0));
        List<ClientInfo> clients = new ArrayList<>();
        List<ClientUpdate> results = new ArrayList<>();
        float[] values = {1, 2, 3, 4, 1000};
        for (int id = 0; id < 5; id++) {
            clients.add(ClientInfo.of(id, 1));
            results.add(new ClientUpdate(id, TestAdapters.scalar(values[id], values[id], values[id]), 1, 0, 0));
        }
        policy.configure(0, g, clients, new SplittableRandom(0));
        plain.configure(0, g, clients, new SplittableRandom(0));

        // Execute
        GlobalState robust = policy.aggregate(0, g, results, List.of());
        GlobalState averaged = plain.aggregate(0, g, results, List.of());

        // Assert: median of {1,2,3,4,1000} = 3; the mean is (10 + 1000)/5 = 202
        assertThat(robust.global()).isEqualTo(TestAdapters.scalar(3, 3, 3));
        assertThat(averaged.global()).isEqualTo(TestAdapters.scalar(202, 202, 202));
    }

    @Test
    void differentialPrivacyDecoratorClipsTheUpdates() {
        // Prepare: global 0; client 1 update (a, b, h) = (3, 0, 4) has norm 5, client 2 is (0, 0, 0); n = 1 each
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 1).withAggregator(
                new DifferentiallyPrivateAggregator(new FedIt(), 1.0, 0.0, DifferentiallyPrivateAggregator.Sensitivity.UNIFORM));
        GlobalState g = GlobalState.initial(TestAdapters.scalar(0, 0, 0));
        policy.configure(0, g, List.of(ClientInfo.of(1, 1), ClientInfo.of(2, 1)), new SplittableRandom(0));
        List<ClientUpdate> results = List.of(
                new ClientUpdate(1, TestAdapters.scalar(3, 0, 4), 1, 0, 0),
                new ClientUpdate(2, TestAdapters.scalar(0, 0, 0), 1, 0, 0));

        // Execute
        GlobalState next = policy.aggregate(0, g, results, List.of());

        // Assert: clipped to norm C = 1: (0.6, 0, 0.8); averaged with zero: (0.3, 0, 0.4); sigma 0 adds no noise
        assertThat(next.global().flatten()).containsExactly(new float[]{0.3f, 0f, 0.4f}, offset(1e-6f));
    }

    @Test
    void clientOfAnotherRankIsRejected() {
        // Prepare
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 1);
        GlobalState g = GlobalState.initial(TestAdapters.scalar(0, 0, 0));

        // Execute / Assert
        assertThatThrownBy(() -> policy.configure(0, g, List.of(ClientInfo.ofRank(4, 1, 2)), new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 4");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> FedAvgPolicy.fedProx(ClientSampler.all(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FedProx mu");
        assertThatThrownBy(() -> FedAvgPolicy.fedAvg(ClientSampler.all(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local steps");
    }
}
