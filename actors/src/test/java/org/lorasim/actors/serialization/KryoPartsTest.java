package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.serialization.KryoTestMessages.Envelope;
import org.lorasim.policies.adapter.Adapter;

/** {@link KryoSerializer#writeParts}: objects in parts of a bounded size, a shared object written once a part. */
class KryoPartsTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final KryoSerializer KRYO = (KryoSerializer) SerializationExtension.get(TEST_KIT.system().classicSystem())
            .findSerializerFor(new Envelope(0));

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void objectsSharingOneAdapterTakeItsBytesOncePerPartAndReadBackEqualAndInOrder() {
        // Prepare: 50 envelopes, each a list of its index and the same adapter
        Adapter shared = KryoTestMessages.randomAdapter(new SplittableRandom(3));
        List<Envelope> objects = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            objects.add(new Envelope(List.of(i, shared)));
        }
        int adapterBytes = KRYO.toBinary(new Envelope(shared)).length;

        // Execute
        List<byte[]> parts = KRYO.writeParts(objects, Integer.MAX_VALUE);
        List<Object> back = KRYO.readPart(parts.get(0));
        List<Object> again = KRYO.readPart(KRYO.writeParts(objects, Integer.MAX_VALUE).get(0));

        // Assert: one part, one adapter and a few bytes an envelope; equal objects in order; a second write reads the same
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).length).isLessThan(adapterBytes + 50 * 16);
        assertThat(back).isEqualTo(objects);
        assertThat(again).isEqualTo(objects);
        assertThat(((List<?>) ((Envelope) back.get(7)).value()).get(1))
                .isSameAs(((List<?>) ((Envelope) back.get(8)).value()).get(1));
    }

    @Test
    void aPartEndsWithTheObjectThatReachesTheBudgetAndEachPartStandsAlone() {
        // Prepare: 10 envelopes of distinct adapters, a budget that every one of them reaches
        SplittableRandom rng = new SplittableRandom(5);
        List<Envelope> objects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            objects.add(new Envelope(KryoTestMessages.randomAdapter(rng)));
        }
        int budget = 1;

        // Execute
        List<byte[]> parts = KRYO.writeParts(objects, budget);
        List<Object> back = new ArrayList<>();
        for (int i = parts.size() - 1; i >= 0; i--) {
            back.addAll(0, KRYO.readPart(parts.get(i)));
        }

        // Assert: one object a part, read back in any order of parts
        assertThat(parts).hasSize(10);
        assertThat(back).isEqualTo(objects);
    }
}
