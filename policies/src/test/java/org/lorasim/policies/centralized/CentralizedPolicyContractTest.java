package org.lorasim.policies.centralized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lorasim.policies.annealing.RankSchedule;
import org.lorasim.policies.annealing.SaFedLoraStages;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every centralized policy must do with failures, empty rounds and bad input. */
class CentralizedPolicyContractTest {

    static Stream<Supplier<CentralizedPolicy>> policies() {
        return Stream.of(
                () -> FedAvgPolicy.fedAvg(ClientSampler.all(), 1),
                () -> FedAvgPolicy.fedProx(ClientSampler.all(), 1, 0.1),
                () -> new FlexLoraPolicy(ClientSampler.all(), 1),
                () -> new HetLoraPolicy(ClientSampler.all(), 1),
                () -> new SaFedLoraPolicy(ClientSampler.all(), 1,
                        new SaFedLoraStages(1, 0.01, RankSchedule.linear(3, 1, 3, 1, 1))),
                FedPipePolicyTest::contractPolicy);
    }

    private static final List<ClientInfo> CLIENTS = List.of(ClientInfo.of(1, 10), ClientInfo.of(2, 20));

    /** Round 0 with one update, then round 1 planned: a state that has been through an aggregation. */
    private static GlobalState afterOneRound(CentralizedPolicy policy) {
        GlobalState g0 = GlobalState.initial(PolicyFixtures.adapter(new SplittableRandom(2), 3));
        RoundPlan plan = policy.configure(0, g0, CLIENTS, new SplittableRandom(0));
        return policy.aggregate(0, g0, PolicyFixtures.train(plan, 1), List.of());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void roundWithOnlyFailuresKeepsTheState(Supplier<CentralizedPolicy> make) {
        // Prepare
        CentralizedPolicy policy = make.get();
        GlobalState g1 = afterOneRound(policy);
        policy.configure(1, g1, CLIENTS, new SplittableRandom(1));

        // Execute
        GlobalState g2 = policy.aggregate(1, g1, List.of(), List.of(
                new Failure(1, Failure.Kind.TIMED_OUT, "deadline"), new Failure(2, Failure.Kind.LOST, null)));

        // Assert: same adapter and algorithm state, one round later
        assertThat(g2.round()).isEqualTo(2);
        assertThat(g2.global()).isSameAs(g1.global());
        assertThat(g2.flexLora()).isSameAs(g1.flexLora());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void failedClientsDoNotChangeTheAggregate(Supplier<CentralizedPolicy> make) {
        // Prepare: the same update, once with client 2 failed, once with client 2 not sampled at all
        CentralizedPolicy withFailure = make.get();
        CentralizedPolicy alone = make.get();
        GlobalState g0 = GlobalState.initial(PolicyFixtures.adapter(new SplittableRandom(2), 3));
        RoundPlan plan = withFailure.configure(0, g0, CLIENTS, new SplittableRandom(0));
        alone.configure(0, g0, CLIENTS.subList(0, 1), new SplittableRandom(0));
        List<ClientUpdate> update = PolicyFixtures.train(plan, 3).subList(0, 1);

        // Execute
        GlobalState a = withFailure.aggregate(0, g0, update, List.of(new Failure(2, Failure.Kind.DROPPED_LATE, "late")));
        GlobalState b = alone.aggregate(0, g0, update, List.of());

        // Assert
        assertThat(a.global()).isEqualTo(b.global());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void badInputIsNamed(Supplier<CentralizedPolicy> make) {
        // Prepare
        CentralizedPolicy policy = make.get();
        GlobalState g0 = GlobalState.initial(PolicyFixtures.adapter(new SplittableRandom(2), 3));
        SplittableRandom rng = new SplittableRandom(0);

        // Execute / Assert: aggregating a round never configured
        assertThatThrownBy(() -> policy.aggregate(0, g0, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round 0 was not configured");
        // a round other than the state's
        assertThatThrownBy(() -> policy.configure(3, g0, CLIENTS, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round 3");
        RoundPlan plan = policy.configure(0, g0, CLIENTS, rng);
        List<ClientUpdate> updates = PolicyFixtures.train(plan, 4);
        ClientUpdate stranger = new ClientUpdate(99, updates.get(0).adapter(), 5, 0, 0);
        // an unknown client in the results or failures
        assertThatThrownBy(() -> policy.aggregate(0, g0, List.of(updates.get(0), stranger), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown client 99");
        assertThatThrownBy(() -> policy.aggregate(0, g0, List.of(), List.of(new Failure(77, Failure.Kind.CRASHED, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown client 77");
        // a client both reported and failed
        assertThatThrownBy(() -> policy.aggregate(0, g0, updates, List.of(new Failure(1, Failure.Kind.CRASHED, ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 1 appears twice");
        // the checks changed nothing: the round can still be aggregated
        assertThat(policy.aggregate(0, g0, updates, List.of()).round()).isEqualTo(1);
    }
}
