package org.lorasim.policies.centralized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.testing.TestAdapters;

class ExcludingPolicyTest {

    private static final List<ClientInfo> FOUR = List.of(ClientInfo.of(0, 1), ClientInfo.of(1, 1), ClientInfo.of(2, 1),
            ClientInfo.of(3, 1));

    @Test
    void anExcludedClientIsNeverSampledAndTakesNoSlot() {
        // Prepare: half the clients per round, client 1 and 3 excluded
        Adapter g = TestAdapters.scalar(1, 2, 3);
        ExcludingPolicy policy = new ExcludingPolicy(FedAvgPolicy.fedAvg(ClientSampler.fraction(0.5, 0), 1), Set.of(1, 3));

        // Execute
        RoundPlan plan = policy.configure(0, GlobalState.initial(g), FOUR, new SplittableRandom(0));

        // Assert: ceil(0.5 * 2 fitting clients) = 1 sampled, never 1 or 3
        assertThat(plan.clientIds()).hasSize(1).allSatisfy(id -> assertThat(id).isIn(0, 2));
    }

    @Test
    void withNoExcludedClientItPlansExactlyAsTheBarePolicy() {
        // Prepare
        Adapter g = TestAdapters.scalar(1, 2, 3);
        FedAvgPolicy bare = FedAvgPolicy.fedAvg(ClientSampler.fraction(0.5, 0), 1);
        ExcludingPolicy wrapped = new ExcludingPolicy(FedAvgPolicy.fedAvg(ClientSampler.fraction(0.5, 0), 1), Set.of());

        // Execute
        RoundPlan a = bare.configure(0, GlobalState.initial(g), FOUR, new SplittableRandom(7));
        RoundPlan b = wrapped.configure(0, GlobalState.initial(g), FOUR, new SplittableRandom(7));

        // Assert
        assertThat(b.clientIds()).isEqualTo(a.clientIds());
    }

    @Test
    void anUpdateFromAnExcludedClientIsRefusedAsUninstructed() {
        // Prepare
        Adapter g = TestAdapters.scalar(1, 2, 3);
        ExcludingPolicy policy = new ExcludingPolicy(FedAvgPolicy.fedAvg(ClientSampler.all(), 1), Set.of(2));
        GlobalState state = GlobalState.initial(g);
        policy.configure(0, state, FOUR, new SplittableRandom(0));

        // Execute / Assert
        assertThatThrownBy(() -> policy.aggregate(0, state, List.of(new ClientUpdate(2, g, 1, 1.0, 0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown client 2");
    }
}
