package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lorasim.actors.gossip.GossipFixtures.tiny;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.adapter.AdapterDigest;
import org.lorasim.actors.gossip.GossipNode.Crashed;
import org.lorasim.actors.gossip.GossipNode.IterationFinished;
import org.lorasim.actors.gossip.GossipNode.Recovered;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.run.ModelEvaluator;
import org.lorasim.actors.run.RoundRecord;

/** The round accounting of a gossip run from hand-made events (tiny adapters of 4 equal values). */
class GossipRoundsTest {
    private static final String GOSSIP = GossipNode.NeighbourAdapter.class.getName();

    private static IterationFinished report(int node, int iteration, long time, float value, double loss) {
        return new IterationFinished(node, iteration, time, tiny(value), loss, List.of(), List.of(), 0);
    }

    private static LinkActor.MessageSent sent(long at, long bytes, String type, int iteration) {
        return new LinkActor.MessageSent("client-0->client-1", at, at, at, at + 1, bytes, type, iteration);
    }

    /** Three nodes, two rounds, a few link events, as in the hand-worked test. */
    private static List<Object> events() {
        List<Object> events = new ArrayList<>();
        events.add(report(0, 0, 10, 1, 0.5));
        events.add(report(1, 0, 20, 3, 1.5));
        events.add(report(2, 0, 15, 5, Double.NaN));
        events.add(sent(5, 100, GOSSIP, 0));
        events.add(sent(20, 50, GOSSIP, 1));
        events.add(sent(21, 7, GOSSIP, 1));
        events.add(sent(12, 40, GOSSIP, 0));
        events.add(sent(22, 1000, "some.other.Payload", -1));
        events.add(new LinkActor.MessageLost("client-1->client-2", 23, 2000, LinkModel.LossReason.PARTITIONED, GOSSIP,
                1));
        events.add(new LinkActor.MessageLost("client-1->client-0", 24, 3, LinkModel.LossReason.RANDOM_LOSS, GOSSIP,
                1));
        events.add(report(0, 1, 30, 2, 0.25));
        events.add(report(1, 1, 40, 2, 0.75));
        events.add(new Crashed(2, 25, 1, false));
        return events;
    }

    private static void feed(GossipRounds rounds, List<Object> events) {
        for (Object e : events) {
            if (e instanceof GossipNode.Event n) {
                rounds.onNodeEvent(n);
            } else {
                rounds.onLinkEvent((LinkActor.Event) e);
            }
        }
    }

    @Test
    void theAdaptersOfARoundAreItsReportersOwnByNode() {
        // Prepare
        GossipRounds rounds = new GossipRounds(3, null, true, () -> 0);
        feed(rounds, events());

        // Execute
        java.util.SortedMap<Integer, org.lorasim.policies.adapter.Adapter> first = rounds.adapters(0);
        java.util.SortedMap<Integer, org.lorasim.policies.adapter.Adapter> second = rounds.adapters(1);

        // Assert: round 1 lacks node 2 (it crashed during it); nobody reported round 2
        assertThat(first.keySet()).containsExactly(0, 1, 2);
        assertThat(first.get(2).flatten()[0]).isEqualTo(5f);
        assertThat(second.keySet()).containsExactly(0, 1);
        assertThat(rounds.adapters(2)).isEmpty();
    }

