package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.lorasim.actors.aggregator.AggregatorHarness.FakeClient;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.SimTime;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.ClientSampler;
import org.lorasim.policies.centralized.FedAvgPolicy;
import org.lorasim.policies.centralized.GlobalState;

class AggregatorActorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long DEADLINE = SimTime.ofSeconds(10);

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static AggregatorHarness.Outcome run(List<FakeClient> fakes, LatePolicy late, long seed) {
        return new AggregatorHarness(TEST_KIT).run(FedAvgPolicy.fedAvg(ClientSampler.all(), 1), fakes,
                new RoundSettings(2, DEADLINE, RoundSettings.WAIT_FOR_ALL, late), seed);
    }

    private static void assertFlat(Adapter adapter, float... expected) {
        float[] flat = adapter.flatten();
        assertThat(flat).hasSize(expected.length);
        for (int i = 0; i < flat.length; i++) {
            assertThat(flat[i]).as("parameter " + i).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void twoRoundsOfFedAvgEndAtTheWeightedAverage() {
        // Prepare: deltas +1, +2, +4 with weights 1, 1, 2: each round adds (1*1 + 1*2 + 2*4) / 4 = 2.75
        List<FakeClient> fakes = List.of(FakeClient.answering(0, 1, 1, 1f), FakeClient.answering(1, 1, 2, 2f),
                FakeClient.answering(2, 2, 3, 4f));

        // Execute
        AggregatorHarness.Outcome outcome = run(fakes, LatePolicy.DROP, 7);

        // Assert: start (1, 2, 1) + 2 * 2.75 = (6.5, 7.5, 6.5); round 0 ends when the last answers at 3 s,
        // round 1 at 3 + 3 = 6 s
        assertThat(outcome.run()).isInstanceOf(Clock.WentIdle.class);
        assertFlat(outcome.finished().finalAdapter(), 6.5f, 7.5f, 6.5f);
        assertThat(outcome.finished().rounds()).isEqualTo(2);
        assertThat(outcome.events().get(0))
                .isEqualTo(new AggregatorActor.RoundStarted(0, 0L, List.of(0, 1, 2)));
        List<AggregatorActor.RoundFinished> rounds = outcome.rounds();
        assertThat(rounds).extracting(AggregatorActor.RoundFinished::time)
                .containsExactly(SimTime.ofSeconds(3), SimTime.ofSeconds(6));
        assertThat(rounds).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RoundCollector.CloseReason.ALL_REPORTED);
            assertThat(r.participants()).containsExactly(0, 1, 2);
            assertThat(r.stragglers()).isEmpty();
            assertThat(r.failures()).isEmpty();
            assertThat(r.updateParameters()).isEqualTo(9); // 3 clients x (2 + 1) parameters
        });
    }

    private static List<FakeClient> withStraggler() {
        // clients 0 and 1 answer after 1 s, client 2 after 15 s, beyond the 10 s deadline
        return List.of(FakeClient.answering(0, 1, 1, 1f), FakeClient.answering(1, 1, 1, 2f),
                FakeClient.answering(2, 2, 15, 4f));
    }

    @Test
    void aStragglersLateUpdateJoinsTheNextRoundWithStaleness() {
        // Prepare
        List<FakeClient> fakes = withStraggler();

        // Execute
        AggregatorHarness.Outcome outcome = run(fakes, LatePolicy.ACCEPT_WITH_STALENESS, 7);

        // Assert: round 0 closes at the 10 s deadline with straggler 2: x0 = start + (1 + 2) / 2 = start + 1.5.
        // Round 1 (10 s to 20 s): fresh x0 + 1, x0 + 2 (weights 1, 1) and client 2's round-0 update start + 4
        // (weight 2, staleness 1): 0.25 (1.5 + 1) + 0.25 (1.5 + 2) + 0.5 * 4 = 3.5, so start + 3.5.
        List<AggregatorActor.RoundFinished> rounds = outcome.rounds();
        assertThat(rounds.get(0).reason()).isEqualTo(RoundCollector.CloseReason.DEADLINE);
        assertThat(rounds.get(0).time()).isEqualTo(DEADLINE);
        assertThat(rounds.get(0).stragglers()).containsExactly(2);
        assertThat(rounds.get(0).participants()).containsExactly(0, 1);
        assertThat(rounds.get(1).time()).isEqualTo(2 * DEADLINE);
        assertThat(rounds.get(1).lateAccepted()).containsExactly(2);
        assertThat(rounds.get(1).participants()).containsExactly(0, 1, 2);
        assertThat(rounds.get(1).lateDropped()).isZero();
        assertFlat(outcome.finished().finalAdapter(), 4.5f, 5.5f, 4.5f);
    }

    @Test
    void aStragglersLateUpdateIsDroppedUnderDrop() {
        // Prepare
        List<FakeClient> fakes = withStraggler();

        // Execute
        AggregatorHarness.Outcome outcome = run(fakes, LatePolicy.DROP, 7);

        // Assert: round 1 averages x0 + 1 and x0 + 2 only: start + 1.5 + 1.5 = start + 3
        List<AggregatorActor.RoundFinished> rounds = outcome.rounds();
        assertThat(rounds.get(0).stragglers()).containsExactly(2);
        assertThat(rounds.get(1).lateAccepted()).isEmpty();
        assertThat(rounds.get(1).participants()).containsExactly(0, 1);
        assertThat(rounds.get(1).lateDropped()).isEqualTo(1);
        assertFlat(outcome.finished().finalAdapter(), 4f, 5f, 4f);
    }

    @Test
    void aFailingClientIsCountedAsAFailure() {
        // Prepare
        List<FakeClient> fakes = List.of(FakeClient.answering(0, 1, 1, 1f), FakeClient.answering(1, 1, 1, 2f),
                FakeClient.failing(2, 1));

        // Execute
        AggregatorHarness.Outcome outcome = run(fakes, LatePolicy.DROP, 7);

        // Assert: every round closes at +1 s with all reported; each adds (1 + 2) / 2 = 1.5
        assertThat(outcome.rounds()).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RoundCollector.CloseReason.ALL_REPORTED);
            assertThat(r.failures()).containsExactly(2);
            assertThat(r.participants()).containsExactly(0, 1);
        });
        assertFlat(outcome.finished().finalAdapter(), 4f, 5f, 4f);
    }

    @Test
    void aRunWithoutClientsKeepsTheStateAndEnds() {
        // Execute
        AggregatorHarness.Outcome outcome = run(List.of(), LatePolicy.DROP, 7);

        // Assert: two empty rounds at time 0, the start adapter unchanged
        assertThat(outcome.rounds()).hasSize(2).allSatisfy(r -> {
            assertThat(r.time()).isZero();
            assertThat(r.participants()).isEmpty();
        });
        assertThat(outcome.finished().finalAdapter()).isEqualTo(AggregatorHarness.startAdapter());
    }

    @Test
    void twoRunsWithOneSeedGiveTheSameEventsAndBits() {
        // Prepare: sampling 2 of 3 clients makes the seed matter
        List<FakeClient> fakes = withStraggler();
        AggregatorHarness harness = new AggregatorHarness(TEST_KIT);
        RoundSettings settings = new RoundSettings(4, DEADLINE, RoundSettings.WAIT_FOR_ALL,
                LatePolicy.ACCEPT_WITH_STALENESS);

        // Execute
        AggregatorHarness.Outcome first = harness.run(FedAvgPolicy.fedAvg(ClientSampler.count(2, 1.0), 1), fakes,
                settings, 42);
        AggregatorHarness.Outcome second = harness.run(FedAvgPolicy.fedAvg(ClientSampler.count(2, 1.0), 1), fakes,
                settings, 42);

        // Assert
        assertThat(second.events()).isEqualTo(first.events());
        int[] firstBits = bits(first.finished().finalAdapter());
        assertThat(bits(second.finished().finalAdapter())).isEqualTo(firstBits);
        assertThat(first.rounds()).hasSize(4);
    }

    private static int[] bits(Adapter adapter) {
        float[] flat = adapter.flatten();
        int[] out = new int[flat.length];
        for (int i = 0; i < flat.length; i++) {
            out[i] = Float.floatToIntBits(flat[i]);
        }
        return out;
    }

    @Test
    void badArgumentsNameTheProblem() {
        // Prepare
        TestProbe<AggregatorActor.Event> observer = TEST_KIT.createTestProbe();
        FedAvgPolicy policy = FedAvgPolicy.fedAvg(ClientSampler.all(), 1);
        GlobalState initial = GlobalState.initial(AggregatorHarness.startAdapter());
        Map<Integer, ActorRef<Clock.Delivered>> noRefs = Map.of();
        RoundSettings settings = new RoundSettings(1, DEADLINE, 1, LatePolicy.DROP);

        // Execute / Assert
        assertThatThrownBy(() -> new RoundSettings(0, DEADLINE, 1, LatePolicy.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalRounds");
        assertThatThrownBy(() -> new RoundSettings(1, 0, 1, LatePolicy.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roundDeadline");
        assertThatThrownBy(() -> new RoundSettings(1, DEADLINE, 0, LatePolicy.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitFor");
        assertThatThrownBy(() -> AggregatorActor.create(policy, initial, List.of(ClientInfo.of(3, 5)), noRefs,
                settings, 1, 1, observer.ref()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 3");
        assertThatThrownBy(() -> new AggregatorActor.Submit(1, 0, AggregatorHarness.startAdapter(), 0, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numExamples");
    }
}
