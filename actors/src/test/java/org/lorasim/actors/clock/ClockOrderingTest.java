package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The clock actor's order of delivery: (time, sender, counter), one wave after another. */
class ClockOrderingTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ScheduledEvent event(long seconds, long sender, long counter, TestProbe<Clock.Delivered> to,
                                        Object message) {
        return ScheduledEvent.delivery(new EventKey(SimTime.ofSeconds(seconds), sender, counter), to.ref(), message);
    }

    private static void acknowledge(ActorRef<Clock.Command> clock, Clock.Delivered delivered, ScheduledEvent... events) {
        clock.tell(new Clock.Handled(delivered.deliveryId(), List.of(events)));
    }

    @Test
    void deliversInTimeSenderCounterOrderWhateverTheSendOrder() {
        // Prepare: four Schedule messages, sent out of order
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(5, 2, 0, participant, "s2#0"))));
        clock.tell(new Clock.Schedule(List.of(event(1, 9, 0, participant, "s9#0"))));
        clock.tell(new Clock.Schedule(List.of(event(5, 1, 1, participant, "s1#1"))));
        clock.tell(new Clock.Schedule(List.of(event(5, 1, 0, participant, "s1#0"))));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered atOne = participant.receiveMessage();
        acknowledge(clock, atOne);
        Clock.Delivered atFive = participant.receiveMessage();
        acknowledge(clock, atFive);

        // Assert: time 1 first; at time 5 sender 1 (#0, #1) before sender 2, all in one delivery
        assertThat(atOne.time()).isEqualTo(SimTime.ofSeconds(1));
        assertThat(atOne.messages()).containsExactly("s9#0");
        assertThat(atFive.time()).isEqualTo(SimTime.ofSeconds(5));
        assertThat(atFive.messages()).containsExactly("s1#0", "s1#1", "s2#0");
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(5), 4));
    }

    @Test
    void eachParticipantGetsOneDeliveryPerWaveNumberedByItsFirstEvent() {
        // Prepare: at t = 2 the order is (s1#0 -> a), (s2#0 -> b), (s3#0 -> b), (s4#0 -> a)
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> a = TEST_KIT.createTestProbe();
        TestProbe<Clock.Delivered> b = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(event(2, 3, 0, b, "s3"), event(2, 4, 0, a, "s4"),
                event(2, 2, 0, b, "s2"), event(2, 1, 0, a, "s1"))));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered toA = a.receiveMessage();
        Clock.Delivered toB = b.receiveMessage();
        acknowledge(clock, toB);
        acknowledge(clock, toA);

        // Assert: a's first event (s1) precedes b's (s2), so a's delivery is number 0 and b's number 1
        assertThat(toA.deliveryId()).isEqualTo(0);
        assertThat(toA.messages()).containsExactly("s1", "s4");
        assertThat(toB.deliveryId()).isEqualTo(1);
        assertThat(toB.messages()).containsExactly("s2", "s3");
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(2), 4));
    }

    @Test
    void eventsScheduledForTheCurrentTimeJoinTheStepAsANewWave() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.TimeAdvanced> observer = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Subscribe(observer.ref()));
        clock.tell(new Clock.Schedule(List.of(event(2, 5, 0, participant, "first"), event(3, 5, 1, participant, "later"))));

        // Execute: handling "first" schedules "again" for t = 2, from a lower sender id than "first"
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered first = participant.receiveMessage();
        acknowledge(clock, first, event(2, 1, 0, participant, "again"));
        Clock.Delivered again = participant.receiveMessage();
        acknowledge(clock, again);
        Clock.Delivered later = participant.receiveMessage();
        acknowledge(clock, later);

        // Assert: "again" comes at t = 2, before "later" at t = 3; time advanced once to 2, once to 3
        assertThat(first.time()).isEqualTo(SimTime.ofSeconds(2));
        assertThat(first.messages()).containsExactly("first");
        assertThat(again.time()).isEqualTo(SimTime.ofSeconds(2));
        assertThat(again.messages()).containsExactly("again");
        assertThat(later.time()).isEqualTo(SimTime.ofSeconds(3));
        assertThat(later.messages()).containsExactly("later");
        assertThat(observer.receiveMessage()).isEqualTo(new Clock.TimeAdvanced(SimTime.ofSeconds(2)));
        assertThat(observer.receiveMessage()).isEqualTo(new Clock.TimeAdvanced(SimTime.ofSeconds(3)));
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(3), 3));
    }

    @Test
    void acknowledgementsCarryTheEventsTheHandlerScheduled() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> sender = TEST_KIT.createTestProbe();
        TestProbe<Clock.Delivered> receiver = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        EventOutbox outbox = new EventOutbox(7);
        outbox.deliver(SimTime.ofSeconds(1), sender.ref(), "ping");
        clock.tell(outbox.toSchedule());

        // Execute: the sender answers "ping" at t = 1 with "pong" to the receiver at t = 4
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered ping = sender.receiveMessage();
        EventKey pongKey = outbox.deliver(ping.time() + SimTime.ofSeconds(3), receiver.ref(), "pong");
        ping.replyTo().tell(outbox.handled(ping));
        Clock.Delivered pong = receiver.receiveMessage();
        pong.replyTo().tell(new Clock.Handled(pong.deliveryId(), List.of()));

        // Assert: the outbox counted 0 for "ping" and 1 for "pong"
        assertThat(pongKey).isEqualTo(new EventKey(SimTime.ofSeconds(4), 7, 1));
        assertThat(pong.time()).isEqualTo(SimTime.ofSeconds(4));
        assertThat(pong.messages()).containsExactly("pong");
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(4), 2));
    }
}
