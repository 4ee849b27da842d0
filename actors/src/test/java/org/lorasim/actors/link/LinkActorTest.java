package org.lorasim.actors.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor.Event;
import org.lorasim.actors.link.LinkActor.LinkChanged;
import org.lorasim.actors.link.LinkActor.MessageLost;
import org.lorasim.actors.link.LinkActor.MessageSent;
import org.lorasim.actors.link.LinkModel.LossReason;
import org.lorasim.actors.link.LinkTestMessages.Chunk;

/** The link actor inside the clock's flow: sends come in deliveries, arrivals go out as scheduled events. */
class LinkActorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long MB = 1_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SCENARIO = 1;
    private static final long LINK = 10;

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    /** A destination that writes "time name" for every payload it receives and acknowledges at once. */
    private static Behavior<Clock.Delivered> recorder(List<String> log) {
        return Behaviors.receive((context, delivered) -> {
            for (Object message : delivered.messages()) {
                log.add(delivered.time() + " " + message);
            }
            delivered.replyTo().tell(new Clock.Handled(delivered.deliveryId(), List.of()));
            return Behaviors.same();
        });
    }

    private record Net(ActorRef<Clock.Command> clock, ActorRef<Clock.Delivered> link,
                       ActorRef<Clock.Delivered> destination, List<String> log, EventOutbox scenario) {

        /** Runs the clock until idle and returns the destination's log. */
        List<String> run() {
            TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
            clock.tell(scenario.toSchedule());
            clock.tell(new Clock.Run(outcome.ref()));
            assertThat(outcome.receiveMessage()).isInstanceOf(Clock.WentIdle.class);
            return List.copyOf(log);
        }

        void at(long time, Object command) {
            scenario.deliver(time, link, command);
        }

        void send(long time, String name, long bytes) {
            at(time, new LinkActor.Send(Chunk.named(name), bytes, destination));
        }
    }

    private static Net net(LinkModel model, long seed, ActorRef<Event> observer) {
        List<String> log = new CopyOnWriteArrayList<>();
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        ActorRef<Clock.Delivered> link = TEST_KIT.spawn(LinkActor.create(new LinkId("a->b", LINK, 1, 2), model,
                new SplittableRandom(seed), observer == null ? List.of() : List.of(observer)));
        ActorRef<Clock.Delivered> destination = TEST_KIT.spawn(recorder(log));
        return new Net(clock, link, destination, log, new EventOutbox(SCENARIO));
    }

    private static LinkModel tenMegabytesTwentyMillis() {
        return new LinkModel(10 * MB, 20 * MS, 0, 0.0);
    }

    @Test
    void aMessageArrivesAtTheHandWorkedTime() {
        // Prepare
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(tenMegabytesTwentyMillis(), 1, observer.ref());
        net.send(0, "one", MB);

        // Execute
        List<String> log = net.run();

        // Assert: 10^6 B / 10^7 B/s = 100 ms + 20 ms latency = 120 ms
        assertThat(log).containsExactly(120 * MS + " one");
        assertThat(observer.receiveMessage())
                .isEqualTo(new MessageSent("a->b", 0, 0, 100 * MS, 120 * MS, MB, Chunk.class.getName(), -1));
    }

    @Test
    void backToBackMessagesQueueFifo() {
        // Prepare: both sent at t = 10 ms
        Net net = net(tenMegabytesTwentyMillis(), 1, null);
        net.send(10 * MS, "first", MB);
        net.send(10 * MS, "second", 2 * MB);

        // Execute
        List<String> log = net.run();

        // Assert: first 10..110 ms -> 130 ms; second waits, 110..310 ms (2 MB = 200 ms) -> 330 ms
        assertThat(log).containsExactly(130 * MS + " first", 330 * MS + " second");
    }

    @Test
    void aDownLinkLosesMessagesAndTheObserverSeesIt() {
        // Prepare: down at 0, a send at 1 s, up at 2 s, a send at 3 s
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(tenMegabytesTwentyMillis(), 1, observer.ref());
        net.at(0, new LinkActor.Down());
        net.send(1_000 * MS, "lost", MB);
        net.at(2_000 * MS, new LinkActor.Up());
        net.send(3_000 * MS, "arrives", MB);

        // Execute
        List<String> log = net.run();

        // Assert: only the second arrives, at 3 s + 100 ms + 20 ms
        assertThat(log).containsExactly(3_120 * MS + " arrives");
        LinkState down = new LinkState(10 * MB, 20 * MS, 0, 0.0, false, false);
        assertThat(observer.receiveMessage()).isEqualTo(new LinkChanged("a->b", 0, "down", down));
        assertThat(observer.receiveMessage())
                .isEqualTo(new MessageLost("a->b", 1_000 * MS, MB, LossReason.LINK_DOWN, Chunk.class.getName(), -1));
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(LinkChanged.class,
                changed -> assertThat(changed.state().up()).isTrue());
        assertThat(observer.receiveMessage()).isInstanceOf(MessageSent.class);
    }

    @Test
    void aPartitionCutsTheLinkUntilHealed() {
        // Prepare: nodes 1 and 2 in different groups at 0; healed at 2 s
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(tenMegabytesTwentyMillis(), 1, observer.ref());
        net.at(0, new LinkActor.Partition(Map.of(1L, 0, 2L, 1)));
        net.send(1_000 * MS, "cut", MB);
        net.at(2_000 * MS, new LinkActor.Heal());
        net.send(2_000 * MS, "healed", MB);

        // Execute
        List<String> log = net.run();

        // Assert
        assertThat(log).containsExactly(2_120 * MS + " healed");
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(LinkChanged.class,
                changed -> assertThat(changed.state().partitioned()).isTrue());
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(MessageLost.class,
                lost -> assertThat(lost.reason()).isEqualTo(LossReason.PARTITIONED));
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(LinkChanged.class,
                changed -> assertThat(changed.state().partitioned()).isFalse());
    }

    @Test
    void aPartitionThatKeepsBothEndsTogetherDoesNotCutTheLink() {
        // Prepare: nodes 1 and 2 both in group 4, node 3 alone
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(tenMegabytesTwentyMillis(), 1, observer.ref());
        net.at(0, new LinkActor.Partition(Map.of(1L, 4, 2L, 4, 3L, 5)));
        net.send(0, "through", MB);

        // Execute
        List<String> log = net.run();

        // Assert
        assertThat(log).containsExactly(120 * MS + " through");
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(LinkChanged.class,
                changed -> assertThat(changed.state().partitioned()).isFalse());
    }

    @Test
    void aRejectedChangeLeavesTheLinkAsItWasAndTheRunGoesOn() {
        // Prepare: a negative latency at 0 is logged and ignored
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(tenMegabytesTwentyMillis(), 1, observer.ref());
        net.at(0, new LinkActor.SetLatency(-1));
        net.send(10 * MS, "unchanged", MB);

        // Execute
        List<String> log = net.run();

        // Assert: 10 + 100 + 20 ms; no LinkChanged was published, only the send
        assertThat(log).containsExactly(130 * MS + " unchanged");
        assertThat(observer.receiveMessage()).isInstanceOf(MessageSent.class);
    }

    @Test
    void aBandwidthChangeMidRunAffectsOnlyLaterMessages() {
        // Prepare: 1 MB at 0, 20 MB/s from 1 s, 1 MB at 2 s
        Net net = net(tenMegabytesTwentyMillis(), 1, null);
        net.send(0, "before", MB);
        net.at(1_000 * MS, new LinkActor.SetBandwidth(20 * MB));
        net.send(2_000 * MS, "after", MB);

        // Execute
        List<String> log = net.run();

        // Assert: before 100 ms + 20 ms = 120 ms; after 2 s + 1 MB / 20 MB/s = 50 ms + 20 ms = 2070 ms
        assertThat(log).containsExactly(120 * MS + " before", 2_070 * MS + " after");
    }

    @Test
    void aChangeWhileAMessageIsQueuedAppliesToMessagesSentAfterIt() {
        // Prepare: 1 MB at 0 (on the wire until 100 ms); 20 MB/s at 50 ms; 1 MB at 50 ms after the change
        Net net = net(tenMegabytesTwentyMillis(), 1, null);
        net.send(0, "old", MB);
        net.at(50 * MS, new LinkActor.SetBandwidth(20 * MB));
        net.send(50 * MS, "new", MB);

        // Execute
        List<String> log = net.run();

        // Assert: old 0..100 ms -> 120 ms; new waits until 100 ms, 100..150 ms -> 170 ms
        assertThat(log).containsExactly(120 * MS + " old", 170 * MS + " new");
    }

    @Test
    void aMeasuredSendUsesTheKryoSerializedSize() {
        // Prepare: 10,000 data bytes over a 1 MB/s link without latency
        TestProbe<Event> observer = TEST_KIT.createTestProbe();
        Net net = net(new LinkModel(MB, 0, 0, 0.0), 1, observer.ref());
        Chunk chunk = new Chunk("big", new byte[10_000]);
        long expectedBytes = SerializationExtension.get(Adapter.toClassic(TEST_KIT.system()))
                .serialize(chunk).get().length;
        net.at(0, LinkActor.Send.measured(chunk, net.destination()));

        // Execute
        List<String> log = net.run();

        // Assert: a few bytes of class id and lengths on top of the data; 1 us per byte at 1 MB/s
        assertThat(expectedBytes).isBetween(10_000L, 10_020L);
        assertThat(log).containsExactly(expectedBytes * 1_000 + " big");
        assertThat(observer.receiveMessage()).isInstanceOfSatisfying(MessageSent.class,
                sent -> assertThat(sent.bytes()).isEqualTo(expectedBytes));
    }

    @Test
    void twoIdenticalRunsGiveTheIdenticalDeliveryLog() {
        // Prepare & Execute: jitter +-15 ms and 30 % loss, 40 messages, same seed twice, another seed once
        List<String> first = jitteryRun(7);
        List<String> second = jitteryRun(7);
        List<String> other = jitteryRun(8);

        // Assert: identical, some lost, in send order, and a different seed gives a different log
        assertThat(second).isEqualTo(first);
        assertThat(first.size()).isBetween(15, 39);
        assertThat(other).isNotEqualTo(first);
        List<Integer> order = new ArrayList<>();
        first.forEach(line -> order.add(Integer.parseInt(line.substring(line.indexOf(" m") + 2))));
        assertThat(order).isSorted();
    }

    private static List<String> jitteryRun(long seed) {
        Net net = net(new LinkModel(10 * MB, 20 * MS, 15 * MS, 0.3), seed, null);
        for (int i = 0; i < 40; i++) {
            net.send(i * MS, "m" + i, 1_000);
        }
        return net.run();
    }
}
