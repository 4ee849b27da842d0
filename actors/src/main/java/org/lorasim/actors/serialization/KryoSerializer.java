package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.JSerializer;

/**
 * Lorasim's Pekko serializer: every {@link LorasimMessage} (and the adapter value types) through Kryo 5
 * with explicit, fixed class registrations ({@link KryoRegistrations}), so that a message needs no class
 * name on the wire and a class nobody registered fails at once, naming itself, instead of crossing JVMs
 * in a slow or unsafe form.
 *
 * <p>Bound in the actors module's {@code reference.conf} as {@code lorasim-kryo}, with identifier
 * {@value #DEFAULT_IDENTIFIER} (Pekko reserves 0-40 for its own serializers); the identifier can be changed
 * with {@code pekko.actor.serialization-identifiers}, which every JVM of a cluster must agree on.
 *
 * <p>The bytes are the class id of the message followed by its fields, so no manifest is needed
 * ({@link #includeManifest()} is false). Kryo instances are not thread-safe: each call borrows one, with
 * an output buffer and an input, from thread-safe pools. A message larger than
 * {@code lorasim.serialization.max-bytes} fails with an error that names its class and exact size. A Kryo
 * that failed mid-message is dropped rather than pooled again.
 *
 * <p>Across JVMs Artery writes a message into a buffer of its frame ({@link ByteBufferSerializer}:
 * {@code pekko.remote.artery.advanced.maximum-frame-size}, or {@code maximum-large-frame-size} for the
 * {@code large-message-destinations}), so the serializer sees the room the frame leaves and refuses a message
 * that would not fit, naming its class, size and that room, before Artery's own check. Artery meets every such
 * refusal, as any failed serialization, with a log line and a dropped message; so each refusal (this limit or
 * {@code max-bytes}) is also published as a {@link MessageRefused} on the actor system's event stream, for the
 * simulation to fail the run at once instead of waiting for an answer that will never come.
 */
public final class KryoSerializer extends JSerializer implements ByteBufferSerializer {
    /** Our serializer identifier unless {@code pekko.actor.serialization-identifiers} says otherwise. */
    public static final int DEFAULT_IDENTIFIER = 7401;

    private static final int POOL_CAPACITY = 4 * Runtime.getRuntime().availableProcessors();

    private static final byte[] NO_BYTES = new byte[0];

    private final int identifier;
    private final KryoSerializerSettings settings;
    private final Pool<Kryo> kryos;
    private final Pool<Kryo> sizingKryos;
    private final Pool<Output> outputs;
    private final Pool<Input> inputs;
    private final Consumer<MessageRefused> refusals;
    private final long frameBytes;
    private final long largeFrameBytes;

    /** The constructor Pekko calls, once per actor system. */
    public KryoSerializer(ExtendedActorSystem system) {
        this(system.settings().config(), system.dynamicAccess().classLoader(),
                memoize(() -> new TypedActorRefSerializer.Resolver(
                        org.apache.pekko.actor.typed.javadsl.Adapter.toTyped(system))),
                refused -> system.eventStream().publish(refused));
    }

    KryoSerializer(Config config, ClassLoader classLoader, Supplier<TypedActorRefSerializer.Resolver> actorRefs) {
        this(config, classLoader, actorRefs, refused -> { });
    }

    KryoSerializer(Config config, ClassLoader classLoader, Supplier<TypedActorRefSerializer.Resolver> actorRefs,
                   Consumer<MessageRefused> refusals) {
        this.refusals = refusals;
        this.frameBytes = bytesOr(config, MessageRefused.FRAME);
        this.largeFrameBytes = bytesOr(config, MessageRefused.LARGE_FRAME);
        this.identifier = identifier(config);
        this.settings = KryoSerializerSettings.from(config);
        List<KryoRegistration> table = KryoRegistrations.table(settings, classLoader);
        this.kryos = new Pool<>(true, false, POOL_CAPACITY) {
            @Override
            protected Kryo create() {
                return new LorasimKryo(table, classLoader, actorRefs);
            }
        };
        this.sizingKryos = new Pool<>(true, false, POOL_CAPACITY) {
            @Override
            protected Kryo create() {
                return new LorasimKryo(table, classLoader, actorRefs, true);
            }
        };
        this.outputs = new Pool<>(true, true, POOL_CAPACITY) {
            @Override
            protected Output create() {
                return new Output(settings.initialBufferBytes(), settings.maxBytes());
            }
        };
        this.inputs = new Pool<>(true, false, POOL_CAPACITY) {
            @Override
            protected Input create() {
                return new Input();
            }
        };
        kryos.free(kryos.obtain());
    }

