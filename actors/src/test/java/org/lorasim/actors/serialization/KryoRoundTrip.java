package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;

/** A value through Pekko's serialization, which must pick Lorasim's Kryo serializer, and back. */
public final class KryoRoundTrip {
    private final Serialization serialization;

    public KryoRoundTrip(ActorSystem<?> system) {
        this.serialization = SerializationExtension.get(system.classicSystem());
    }

    @SuppressWarnings("unchecked")
    public <T> T roundTrip(T value) {
        Serializer serializer = serialization.findSerializerFor(value);
        assertThat(serializer).isInstanceOf(KryoSerializer.class);
        assertThat(serializer.identifier()).isEqualTo(KryoSerializer.DEFAULT_IDENTIFIER);
        byte[] bytes = serialization.serialize(value).get();
        return (T) serialization.deserialize(bytes, serializer.identifier(), "").get();
    }
}
