package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A typed {@link ActorRef} (e.g. a message's {@code replyTo}) as its serialization format, the full path
 * with address and uid ({@link ActorRefResolver#toSerializationFormat}), resolved back through the
 * receiving system's {@link ActorRefResolver}. {@link LorasimKryo} maps every implementation class of the
 * interface to this one registration. Wire format: the path without its {@code #uid} as a string, then a
 * boolean (has a uid) and the uid as a fixed 8-byte long: the uid is random per actor incarnation, and a
 * fixed width keeps a message's size, which simulated links time, the same in every run.
 *
 * <p>The system's {@code ignoreRef} ("no reply wanted") has a placeholder path that the resolver would
 * turn into dead letters, which logs every reply; it is read back as the receiving system's ignoreRef.
 */
final class TypedActorRefSerializer extends ImmutableSerializer<ActorRef<?>> {

    /**
     * What a ref counts on a simulated link ({@link KryoSerializer#simulatedSize}): about the real size of a
     * short local path such as {@code pekko://lorasim/user/aggregator} with its uid.
     */
    static final int SIMULATED_BYTES = 48;

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        if (LorasimKryo.sizing(kryo)) {
            output.writeBytes(new byte[SIMULATED_BYTES]);
            return;
        }
        String format = LorasimKryo.actorRefs(kryo).resolver.toSerializationFormat(ref);
        int hash = format.lastIndexOf('#');
        output.writeString(hash < 0 ? format : format.substring(0, hash));
        output.writeBoolean(hash >= 0);
        output.writeLong(hash < 0 ? 0 : Long.parseLong(format.substring(hash + 1)));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        Resolver refs = LorasimKryo.actorRefs(kryo);
        String path = input.readString();
        boolean hasUid = input.readBoolean();
        long uid = input.readLong();
        if (hasUid) {
            path = path + "#" + uid;
        }
        return path.equals(refs.ignorePath) ? refs.ignore : refs.resolver.resolveActorRef(path);
    }

    /** What reading and writing refs needs from one actor system. */
    static final class Resolver {
        private final ActorRefResolver resolver;
        private final ActorRef<?> ignore;
        private final String ignorePath;

        Resolver(ActorSystem<?> system) {
            this.resolver = ActorRefResolver.get(system);
            this.ignore = system.ignoreRef();
            this.ignorePath = resolver.toSerializationFormat(ignore);
        }
    }
}
