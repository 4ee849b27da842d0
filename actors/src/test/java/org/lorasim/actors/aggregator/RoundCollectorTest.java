package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lorasim.actors.aggregator.RoundHarness.PATIENCE;
import static org.lorasim.actors.aggregator.RoundHarness.updateOf;
import static org.lorasim.actors.clock.SimTime.ofSeconds;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.aggregator.RoundCollector.ClientFailed;
import org.lorasim.actors.aggregator.RoundCollector.ClientFailure;
import org.lorasim.actors.aggregator.RoundCollector.ClientResult;
import org.lorasim.actors.aggregator.RoundCollector.CloseReason;
import org.lorasim.actors.aggregator.RoundCollector.LateArrival;
import org.lorasim.actors.aggregator.RoundCollector.Rejection;
import org.lorasim.actors.aggregator.RoundCollector.RejectionReason;
import org.lorasim.actors.aggregator.RoundCollector.RoundClosed;
import org.lorasim.actors.aggregator.RoundHarness.Outcome;
import org.lorasim.actors.aggregator.RoundHarness.Timed;
import org.lorasim.actors.clock.Clock;

/** The round actor on the real clock: closing rules, values for stragglers and bad input, lifetime. */
class RoundCollectorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final RoundHarness HARNESS = new RoundHarness(TEST_KIT);
    private static final int ROUND = 3;

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ClientResult resultOf(int clientId, long at) {
        RoundCollector.UpdateArrived u = updateOf(clientId, ROUND);
        return new ClientResult(clientId, at, ROUND, u.update());
    }

    @Test
    void allResultsBeforeTheDeadlineCloseAtTheLastArrival() {
        // Prepare: clients 1, 2, 3 answer at 2 s, 1 s, 3 s; the deadline is 10 s.
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(3, 1, 2), ofSeconds(10));
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), updateOf(2, ROUND)),
                new Timed(ofSeconds(2), updateOf(1, ROUND)), new Timed(ofSeconds(3), updateOf(3, ROUND)));

        // Execute
        Outcome outcome = HARNESS.run(spec, 0, inputs, 0, true);

        // Assert: closed at 3 s, results by client id; the deadline event still fires at 10 s, then it stops.
        assertThat(outcome.closed()).isEqualTo(new RoundClosed(ROUND, ofSeconds(3), CloseReason.ALL_REPORTED,
                List.of(resultOf(1, ofSeconds(2)), resultOf(2, ofSeconds(1)), resultOf(3, ofSeconds(3))),
                List.of(), List.of(), List.of()));
        assertThat(outcome.late()).isEmpty();
        assertThat(outcome.run()).isInstanceOf(Clock.WentIdle.class);
        assertThat(((Clock.WentIdle) outcome.run()).time()).isEqualTo(ofSeconds(10));
        TestProbe<Object> watcher = TEST_KIT.createTestProbe();
        watcher.expectTerminated(outcome.collector(), PATIENCE);
    }

    @Test
    void aStragglerClosesTheRoundAtTheDeadline() {
        // Prepare: clients 1 and 3 answer, 2 never does; deadline 5 s.
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(1, 2, 3), ofSeconds(5));
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), updateOf(1, ROUND)),
                new Timed(ofSeconds(2), updateOf(3, ROUND)));

        // Execute
        RoundClosed closed = HARNESS.run(spec, 0, inputs, 0, true).closed();

        // Assert
        assertThat(closed).isEqualTo(new RoundClosed(ROUND, ofSeconds(5), CloseReason.DEADLINE,
                List.of(resultOf(1, ofSeconds(1)), resultOf(3, ofSeconds(2))), List.of(), List.of(2), List.of()));
    }

    @Test
    void kFastestCloseTheRoundAndTheRestBecomeStragglersWhoseUpdatesComeBackLate() {
        // Prepare: 4 clients, K = 2; client 4 at 1 s, client 2 at 2 s (the K-th), client 1 at 3 s (late).
        RoundSpec spec = new RoundSpec(ROUND, List.of(1, 2, 3, 4), ofSeconds(10), 2);
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), updateOf(4, ROUND)),
                new Timed(ofSeconds(2), updateOf(2, ROUND)), new Timed(ofSeconds(3), updateOf(1, ROUND)));

        // Execute
        Outcome outcome = HARNESS.run(spec, 0, inputs, 0, true);

        // Assert
        assertThat(outcome.closed()).isEqualTo(new RoundClosed(ROUND, ofSeconds(2), CloseReason.K_RESULTS,
                List.of(resultOf(2, ofSeconds(2)), resultOf(4, ofSeconds(1))), List.of(), List.of(1, 3), List.of()));
        assertThat(outcome.late()).containsExactly(new LateArrival(ROUND, ofSeconds(3), updateOf(1, ROUND)));
        TestProbe<Object> watcher = TEST_KIT.createTestProbe();
        watcher.expectTerminated(outcome.collector(), PATIENCE);
    }

    @Test
    void aFailureCountsAsAnsweredButNotAsAResult() {
        // Prepare: round A: client 1 answers at 1 s, client 2 fails at 2 s. Round B: same plus a silent
        // client 3 and K = 2: one result and one failure are not two results, so B waits for its deadline.
        ClientFailed crash = new ClientFailed(2, ROUND, "crashed");
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), updateOf(1, ROUND)), new Timed(ofSeconds(2), crash));
        RoundSpec a = RoundSpec.waitingForAll(ROUND, List.of(1, 2), ofSeconds(5));
        RoundSpec b = new RoundSpec(ROUND, List.of(1, 2, 3), ofSeconds(5), 2);

        // Execute
        RoundClosed closedA = HARNESS.run(a, 0, inputs, 0, true).closed();
        RoundClosed closedB = HARNESS.run(b, 0, inputs, 0, true).closed();

        // Assert
        List<ClientFailure> failures = List.of(new ClientFailure(2, ofSeconds(2), "crashed"));
        assertThat(closedA).isEqualTo(new RoundClosed(ROUND, ofSeconds(2), CloseReason.ALL_REPORTED,
                List.of(resultOf(1, ofSeconds(1))), failures, List.of(), List.of()));
        assertThat(closedB).isEqualTo(new RoundClosed(ROUND, ofSeconds(5), CloseReason.DEADLINE,
                List.of(resultOf(1, ofSeconds(1))), failures, List.of(3), List.of()));
    }

    @Test
    void unexpectedDuplicateAndWrongRoundInputsAreRejectedValues() {
        // Prepare: expected {1, 2}; at 1 s an unknown client 9, client 1, client 1 again, client 2 for round 4.
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(1, 2), ofSeconds(5));
        RoundCollector.UpdateArrived stranger = updateOf(9, ROUND);
        RoundCollector.UpdateArrived wrongRound = updateOf(2, ROUND + 1);
        ClientFailed duplicate = new ClientFailed(1, ROUND, "again");
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), stranger), new Timed(ofSeconds(1), updateOf(1, ROUND)),
                new Timed(ofSeconds(1), duplicate), new Timed(ofSeconds(1), wrongRound),
                new Timed(ofSeconds(2), updateOf(2, ROUND)));

        // Execute
        RoundClosed closed = HARNESS.run(spec, 0, inputs, 0, true).closed();

        // Assert: the round still completes normally, the three bad inputs listed in arrival order.
        assertThat(closed).isEqualTo(new RoundClosed(ROUND, ofSeconds(2), CloseReason.ALL_REPORTED,
                List.of(resultOf(1, ofSeconds(1)), resultOf(2, ofSeconds(2))), List.of(), List.of(),
                List.of(new Rejection(ofSeconds(1), stranger, RejectionReason.UNEXPECTED_CLIENT),
                        new Rejection(ofSeconds(1), duplicate, RejectionReason.DUPLICATE),
                        new Rejection(ofSeconds(1), wrongRound, RejectionReason.WRONG_ROUND))));
    }

    @Test
    void aRoundWithNobodyToWaitForClosesAtOnce() {
        // Prepare: no expected client; opened at 4 s, deadline 60 s.
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(), ofSeconds(60));

        // Execute
        Outcome outcome = HARNESS.run(spec, ofSeconds(4), List.of(), 0, true);

        // Assert
        assertThat(outcome.closed()).isEqualTo(new RoundClosed(ROUND, ofSeconds(4), CloseReason.ALL_REPORTED,
                List.of(), List.of(), List.of(), List.of()));
        TestProbe<Object> watcher = TEST_KIT.createTestProbe();
        watcher.expectTerminated(outcome.collector(), PATIENCE);
    }

    @Test
    void aRoundOpenedAfterItsDeadlineClosesAtOnceWithEveryoneStraggling() {
        // Prepare: opened at 7 s, deadline 5 s (already past).
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(1, 2), ofSeconds(5));

        // Execute
        Outcome outcome = HARNESS.run(spec, ofSeconds(7), List.of(), 0, true);

        // Assert
        assertThat(outcome.closed()).isEqualTo(new RoundClosed(ROUND, ofSeconds(7), CloseReason.DEADLINE,
                List.of(), List.of(), List.of(1, 2), List.of()));
        TestProbe<Object> watcher = TEST_KIT.createTestProbe();
        watcher.expectTerminated(outcome.collector(), PATIENCE);
    }

    @Test
    void anArrivalAtTheDeadlineInstantIsOrderedByTheClockKey() {
        // Prepare: client 2's update and the deadline both at 5 s. Keys are (time, sender, counter): from
        // sender 0 the update precedes the collector's deadline (sender 2); from sender 3 it follows it.
        RoundSpec spec = RoundSpec.waitingForAll(ROUND, List.of(1, 2), ofSeconds(5));
        List<Timed> inputs = List.of(new Timed(ofSeconds(1), updateOf(1, ROUND)),
                new Timed(ofSeconds(5), updateOf(2, ROUND)));

        // Execute
        Outcome before = HARNESS.run(spec, 0, inputs, 0, false);
        Outcome after = HARNESS.run(spec, 0, inputs, 3, false);

        // Assert
        assertThat(before.closed().reason()).isEqualTo(CloseReason.ALL_REPORTED);
        assertThat(before.closed().closedAt()).isEqualTo(ofSeconds(5));
        assertThat(before.late()).isEmpty();
        assertThat(after.closed()).isEqualTo(new RoundClosed(ROUND, ofSeconds(5), CloseReason.DEADLINE,
                List.of(resultOf(1, ofSeconds(1))), List.of(), List.of(2), List.of()));
        assertThat(after.late()).containsExactly(new LateArrival(ROUND, ofSeconds(5), updateOf(2, ROUND)));
    }
}