    @Test
    void aRoundHoldsTheHandWorkedStatistics() {
        // Prepare: accuracy = first value / 10
        GossipRounds rounds = new GossipRounds(3, a -> new ModelEvaluator.Quality(a.flatten()[0] / 10.0,
                1 - a.flatten()[0] / 10.0), true, () -> 42);
        feed(rounds, events());

        // Execute
        List<RoundRecord> closed = rounds.closeUpTo(Long.MAX_VALUE);

        // Assert round 0: values 1, 3, 5, mean 3: distance (1/3) x 4 x (4 + 0 + 4) = 32/3; losses 0.5, 1.5 (NaN
        // skipped): 1.0; accuracy 0.1, 0.3, 0.5: mean 0.3, std sqrt((0.04 + 0 + 0.04) / 3) = 0.163299;
        // bytes of iteration 0's messages: 100 + 40 (node 1 sent 50 at time 20 for iteration 1: booked there)
        assertThat(closed).hasSize(2);
        RoundRecord r0 = closed.get(0);
        assertThat(r0.round()).isZero();
        assertThat(r0.simTimeNanos()).isEqualTo(20);
        assertThat(r0.wallMillis()).isEqualTo(42);
        assertThat(r0.consensusDistance()).isCloseTo(32.0 / 3, within(1e-12));
        assertThat(r0.trainLoss()).isEqualTo(1.0);
        assertThat(r0.accuracy()).isCloseTo(0.3, within(1e-7));
        assertThat(r0.accuracySpread()).isCloseTo(0.163299, within(1e-6));
        assertThat(r0.macroF1()).isCloseTo(0.7, within(1e-7));
        assertThat(r0.bytesUp()).isEqualTo(140).isEqualTo(r0.bytesDown());
        assertThat(r0.parameters()).isEqualTo(2 * 4);
        assertThat(r0.participants()).isEqualTo(3);
        assertThat(r0.failures()).isZero();
        // Assert round 1: node 2 crashed during it; nodes 0 and 1 agree on 2: distance 0; iteration 1's bytes:
        // 50 + 7 + 3 lost at random (sent all the same); the 2000 a partition refused were never sent
        RoundRecord r1 = closed.get(1);
        assertThat(r1.participants()).isEqualTo(2);
        assertThat(r1.failures()).isEqualTo(1);
        assertThat(r1.consensusDistance()).isZero();
        assertThat(r1.trainLoss()).isEqualTo(0.5);
        assertThat(r1.bytesUp()).isEqualTo(60);
        assertThat(r1.parameters()).isEqualTo(3 * 4);
        assertThat(r1.checksum()).isEqualTo(AdapterDigest.of(List.of(tiny(2), tiny(2))));
    }

    @Test
    void theAverageModelIsTheParticipantsMeanAdapterEvaluatedOnce() {
        // Prepare: accuracy = (first value / 10)^2, not linear, so the accuracy of the mean adapter is not the mean
        // of the accuracies; every adapter evaluated is recorded
        List<Float> evaluated = new ArrayList<>();
        GossipRounds rounds = new GossipRounds(3, a -> {
            float v = a.flatten()[0];
            evaluated.add(v);
            return new ModelEvaluator.Quality(v * v / 100.0, Double.NaN);
        }, false, () -> 0);
        feed(rounds, events());

        // Execute
        List<RoundRecord> closed = rounds.closeUpTo(Long.MAX_VALUE);

        // Assert: round 0 averages 1, 3, 5 to the adapter of 3s (0.09; the clients' mean is 0.35 / 3); round 1
        // averages only its participants 0 and 1 (node 2 crashed), both 2: 0.04
        assertThat(closed.get(0).accuracy()).isCloseTo(0.35 / 3, within(1e-7));
        assertThat(closed.get(0).averageModelAccuracy()).isCloseTo(0.09, within(1e-7));
        assertThat(closed.get(1).averageModelAccuracy()).isCloseTo(0.04, within(1e-7));
        assertThat(evaluated).containsExactly(1f, 3f, 5f, 3f, 2f, 2f, 2f);
    }

    @Test
    void aDecodersAverageAdapterIsNotEvaluated() {
        // Prepare: a decoder's quality has perplexity and no accuracy
        List<Float> evaluated = new ArrayList<>();
        GossipRounds rounds = new GossipRounds(3, a -> {
            evaluated.add(a.flatten()[0]);
            return new ModelEvaluator.Quality(Double.NaN, Double.NaN, 10.0 + a.flatten()[0]);
        }, false, () -> 0);
        feed(rounds, events());

        // Execute
        List<RoundRecord> closed = rounds.closeUpTo(Long.MAX_VALUE);

        // Assert: perplexity is the clients' mean (11, 13, 15), and no extra evaluation ran
        assertThat(closed.get(0).perplexity()).isCloseTo(13.0, within(1e-9));
        assertThat(closed).allSatisfy(r -> assertThat(r.averageModelAccuracy()).isNaN());
        assertThat(evaluated).containsExactly(1f, 3f, 5f, 2f, 2f);
    }

