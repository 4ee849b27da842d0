package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Idle, failure and observation: how a run ends, never with a hang. */
class ClockLifecycleTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ScheduledEvent event(long seconds, long sender, long counter, TestProbe<Clock.Delivered> to) {
        return ScheduledEvent.delivery(new EventKey(SimTime.ofSeconds(seconds), sender, counter), to.ref(),
                "event " + sender + "#" + counter);
    }

    @Test
    void runWithNothingScheduledGoesIdleAtTimeZero() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));

        // Assert
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(0, 0));
    }

    @Test
    void aStopEndsTheRunWhereItIsAndOneBeforeTheRunAnswersTheRun() {
        // Prepare: events at t = 1 and t = 2; the run stops while t = 1 is handled
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(1, 1, 0, participant), event(2, 1, 1, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered first = participant.receiveMessage();

        // Execute
        clock.tell(new Clock.Stop("a lesson started"));
        clock.tell(new Clock.Handled(first.deliveryId(), List.of()));

        // Assert: the run ends at t = 1, before t = 2 is released
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.Stopped(SimTime.ofSeconds(1), "a lesson started"));

        ActorRef<Clock.Command> early = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        early.tell(new Clock.Stop("before the run"));
        early.tell(new Clock.Run(outcome.ref()));
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.Stopped(0, "before the run"));
    }

    @Test
    void idleClockGoesOnWhenMoreEventsAreScheduled() {
        // Prepare: one run to t = 1
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(1, 1, 0, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered first = participant.receiveMessage();
        clock.tell(new Clock.Handled(first.deliveryId(), List.of()));
        Clock.RunOutcome firstOutcome = outcome.receiveMessage();

        // Execute: schedule for t = 3 and run again
        clock.tell(new Clock.Schedule(List.of(event(3, 1, 1, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered second = participant.receiveMessage();
        clock.tell(new Clock.Handled(second.deliveryId(), List.of()));

        // Assert: delivery ids and the delivered count go on across runs
        assertThat(firstOutcome).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(1), 1));
        assertThat(second.deliveryId()).isEqualTo(1);
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(3), 2));
    }

    @Test
    void participantThatNeverAcknowledgesFailsTheRunAfterTheAckTimeout() {
        // Prepare
        ClockSettings settings = ClockSettings.virtual().withAckTimeout(Duration.ofMillis(500));
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(settings));
        TestProbe<Clock.Delivered> silent = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(1, 1, 0, silent))));
        long start = System.nanoTime();

        // Execute: the delivery arrives and is never acknowledged
        clock.tell(new Clock.Run(outcome.ref()));
        silent.receiveMessage();
        Clock.RunOutcome result = outcome.receiveMessage(PATIENCE);

        // Assert: a failure value naming the participant, the time and the timeout; the clock stopped
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        Clock.RunFailed failed = (Clock.RunFailed) result;
        assertThat(failed.time()).isEqualTo(SimTime.ofSeconds(1));
        assertThat(failed.reason())
                .contains(silent.ref().path().toString())
                .contains("delivery 0")
                .contains("at 1.000000000 s")
                .contains("ack-timeout of PT0.5S");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
        outcome.expectTerminated(clock, PATIENCE);
    }

    @Test
    void schedulingInThePastFailsTheRunNamingSenderParticipantAndTimes() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(10, 1, 0, participant))));

        // Execute: handling the event at t = 10, sender 42 schedules one for t = 5
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered delivered = participant.receiveMessage();
        clock.tell(new Clock.Handled(delivered.deliveryId(), List.of(event(5, 42, 0, participant))));

        // Assert
        Clock.RunOutcome result = outcome.receiveMessage();
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        assertThat(((Clock.RunFailed) result).reason())
                .contains(participant.ref().path().toString())
                .contains("sender 42")
                .contains("for 5.000000000 s")
                .contains("current time 10.000000000 s");
    }

    @Test
    void secondAcknowledgementOfOneDeliveryFailsTheRun() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> a = TEST_KIT.createTestProbe();
        TestProbe<Clock.Delivered> b = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(1, 1, 0, a), event(1, 2, 0, b))));

        // Execute: a acknowledges twice while b's delivery is still outstanding
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered toA = a.receiveMessage();
        clock.tell(new Clock.Handled(toA.deliveryId(), List.of()));
        clock.tell(new Clock.Handled(toA.deliveryId(), List.of()));

        // Assert
        Clock.RunOutcome result = outcome.receiveMessage();
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        assertThat(((Clock.RunFailed) result).reason())
                .contains("acknowledgement of delivery 0, which is not outstanding")
                .contains(b.ref().path().toString() + " (delivery 1)");
    }

    @Test
    void scheduleRejectedBetweenRunsIsReportedByTheNextRun() {
        // Prepare: run to t = 5
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(5, 1, 0, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered delivered = participant.receiveMessage();
        clock.tell(new Clock.Handled(delivered.deliveryId(), List.of()));
        outcome.receiveMessage();

        // Execute: an event for t = 3 arrives while idle, then a new run is asked for
        clock.tell(new Clock.Schedule(List.of(event(3, 8, 0, participant))));
        clock.tell(new Clock.Run(outcome.ref()));

        // Assert
        Clock.RunOutcome result = outcome.receiveMessage();
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        assertThat(((Clock.RunFailed) result).reason())
                .contains("Schedule rejected")
                .contains("sender 8")
                .contains("current time 5.000000000 s");
    }

    @Test
    void observersHearEveryAdvanceAndGetTimeReportsTheState() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.TimeAdvanced> observer = TEST_KIT.createTestProbe();
        TestProbe<Clock.CurrentTime> time = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Subscribe(observer.ref()));
        clock.tell(new Clock.Schedule(List.of(event(1, 1, 0, participant), event(2, 1, 1, participant))));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered atOne = participant.receiveMessage();
        clock.tell(new Clock.GetTime(time.ref()));
        Clock.CurrentTime whileWaiting = time.receiveMessage();
        clock.tell(new Clock.Handled(atOne.deliveryId(), List.of()));
        Clock.Delivered atTwo = participant.receiveMessage();
        clock.tell(new Clock.Handled(atTwo.deliveryId(), List.of()));
        outcome.receiveMessage();
        clock.tell(new Clock.GetTime(time.ref()));

        // Assert
        assertThat(observer.receiveMessage()).isEqualTo(new Clock.TimeAdvanced(SimTime.ofSeconds(1)));
        assertThat(observer.receiveMessage()).isEqualTo(new Clock.TimeAdvanced(SimTime.ofSeconds(2)));
        assertThat(whileWaiting).isEqualTo(new Clock.CurrentTime(SimTime.ofSeconds(1), true, 1, 0));
        assertThat(time.receiveMessage()).isEqualTo(new Clock.CurrentTime(SimTime.ofSeconds(2), false, 0, 0));
    }
}
