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
 * interface to this one registration.
 *
 * <p>The system's {@code ignoreRef} ("no reply wanted") has a placeholder path that the resolver would
 * turn into dead letters, which logs every reply; it is read back as the receiving system's ignoreRef.
 */
final class TypedActorRefSerializer extends ImmutableSerializer<ActorRef<?>> {

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(LorasimKryo.actorRefs(kryo).resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        Resolver refs = LorasimKryo.actorRefs(kryo);
        String path = input.readString();
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
