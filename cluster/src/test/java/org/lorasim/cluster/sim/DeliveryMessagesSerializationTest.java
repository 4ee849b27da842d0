package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.serialization.KryoSerializer;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.training.train.ModelRef;

/**
 * The messages of the recovery of lost messages cross a JVM: Kryo-registered (ids 2051, 2054, 2060-2064), read back equal
 * ({@link TrainerInbox.Request} crosses in {@link ReliableDeliveryRunTest}, with a real training request).
 */
class DeliveryMessagesSerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static Object roundTrip(Object message) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        assertThat(serialization.findSerializerFor(message)).isInstanceOf(KryoSerializer.class);
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serialization.findSerializerFor(message).identifier(),
                message.getClass().getName()).get();
    }

    @Test
    void theWaveRelaysTrainerInboxesAndBaseWarmersMessagesReadBackEqual() {
        // Setup
        ActorRef<Clock.Command> router = KIT.createTestProbe(Clock.Command.class).ref();
        EventKey key = new EventKey(57, 1_000_000, 0);
        ActorRef<ClientRelay.OutcomeReceived> sender = KIT.createTestProbe(ClientRelay.OutcomeReceived.class).ref();
        List<Object> messages = List.of(new WaveRelay.StillHandling(4),
                new WaveRelay.Item(4, ClientRole.UPLINK, 9, 77, List.of("to neighbour 9")), new TrainerInbox.Query(key, router),
                new TrainerInbox.Status(key, true, 2), new ClientRelay.OutcomeReceived(key), new ClientRelay.Outcome(
                        new Clock.WorkCompleted(key, new TrainerSlot.TrainingFailed(3, "no data")), sender),
                new BaseWarmer.Warm(new ModelRef(ModelRef.DECODER_KIND, "/models/tiny/model.bin", "/models/tiny/tok.bin"),
                        KIT.createTestProbe(BaseWarmer.Warmed.class).ref()),
                new BaseWarmer.Warmed("pekko://lorasim@10.0.0.7:2551", "encoder all-MiniLM-L6-v2", null, 4_200),
                new BaseWarmer.Warmed("pekko://lorasim@10.0.0.8:2551", "decoder /m", "IllegalStateException: OOM", 12));

        // Execute, Assert
        for (Object message : messages) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
        WaveRelay.HandledBatch batch = (WaveRelay.HandledBatch) roundTrip(new WaveRelay.HandledBatch(9, 1, 2,
                new byte[] {1, 2, 3}));
        assertThat(batch.seq()).isEqualTo(9);
        assertThat(batch.part()).isEqualTo(1);
        assertThat(batch.parts()).isEqualTo(2);
        assertThat(batch.handled()).containsExactly(1, 2, 3);
    }
}
