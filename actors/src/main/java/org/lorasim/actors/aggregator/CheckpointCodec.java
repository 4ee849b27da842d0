package org.lorasim.actors.aggregator;

import java.io.NotSerializableException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.lorasim.policies.centralized.GlobalState;

/**
 * The aggregator's round checkpoint: the {@link GlobalState} after a round as the bytes of the actor system's
 * serializer for it (our Kryo), so that a recovery restores exactly what a restarted process would read
 * back, nothing the crashed actor still held in memory.
 */
final class CheckpointCodec {
    private final Serializer serializer;

    private CheckpointCodec(Serializer serializer) {
        this.serializer = serializer;
    }

    static CheckpointCodec of(ActorSystem<?> system) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
        try {
            return new CheckpointCodec(serialization.serializerFor(GlobalState.class));
        } catch (NotSerializableException e) {
            throw new IllegalStateException("no serializer is bound to " + GlobalState.class.getName()
                    + ": the actors module's reference.conf is missing from the classpath", e);
        }
    }

    byte[] encode(GlobalState state) {
        return serializer.toBinary(state);
    }

    GlobalState decode(byte[] bytes) {
        try {
            return (GlobalState) serializer.fromBinary(bytes, GlobalState.class);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("the round checkpoint cannot be read back: " + e.getMessage(), e);
        }
    }
}
