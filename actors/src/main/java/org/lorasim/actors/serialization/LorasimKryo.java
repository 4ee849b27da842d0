package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * A {@link Kryo} configured the Lorasim way: registration required (an unregistered class fails, naming
 * itself, instead of silently writing its name), the given registration table, and references off.
 *
 * <p>References are off because messages are trees: adapters, records, lists. With them on, Kryo would
 * track every object written (a hash lookup per object) to deduplicate shared ones and allow cycles; a
 * message that truly shares an object twice gets two copies, and a cyclic one fails with a stack overflow.
 *
 * <p>Kryo's default instantiation is kept: records go through their canonical constructor (so their
 * checks run on the receiving side too), other classes need a no-argument constructor. Nothing is built
 * behind a constructor's back.
 *
 * <p>Typed {@link ActorRef}s are an interface with several implementation classes (local, remote,
 * adapters); every one of them is written under the single registration of {@code ActorRef} itself, by
 * {@link TypedActorRefSerializer}, with the {@link ActorRefResolver} of the actor system this Kryo serves.
 */
final class LorasimKryo extends Kryo {
    private final Supplier<TypedActorRefSerializer.Resolver> actorRefs;
    private final boolean sizing;

    /**
     * @param actorRefs the actor system's ref resolution, asked for at the first ActorRef written or read
     *                  (the serializer is created while its actor system is still starting)
     */
    LorasimKryo(List<KryoRegistration> table, ClassLoader classLoader, Supplier<TypedActorRefSerializer.Resolver> actorRefs) {
        this(table, classLoader, actorRefs, false);
    }

    /**
     * @param sizing whether this Kryo only sizes messages ({@link KryoSerializer#simulatedSize}): it then
     *               writes every ActorRef as a fixed-size placeholder and is never used to send
     */
    LorasimKryo(List<KryoRegistration> table, ClassLoader classLoader, Supplier<TypedActorRefSerializer.Resolver> actorRefs,
                boolean sizing) {
        this.sizing = sizing;
        this.actorRefs = Objects.requireNonNull(actorRefs, "actorRefs");
        setRegistrationRequired(true);
        setReferences(false);
        setClassLoader(classLoader);
        for (KryoRegistration row : table) {
            row.registerWith(this);
        }
    }

    static boolean sizing(Kryo kryo) {
        return kryo instanceof LorasimKryo lorasim && lorasim.sizing;
    }

    static TypedActorRefSerializer.Resolver actorRefs(Kryo kryo) {
        if (!(kryo instanceof LorasimKryo lorasim)) {
            throw new KryoException("typed ActorRefs can only be written by Lorasim's KryoSerializer");
        }
        return lorasim.actorRefs.get();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
        if (type != ActorRef.class && type != null && ActorRef.class.isAssignableFrom(type)) {
            return super.getRegistration(ActorRef.class);
        }
        return super.getRegistration(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected String unregisteredClassMessage(Class type) {
        return "class " + type.getName() + " is not registered with Lorasim's Kryo serializer: give it a fixed id"
                + " in lorasim.serialization.registrations of its module's reference.conf"
                + " (see org.lorasim.actors.serialization.KryoRegistrations)";
    }
}
