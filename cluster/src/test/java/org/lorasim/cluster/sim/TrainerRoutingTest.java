package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.training.data.Example;
import org.lorasim.training.train.TrainingRequest;

/**
 * A clients node's {@link TrainerRouter} and a trainer node's {@link TrainerInbox} (docs/cluster.md, "Payloads without
 * loss"): a training that outlasts {@code retransmit-after} is asked after but is not a retransmission, so a healthy
 * run with long trainings reports none; a request the inbox has not said it holds is. One node (cluster provider,
 * not joined), probes for the slots, the clock and the coordinator's relay; retransmit-after 500 ms.
 */
class TrainerRoutingTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
            pekko.loglevel = WARNING
            lorasim.cluster.delivery.retransmit-after = 500ms
            """).withFallback(ConfigFactory.load()).resolve());
    private static final DeliveryCounters COUNTERS = DeliveryCounters.of(KIT.system());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static TrainerSlot.Train train(EventKey key, ActorRef<Clock.Command> clock) {
        Adapter adapter = new Adapter(Map.of(), Map.of("head.weight", new DenseTensor(new int[] {2, 3}, new float[6]),
                "head.bias", new DenseTensor(new int[] {2}, new float[2])));
        TrainingRequest request = TrainingRequest.builder(adapter, List.of(new Example("a sentence", 1, "GRAMMAR", "r")))
                .steps(1).build();
        return new TrainerSlot.Train(3, request, key, clock);
    }

    @Test
    void aTrainingLongerThanRetransmitAfterIsAskedAfterButNeverRetransmitted() {
        // Setup
        TestProbe<TrainerSlots.Command> slots = KIT.createTestProbe();
        TestProbe<Clock.Command> clock = KIT.createTestProbe();
        TestProbe<TrainerRouter.TrainingsMoved> relay = KIT.createTestProbe();
        ActorRef<Object> inbox = KIT.spawn(TrainerInbox.create(slots.ref()));
        ActorRef<Object> router = KIT.spawn(TrainerRouter.create(inbox.narrow(), relay.ref()));
        EventKey key = new EventKey(5_000, 1_000_003, 0);
        long before = COUNTERS.retransmissions();
        long duplicatesBefore = COUNTERS.duplicates();

        // Execute: the slot holds the training for six times retransmit-after, then answers
        router.tell(train(key, clock.ref()));
        TrainerSlot.Train atSlot = slots.expectMessageClass(TrainerSlot.Train.class);
        slots.expectNoMessage(Duration.ofSeconds(3));
        TrainerSlot.TrainingFailed outcome = new TrainerSlot.TrainingFailed(3, "the slot's outcome");
        atSlot.clock().tell(new Clock.WorkCompleted(key, outcome));

        // Assert: the outcome reaches the request's clock once; nothing was counted as sent again
        assertThat(clock.expectMessageClass(Clock.WorkCompleted.class)).isEqualTo(new Clock.WorkCompleted(key, outcome));
        clock.expectNoMessage(Duration.ofMillis(300));
        assertThat(COUNTERS.retransmissions() - before).isZero();
        assertThat(COUNTERS.duplicates() - duplicatesBefore).isZero();
        relay.expectNoMessage(Duration.ZERO);
    }

    @Test
    void aRequestNotYetHeardOfIsRetransmittedAndOnceHeldOnlyCheckedOn() {
        // Setup: an inbox that never answers on its own
        TestProbe<TrainerInbox.Command> inbox = KIT.createTestProbe();
        TestProbe<Clock.Command> clock = KIT.createTestProbe();
        TestProbe<TrainerRouter.TrainingsMoved> relay = KIT.createTestProbe();
        ActorRef<Object> router = KIT.spawn(TrainerRouter.create(inbox.ref(), relay.ref()));
        EventKey key = new EventKey(7_000, 1_000_004, 0);
        long before = COUNTERS.retransmissions();

        // Execute: the first question goes unanswered (a retransmission); the inbox then says it holds the request
        router.tell(train(key, clock.ref()));
        inbox.expectMessageClass(TrainerInbox.Request.class);
        TrainerInbox.Query first = inbox.expectMessageClass(TrainerInbox.Query.class);
        first.router().<Object>unsafeUpcast().tell(new TrainerInbox.Status(key, true, 1));
        List<TrainerInbox.Command> checks = inbox.receiveSeveralMessages(3, Duration.ofSeconds(5));

        // Assert: only the first question counted; the request was never sent twice
        assertThat(COUNTERS.retransmissions() - before).isEqualTo(1);
        assertThat(first.key()).isEqualTo(key);
        assertThat(checks).allSatisfy(c -> assertThat(c).isEqualTo(new TrainerInbox.Query(key, first.router())));
        KIT.stop(router);
    }

    @Test
    void aRoutersRequestsSpreadOverTheTrainerNodesByTheirSlots() {
        // Setup: its own node (retransmit-after 1 min: no question interleaves), two trainer inboxes (probes)
        ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
                pekko.loglevel = WARNING
                lorasim.cluster.delivery.retransmit-after = 1m
                """).withFallback(ConfigFactory.load()).resolve());
        try {
            TestProbe<TrainerInbox.Command> a = kit.createTestProbe();
            TestProbe<TrainerInbox.Command> b = kit.createTestProbe();
            TestProbe<Clock.Command> clock = kit.createTestProbe();
            TestProbe<TrainerRouter.TrainingsMoved> relay = kit.createTestProbe();
            ActorRef<Object> router = kit.spawn(TrainerRouter.create(java.util.Set.of(a.ref(), b.ref()), relay.ref()));

            // Execute: two requests go one each way (nothing known of the slots); a says it has 1 slot, b 3; then
            // four more
            router.tell(train(new EventKey(1_000, 1, 0), clock.ref()));
            router.tell(train(new EventKey(1_000, 2, 0), clock.ref()));
            TrainerInbox.Request toA = a.expectMessageClass(TrainerInbox.Request.class);
            TrainerInbox.Request toB = b.expectMessageClass(TrainerInbox.Request.class);
            toA.train().clock().<Object>unsafeUpcast().tell(new TrainerInbox.Status(toA.train().completionKey(), true, 1));
            toB.train().clock().<Object>unsafeUpcast().tell(new TrainerInbox.Status(toB.train().completionKey(), true, 3));
            for (int i = 3; i <= 6; i++) {
                router.tell(train(new EventKey(1_000, i, 0), clock.ref()));
            }

            // Assert: (in flight + 1) / slots stays lower at b until b holds 5 on 3 slots against a's 1 on 1: all
            // four go to b
            assertThat(b.receiveSeveralMessages(4, Duration.ofSeconds(5)))
                    .allMatch(m -> m instanceof TrainerInbox.Request);
            a.expectNoMessage(Duration.ofMillis(300));
        } finally {
            kit.shutdownTestKit();
        }
    }
}
