package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One row of the Kryo registration table: a class, its fixed id on the wire, and how it is written.
 *
 * <p>The id is what travels in place of the class name, so it must mean the same class in every JVM of a
 * cluster and in every version that talks to another: an id, once given, is never reused for another class.
 *
 * @param id         the fixed registration id (non-negative)
 * @param type       the class written under this id
 * @param serializer makes a fresh serializer for one {@link Kryo} instance (each pooled Kryo gets its own,
 *                   so a serializer may keep scratch state); {@code null} means Kryo's default for the
 *                   class ({@code RecordSerializer} for records, {@code EnumSerializer} for enums,
 *                   {@code FieldSerializer} otherwise)
 */
public record KryoRegistration(int id, Class<?> type, Supplier<? extends Serializer<?>> serializer) {

    public KryoRegistration {
        if (id < 0) {
            throw new IllegalArgumentException("Kryo registration id of " + type + " must be non-negative, not " + id);
        }
        Objects.requireNonNull(type, "type");
    }

    /** A class written by Kryo's default serializer for it. */
    public static KryoRegistration of(int id, Class<?> type) {
        return new KryoRegistration(id, type, null);
    }

    /** A class written by its own serializer. */
    public static KryoRegistration of(int id, Class<?> type, Supplier<? extends Serializer<?>> serializer) {
        return new KryoRegistration(id, type, Objects.requireNonNull(serializer, "serializer"));
    }

    void registerWith(Kryo kryo) {
        if (serializer == null) {
            kryo.register(type, id);
        } else {
            kryo.register(type, serializer.get(), id);
        }
    }

    @Override
    public String toString() {
        return id + " = " + type.getName();
    }
}