    @Override
    public int identifier() {
        return identifier;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    public KryoSerializerSettings settings() {
        return settings;
    }

    @Override
    public byte[] toBinary(Object message) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, message);
            byte[] bytes = output.toBytes();
            kryos.free(kryo);
            return bytes;
        } catch (KryoBufferOverflowException e) {
            long size = exactSize(message);
            String why = "message of class " + message.getClass().getName() + " takes " + size
                    + " bytes serialized, more than lorasim.serialization.max-bytes = " + settings.maxBytes()
                    + "; send it in parts or raise the limit (and Artery's frame size)";
            refusals.accept(new MessageRefused(message.getClass().getName(), size, settings.maxBytes(),
                    MessageRefused.MAX_BYTES, why));
            throw new IllegalArgumentException(why, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot serialize a message of class " + message.getClass().getName()
                    + ": " + e.getMessage(), e);
        } finally {
            if (output.getBuffer().length > settings.retainedBufferBytes()) {
                output.setBuffer(new byte[settings.initialBufferBytes()], settings.maxBytes());
            }
            outputs.free(output);
        }
    }

    /**
     * Artery's path: the message's bytes into {@code frame}, whose remaining room is what Artery's frame leaves
     * for it; a message that does not fit is refused here, loudly (see the class comment).
     *
     * @throws IllegalArgumentException naming the class, its size, the room and the settings that set it
     */
    @Override
    public void toBinary(Object message, ByteBuffer frame) {
        byte[] bytes = toBinary(message);
        if (bytes.length > frame.remaining()) {
            String setting = frame.capacity() == largeFrameBytes && largeFrameBytes != frameBytes
                    ? MessageRefused.LARGE_FRAME : MessageRefused.FRAME;
            String why = "message of class " + message.getClass().getName() + " takes " + bytes.length
                    + " bytes serialized, more than the " + frame.remaining() + " bytes left for it in Artery's frame"
                    + " of " + frame.capacity() + " bytes (" + setting + "); Artery would drop it";
            refusals.accept(new MessageRefused(message.getClass().getName(), bytes.length, frame.remaining(), setting,
                    why));
            throw new IllegalArgumentException(why);
        }
        frame.put(bytes);
    }

    /** Artery's path back: the rest of {@code buffer} is one message. */
    @Override
    public Object fromBinary(ByteBuffer buffer, String manifest) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return fromBinaryJava(bytes, null);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = kryos.obtain();
        Input input = inputs.obtain();
        try {
            input.setBuffer(bytes);
            Object message = kryo.readClassAndObject(input);
            if (input.position() != bytes.length) {
                throw new IllegalArgumentException("read a " + className(message) + " from " + input.position()
                        + " of " + bytes.length + " bytes: the two JVMs do not share one Kryo registration table");
            }
            kryos.free(kryo);
            return message;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot deserialize " + bytes.length + " bytes with Lorasim's Kryo"
                    + " serializer: " + e.getMessage(), e);
        } finally {
            input.setBuffer(NO_BYTES);
            inputs.free(input);
        }
    }

    /**
     * Writes {@code objects}, in order, as parts of about {@code partBytes}: a part ends with the object that takes
     * it to {@code partBytes} or beyond (so an object larger than that makes a part alone). Inside a part Kryo's
     * references are on: an object met again (the same instance) is written once and then referred to, e.g. the
     * global adapter that every instruction of a wave carries. One part is what one message should carry;
     * {@link #readPart} reads it back. A part over {@code lorasim.serialization.max-bytes} fails as
     * {@link #toBinary} does, and is refused as loudly (a {@link MessageRefused} naming the class of the object
     * that did not fit, size unknown: -1).
     */
    public List<byte[]> writeParts(List<?> objects, int partBytes) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        List<byte[]> parts = new ArrayList<>();
        Object writing = null;
        try {
            output.reset();
            kryo.setAutoReset(false);
            kryo.setReferences(true);
            for (Object object : objects) {
                writing = object;
                kryo.writeClassAndObject(output, object);
                if (output.position() >= partBytes) {
                    parts.add(output.toBytes());
                    output.reset();
                    kryo.reset();
                }
            }
            if (output.position() > 0) {
                parts.add(output.toBytes());
            }
            kryo.reset();
            kryo.setReferences(false);
            kryo.setAutoReset(true);
            kryos.free(kryo);
            return parts;
        } catch (KryoBufferOverflowException e) {
            String type = writing == null ? "unknown" : writing.getClass().getName();
            String why = "a part of " + objects.size() + " batched objects takes more than"
                    + " lorasim.serialization.max-bytes = " + settings.maxBytes() + " bytes serialized (it overflowed"
                    + " while writing one of class " + type + "); raise the limit";
            refusals.accept(new MessageRefused(type, -1, settings.maxBytes(), MessageRefused.MAX_BYTES, why));
            throw new IllegalArgumentException(why, e);
        } finally {
            if (output.getBuffer().length > settings.retainedBufferBytes()) {
                output.setBuffer(new byte[settings.initialBufferBytes()], settings.maxBytes());
            }
            outputs.free(output);
        }
    }

    /** The objects of one part written by {@link #writeParts}, in order. */
    public List<Object> readPart(byte[] part) {
        Kryo kryo = kryos.obtain();
        Input input = inputs.obtain();
        try {
            input.setBuffer(part);
            kryo.setAutoReset(false);
            kryo.setReferences(true);
            List<Object> objects = new ArrayList<>();
            while (input.position() < part.length) {
                objects.add(kryo.readClassAndObject(input));
            }
            kryo.reset();
            kryo.setReferences(false);
            kryo.setAutoReset(true);
            kryos.free(kryo);
            return objects;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read a part of " + part.length + " bytes with Lorasim's Kryo"
                    + " serializer: " + e.getMessage(), e);
        } finally {
            input.setBuffer(NO_BYTES);
            inputs.free(input);
        }
    }

    /**
     * The size the simulation charges for {@code message} on a simulated link: its Kryo bytes, except that
     * every {@link org.apache.pekko.actor.typed.ActorRef} in it counts {@link TypedActorRefSerializer#SIMULATED_BYTES}
     * bytes whatever its path. A ref's real format names its actor system's address and its place in the
     * actor tree, which differ between one JVM and a cluster (and between cluster nodes), while the simulated
     * network must charge the same bytes for the same message wherever it is simulated.
     */
    public long simulatedSize(Object message) {
        return countedSize(sizingKryos, message);
    }

    /** The size {@code message} would take without the limit, counted without keeping the bytes. */
    private long exactSize(Object message) {
        return countedSize(kryos, message);
    }

    private long countedSize(Pool<Kryo> pool, Object message) {
        Kryo kryo = pool.obtain();
        try {
            Output counter = new Output(new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                }
            }, settings.initialBufferBytes());
            kryo.writeClassAndObject(counter, message);
            return counter.total();
        } finally {
            pool.free(kryo);
        }
    }

    private static long bytesOr(Config config, String path) {
        return config.hasPath(path) ? config.getBytes(path) : -1;
    }

    private static int identifier(Config config) {
        String path = ConfigUtil.joinPath("pekko", "actor", "serialization-identifiers", KryoSerializer.class.getName());
        return config.hasPath(path) ? config.getInt(path) : DEFAULT_IDENTIFIER;
    }

    private static String className(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}
