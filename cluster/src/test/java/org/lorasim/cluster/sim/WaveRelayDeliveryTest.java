package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.clock.ScheduledEvent;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.serialization.KryoSerializer;

/**
 * A clients node's wave relay hands each batch once however often it comes (docs/cluster.md, "Payloads without
 * loss"), answers a copy by what it knows of the batch, and carries the entities' reports in the answer ahead of the
 * answers that follow them. One actor, probes for the coordinator's relay, the recorder and a client's participants.
 */
class WaveRelayDeliveryTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());
    private static final KryoSerializer KRYO = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(KIT.system()))
            .findSerializerFor(new WaveRelay.Held(0));

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static WaveRelay.DeliveredBatch batch(long seq, long answeredBelow, long deliveryId, String message,
                                                  ActorRef<WaveRelay.Answer> replyTo) {
        byte[] items = KRYO.writeParts(List.of(new WaveRelay.Item(7, ClientRole.CLIENT, deliveryId, List.of(message))),
                1 << 20).get(0);
        return new WaveRelay.DeliveredBatch(seq, answeredBelow, 1_000, items, replyTo);
    }

    private static List<Object> read(WaveRelay.Answer answer) {
        return KRYO.readPart(((WaveRelay.HandledBatch) answer).handled());
    }

    @Test
    void aBatchSentAgainIsHandedOnceAndAnsweredByWhatTheRelayKnowsOfIt() {
        // Setup
        TestProbe<Object> coordinator = KIT.createTestProbe();
        TestProbe<Object> recorder = KIT.createTestProbe();
        TestProbe<Clock.Delivered> client = KIT.createTestProbe();
        ActorRef<Object> relay = KIT.spawn(WaveRelay.create(coordinator.ref(), recorder.ref()));
        relay.tell(new WaveRelay.Children(7, Map.of(ClientRole.CLIENT, client.ref(), ClientRole.UPLINK, client.ref(),
                ClientRole.DOWNLINK, client.ref())));
        ActorRef<WaveRelay.Answer> replyTo = coordinator.ref().unsafeUpcast();
        RunEvent report = new RunEvent(1_000, 0, "test", "client-7", "reported while handling");

        // Execute, Assert: the batch is handed; its copy while handled is answered StillHandling, not handed
        relay.tell(batch(0, 0, 40, "instruction", replyTo));
        Clock.Delivered delivered = client.expectMessageClass(Clock.Delivered.class);
        assertThat(delivered.deliveryId()).isEqualTo(40);
        assertThat(delivered.messages()).containsExactly("instruction");
        relay.tell(batch(0, 0, 40, "instruction", replyTo));
        assertThat(coordinator.receiveMessage()).isEqualTo(new WaveRelay.StillHandling(0));

        // a report, then the answer: both in one answer batch, the report first
        relay.tell(report);
        delivered.replyTo().tell(new Clock.Handled(40, List.of()));
        WaveRelay.HandledBatch answer = (WaveRelay.HandledBatch) coordinator.receiveMessage();
        assertThat(answer.seq()).isZero();
        assertThat(answer.parts()).isEqualTo(1);
        assertThat(read(answer)).containsExactly(report, new Clock.Handled(40, List.of()));

        // a copy after the answer went gets the kept answer again, not a second hand-over
        relay.tell(batch(0, 0, 40, "instruction", replyTo));
        assertThat(read((WaveRelay.Answer) coordinator.receiveMessage())).containsExactly(report,
                new Clock.Handled(40, List.of()));

        // the next batch says batch 0 is answered: a late copy of it is dropped; the client's next delivery is batch 1's
        relay.tell(batch(1, 1, 41, "upload", replyTo));
        relay.tell(batch(0, 0, 40, "instruction", replyTo));
        Clock.Delivered next = client.expectMessageClass(Clock.Delivered.class);
        assertThat(next.deliveryId()).isEqualTo(41);
        next.replyTo().tell(new Clock.Handled(41, List.of()));
        assertThat(read((WaveRelay.Answer) coordinator.receiveMessage())).containsExactly(new Clock.Handled(41, List.of()));

        // a report while no batch is handled goes to the recorder at once
        relay.tell(report);
        assertThat(recorder.receiveMessage()).isEqualTo(report);
    }

    @Test
    void aGossipNodesLinksAreFoundByPeerAndAMessageTheNodeHandsItsLinkStaysOnTheNode() {
        // Setup: gossip node 7 with links to neighbours 3 and 8
        TestProbe<Object> coordinator = KIT.createTestProbe();
        TestProbe<Clock.Delivered> node = KIT.createTestProbe();
        TestProbe<Clock.Delivered> linkTo3 = KIT.createTestProbe();
        TestProbe<Clock.Delivered> linkTo8 = KIT.createTestProbe();
        ActorRef<Object> relay = KIT.spawn(WaveRelay.create(coordinator.ref(), KIT.createTestProbe().ref()));
        relay.tell(new WaveRelay.Children(7, Map.of(ClientRole.CLIENT, node.ref()),
                Map.of(3, linkTo3.ref(), 8, linkTo8.ref())));
        ActorRef<WaveRelay.Answer> replyTo = coordinator.ref().unsafeUpcast();

        // Execute, Assert: a delivery to the link to 8 reaches that link alone
        relay.tell(new WaveRelay.DeliveredBatch(0, 0, 1_000, KRYO.writeParts(List.of(
                new WaveRelay.Item(7, ClientRole.UPLINK, 8, 50, List.of("tick"))), 1 << 20).get(0), replyTo));
        Clock.Delivered toLink = linkTo8.expectMessageClass(Clock.Delivered.class);
        assertThat(toLink.messages()).containsExactly("tick");
        linkTo3.expectNoMessage();
        node.expectNoMessage();
        toLink.replyTo().tell(new Clock.Handled(50, List.of()));
        assertThat(read((WaveRelay.Answer) coordinator.receiveMessage())).containsExactly(new Clock.Handled(50, List.of()));

        // the node hands its link to 3 a message: the answer carries a stub, the message stays here
        relay.tell(new WaveRelay.DeliveredBatch(1, 1, 2_000, KRYO.writeParts(List.of(
                new WaveRelay.Item(7, ClientRole.CLIENT, 51, List.of("go"))), 1 << 20).get(0), replyTo));
        Clock.Delivered toNode = node.expectMessageClass(Clock.Delivered.class);
        EventKey key = new EventKey(3_000, 7, 0);
        toNode.replyTo().tell(new Clock.Handled(51, List.of(new ScheduledEvent(key, linkTo3.ref(), "adapter", false))));
        Clock.Handled answer = (Clock.Handled) read((WaveRelay.Answer) coordinator.receiveMessage()).get(0);
        assertThat(answer.scheduled()).hasSize(1);
        assertThat(answer.scheduled().get(0).key()).isEqualTo(key);
        WaveRelay.Held stub = (WaveRelay.Held) answer.scheduled().get(0).message();

        // delivered back to that link, the stub is replaced by the message
        relay.tell(new WaveRelay.DeliveredBatch(2, 2, 3_000, KRYO.writeParts(List.of(
                new WaveRelay.Item(7, ClientRole.UPLINK, 3, 52, List.of(stub))), 1 << 20).get(0), replyTo));
        assertThat(linkTo3.expectMessageClass(Clock.Delivered.class).messages()).containsExactly("adapter");
    }
}
