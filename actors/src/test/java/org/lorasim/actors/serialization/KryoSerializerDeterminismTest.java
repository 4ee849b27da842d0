package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.serialization.KryoTestMessages.Color;
import org.lorasim.actors.serialization.KryoTestMessages.Envelope;
import org.lorasim.policies.adapter.WeightedAdapter;

/** The same message gives the same bytes: twice in one system, and in a second system started afterwards. */
class KryoSerializerDeterminismTest {

    private static Envelope message() {
        EnumMap<Color, Integer> counts = new EnumMap<>(Color.class);
        counts.put(Color.GREEN, 2);
        counts.put(Color.RED, 1);
        return new Envelope(List.of(
                new WeightedAdapter(KryoTestMessages.randomAdapter(new SplittableRandom(3)), 17),
                Map.of("round", 4, "clients", 10, "stragglers", 1),
                Set.of("a", "b", "c", "d"),
                counts,
                new TreeMap<>(Map.of(2.0, "two", 1.0, "one")),
                Optional.of(new float[] {1, 2})));
    }

    private static byte[] serializeIn(ActorTestKit kit) {
        return SerializationExtension.get(kit.system().classicSystem()).serialize(message()).get();
    }

    @Test
    void oneMessageGivesIdenticalBytesTwiceAndInASecondActorSystem() {
        // Prepare / Execute: the systems one after the other (STACK.md: two systems in one JVM)
        ActorTestKit first = ActorTestKit.create("determinism-first");
        byte[] once;
        byte[] twice;
        try {
            once = serializeIn(first);
            twice = serializeIn(first);
        } finally {
            first.shutdownTestKit();
        }
        ActorTestKit second = ActorTestKit.create("determinism-second");
        byte[] again;
        try {
            again = serializeIn(second);
        } finally {
            second.shutdownTestKit();
        }

        // Assert
        assertThat(once).hasSizeGreaterThan(100);
        assertThat(twice).isEqualTo(once);
        assertThat(again).isEqualTo(once);
    }
}
