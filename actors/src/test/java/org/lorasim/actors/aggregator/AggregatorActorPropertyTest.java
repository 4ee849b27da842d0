package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.lorasim.actors.aggregator.AggregatorHarness.FakeClient;
import org.lorasim.actors.clock.SimTime;
import org.lorasim.policies.centralized.ClientSampler;
import org.lorasim.policies.centralized.FedAvgPolicy;
import org.lorasim.policies.random.RngStreams;

/** Random clients (test doubles), one FedAvg round: the global moves by the weighted mean of the deltas. */
class AggregatorActorPropertyTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void oneRoundMovesTheGlobalByTheWeightedMeanOfTheTimelyDeltas(long seed) {
        // Prepare: 1-6 clients, delays 1-20 s against a 10 s deadline, weights 1-5, deltas in [-2, 2)
        RandomGenerator rng = new RngStreams(seed).stream("aggregator-property");
        int n = 1 + rng.nextInt(6);
        List<FakeClient> fakes = new ArrayList<>();
        double weighted = 0;
        long weights = 0;
        List<Integer> timely = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            long delay = 1 + rng.nextInt(20);
            long examples = 1 + rng.nextInt(5);
            float delta = (float) (rng.nextDouble() * 4 - 2);
            fakes.add(FakeClient.answering(id, examples, delay, delta));
            if (delay < 10) { // an answer at the deadline itself is late (see AggregatorActor)
                weighted += examples * (double) delta;
                weights += examples;
                timely.add(id);
            }
        }
        double shift = weights == 0 ? 0 : weighted / weights;

        // Execute
        AggregatorHarness.Outcome outcome = new AggregatorHarness(TEST_KIT).run(
                FedAvgPolicy.fedAvg(ClientSampler.all(), 1), fakes,
                new RoundSettings(1, SimTime.ofSeconds(10), RoundSettings.WAIT_FOR_ALL, LatePolicy.DROP), seed);

        // Assert
        AggregatorActor.RoundFinished round = outcome.rounds().get(0);
        assertThat(round.participants()).isEqualTo(timely);
        assertThat(round.participants().size() + round.stragglers().size()).isEqualTo(n);
        float[] flat = outcome.finished().finalAdapter().flatten();
        float[] start = AggregatorHarness.startAdapter().flatten();
        for (int i = 0; i < flat.length; i++) {
            assertThat((double) flat[i]).isCloseTo(start[i] + shift, within(1e-5));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void waitingForKClosesAtTheKthDistinctAnswerTime(long seed) {
        // Prepare: 5 clients with distinct delays 1..5 s in a shuffled order, K = 1 + seed % 5
        RandomGenerator rng = new RngStreams(seed).stream("aggregator-k");
        List<Integer> delays = new ArrayList<>(List.of(1, 2, 3, 4, 5));
        for (int i = delays.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            delays.set(i, delays.set(j, delays.get(i)));
        }
        int k = 1 + (int) (seed % 5);
        List<FakeClient> fakes = new ArrayList<>();
        for (int id = 0; id < 5; id++) {
            fakes.add(FakeClient.answering(id, 1, delays.get(id), 1f));
        }

        // Execute
        AggregatorHarness.Outcome outcome = new AggregatorHarness(TEST_KIT).run(
                FedAvgPolicy.fedAvg(ClientSampler.all(), 1), fakes,
                new RoundSettings(1, SimTime.ofSeconds(10), k, LatePolicy.DROP), seed);

        // Assert: the K fastest take part, the round closes at K seconds
        AggregatorActor.RoundFinished round = outcome.rounds().get(0);
        assertThat(round.time()).isEqualTo(SimTime.ofSeconds(k));
        assertThat(round.participants()).hasSize(k)
                .allSatisfy(id -> assertThat(delays.get(id)).isLessThanOrEqualTo(k));
        assertThat(round.stragglers()).hasSize(5 - k);
        assertThat(round.reason()).isEqualTo(k == 5 ? RoundCollector.CloseReason.ALL_REPORTED
                : RoundCollector.CloseReason.K_RESULTS);
    }
}