    @Test
    void theChecksumIsTheSha256OfTheBigEndianFloats() {
        // sha256 of 16 zero bytes, and of the floats 1,1,1,1,2,2,2,2 big-endian (python hashlib)
        assertThat(AdapterDigest.of(List.of(tiny(0))))
                .isEqualTo("374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb");
        assertThat(AdapterDigest.of(List.of(tiny(1), tiny(2))))
                .isEqualTo("0897d722bd006805eb0bec776c4aedce38cac225562797766b51b1dd52cb81fb");
    }

    @Test
    void aCrashedNodeHoldsBackLaterRoundsUntilItRecoversAndTheirTimeHasPassed() {
        // Prepare: node 2 crashed in iteration 1, nodes 0 and 1 report iteration 2 at 50 and 60
        GossipRounds rounds = new GossipRounds(3, null, false, () -> 0);
        feed(rounds, events());
        rounds.onNodeEvent(report(0, 2, 50, 2, 0));
        rounds.onNodeEvent(report(1, 2, 60, 2, 0));

        // Execute / Assert: round 2 waits while node 2 might still report it
        assertThat(rounds.closeUpTo(1000)).extracting(RoundRecord::round).containsExactly(0, 1);
        rounds.onNodeEvent(new Recovered(2, 70, 3));
        // it resumes with 3, so it skips 2; round 2 ended at 60: not yet released at 60, released after
        assertThat(rounds.closeUpTo(60)).isEmpty();
        List<RoundRecord> later = rounds.closeUpTo(61);
        assertThat(later).extracting(RoundRecord::round).containsExactly(2);
        assertThat(later.get(0).accuracy()).isNaN();
        assertThat(later.get(0).synthetic()).isFalse();
        assertThat(rounds.records()).hasSize(3);
        assertThat(rounds.finish()).isEmpty();
    }

    @Test
    void aLostNodeHoldsBackNoRoundAfterItsLastReport() {
        // Prepare: nodes 0 and 1 report iterations 0 to 2, node 2 only iteration 0, then it is lost
        GossipRounds rounds = new GossipRounds(3, null, true, () -> 0);
        for (int t = 0; t < 3; t++) {
            rounds.onNodeEvent(report(0, t, 10 + 10L * t, 1, 0));
            rounds.onNodeEvent(report(1, t, 15 + 10L * t, 1, 0));
        }
        rounds.onNodeEvent(report(2, 0, 12, 1, 0));
        assertThat(rounds.closeUpTo(1000)).extracting(RoundRecord::round).containsExactly(0);

        // Execute
        rounds.lost(2);

        // Assert: rounds 1 and 2 are made of nodes 0 and 1, before the run ends
        List<RoundRecord> later = rounds.closeUpTo(1000);
        assertThat(later).extracting(RoundRecord::round).containsExactly(1, 2);
        assertThat(later).extracting(RoundRecord::participants).containsExactly(2, 2);
        assertThat(later).extracting(RoundRecord::failures).containsExactly(1, 1);
    }

    @Test
    void finishEmitsWhatIsLeftWithWhoeverReported() {
        // Prepare: node 2 never recovers
        GossipRounds rounds = new GossipRounds(3, null, true, () -> 0);
        feed(rounds, events());
        rounds.onNodeEvent(report(0, 2, 50, 2, 0));
        rounds.closeUpTo(Long.MAX_VALUE);

        // Execute
        List<RoundRecord> rest = rounds.finish();

        // Assert
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).round()).isEqualTo(2);
        assertThat(rest.get(0).participants()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void theRecordsDoNotDependOnTheOrderOfTheEvents(long seed) {
        // Prepare
        GossipRounds inOrder = new GossipRounds(3, a -> new ModelEvaluator.Quality(a.flatten()[0], Double.NaN), true,
                () -> 0);
        feed(inOrder, events());
        List<Object> shuffled = new ArrayList<>(events());
        Collections.shuffle(shuffled, new Random(seed));
        GossipRounds reordered = new GossipRounds(3, a -> new ModelEvaluator.Quality(a.flatten()[0], Double.NaN), true,
                () -> 0);

        // Execute
        feed(reordered, shuffled);

        // Assert
        assertThat(reordered.finish()).isEqualTo(inOrder.finish());
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new GossipRounds(0, null, true, () -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes");
    }
}
