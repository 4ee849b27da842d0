package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Deliveries through a relay ({@link Clock.RelayVia}): one {@link Clock.RelayedWave} a wave, same ids and order. */
class ClockRelayTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ScheduledEvent event(long seconds, long sender, TestProbe<Clock.Delivered> to, Object message) {
        return ScheduledEvent.delivery(new EventKey(SimTime.ofSeconds(seconds), sender, 0), to.ref(), message);
    }

    @Test
    void aWavesDeliveriesToRelayedTargetsTravelInOneMessageWithTheDirectIdsAndOrder() {
        // Prepare: at t = 1 the order is (s1 -> a), (s2 -> b), (s3 -> c), (s4 -> a); a and c go through the relay
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> a = TEST_KIT.createTestProbe();
        TestProbe<Clock.Delivered> b = TEST_KIT.createTestProbe();
        TestProbe<Clock.Delivered> c = TEST_KIT.createTestProbe();
        TestProbe<Clock.RelayedWave> relay = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.RelayVia(List.of(a.ref(), c.ref()), relay.ref()));
        clock.tell(new Clock.Schedule(List.of(event(1, 3, c, "s3"), event(1, 4, a, "s4"), event(1, 2, b, "s2"),
                event(1, 1, a, "s1"), event(2, 1, a, "later"))));

        // Execute: every delivery answered, the relayed ones by the relay on behalf of a and c
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RelayedWave wave = relay.receiveMessage();
        Clock.Delivered toB = b.receiveMessage();
        for (Clock.Delivered d : wave.deliveries()) {
            d.replyTo().tell(new Clock.Handled(d.deliveryId(), List.of()));
        }
        toB.replyTo().tell(new Clock.Handled(toB.deliveryId(), List.of()));
        Clock.RelayedWave next = relay.receiveMessage();
        next.deliveries().get(0).replyTo().tell(new Clock.Handled(next.deliveries().get(0).deliveryId(), List.of()));

        // Assert: a (id 0) and c (id 2) in one message, b (id 1) directly; nothing reached a or c themselves
        assertThat(wave.targets()).containsExactly(a.ref(), c.ref());
        assertThat(wave.deliveries()).extracting(Clock.Delivered::deliveryId).containsExactly(0L, 2L);
        assertThat(wave.deliveries().get(0).messages()).containsExactly("s1", "s4");
        assertThat(wave.deliveries().get(1).messages()).containsExactly("s3");
        assertThat(wave.deliveries()).allSatisfy(d -> assertThat(d.time()).isEqualTo(SimTime.ofSeconds(1)));
        assertThat(toB.deliveryId()).isEqualTo(1);
        assertThat(toB.messages()).containsExactly("s2");
        assertThat(next.targets()).containsExactly(a.ref());
        assertThat(next.deliveries().get(0).messages()).containsExactly("later");
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(2), 5));
        a.expectNoMessage(java.time.Duration.ZERO);
        c.expectNoMessage(java.time.Duration.ZERO);
    }
}
