package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Realtime mode against a manual wall clock: Pekko's ManualTime drives the timers and an
 * {@link AtomicLong} the clock's reading of wall time, both moved together by {@link #wallTimePasses}.
 * Nothing here depends on how fast the machine is.
 */
class ClockRealtimeTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            ManualTime.config().withFallback(ConfigFactory.load("application-test")));
    private static final ManualTime MANUAL_TIME = ManualTime.get(TEST_KIT.system());
    private static final AtomicLong WALL = new AtomicLong(1_000_000_000L);
    private static final ClockSettings REALTIME_AT_DOUBLE_SPEED = ClockSettings.virtual()
            .withMode(ClockSettings.Mode.REALTIME, 2.0).withAckTimeout(Duration.ofHours(1));

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static void wallTimePasses(Duration duration) {
        WALL.addAndGet(duration.toNanos());
        MANUAL_TIME.timePasses(duration);
    }

    private static ScheduledEvent event(long seconds, long counter, TestProbe<Clock.Delivered> to) {
        return ScheduledEvent.delivery(new EventKey(SimTime.ofSeconds(seconds), 1, counter), to.ref(), "at " + seconds);
    }

    /** The clock's time once it has handled everything sent to it so far. */
    private static long timeOf(ActorRef<Clock.Command> clock) {
        TestProbe<Clock.CurrentTime> probe = TEST_KIT.createTestProbe();
        clock.tell(new Clock.GetTime(probe.ref()));
        return probe.receiveMessage().time();
    }

    @Test
    void realtimeReleasesSimulatedTimeTNoEarlierThanTOverSpeedOfWallTime() {
        // Prepare: speed 2, so simulated 10 s is due 5 s of wall time after the run started
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(REALTIME_AT_DOUBLE_SPEED, WALL::get));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(0, 0, participant), event(10, 1, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered atZero = participant.receiveMessage();
        clock.tell(new Clock.Handled(atZero.deliveryId(), List.of()));

        // Execute: 4.999 s of wall time, then the last millisecond
        long before = timeOf(clock);
        wallTimePasses(Duration.ofMillis(4_999));
        long justBefore = timeOf(clock);
        wallTimePasses(Duration.ofMillis(1));
        Clock.Delivered atTen = participant.receiveMessage();
        clock.tell(new Clock.Handled(atTen.deliveryId(), List.of()));

        // Assert
        assertThat(atZero.time()).isEqualTo(0);
        assertThat(before).isEqualTo(0);
        assertThat(justBefore).isEqualTo(0);
        assertThat(atTen.time()).isEqualTo(SimTime.ofSeconds(10));
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(10), 2));
    }

    @Test
    void realtimeFallsBehindSlowHandlersAndReleasesAtOnceWhenLate() {
        // Prepare: events at 0 s and 4 s of simulated time, due at 0 s and 2 s of wall time
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(REALTIME_AT_DOUBLE_SPEED, WALL::get));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(0, 0, participant), event(4, 1, participant))));
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered atZero = participant.receiveMessage();

        // Execute: the handler takes 3 s of wall time (the clock's reading only, no timer runs)
        WALL.addAndGet(Duration.ofSeconds(3).toNanos());
        clock.tell(new Clock.Handled(atZero.deliveryId(), List.of()));
        Clock.Delivered atFour = participant.receiveMessage();
        clock.tell(new Clock.Handled(atFour.deliveryId(), List.of()));

        // Assert: released without waiting; nothing was skipped
        assertThat(atFour.time()).isEqualTo(SimTime.ofSeconds(4));
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(4), 2));
    }

    @Test
    void virtualModeNeverWaitsForWallTime() {
        // Prepare: an hour of simulated time between the events, and no wall time will pass at all
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual(), WALL::get));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(0, 0, participant), event(3_600, 1, participant))));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered first = participant.receiveMessage();
        clock.tell(new Clock.Handled(first.deliveryId(), List.of()));
        Clock.Delivered second = participant.receiveMessage();
        clock.tell(new Clock.Handled(second.deliveryId(), List.of()));

        // Assert
        assertThat(second.time()).isEqualTo(SimTime.ofSeconds(3_600));
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(3_600), 2));
    }
}
