package org.lorasim.actors.serialization;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code lorasim.serialization} sub-tree of the configuration, read once by {@link KryoSerializer}.
 * Every key is documented in the actors module's {@code reference.conf}.
 *
 * @param maxBytes            largest serialized message; a bigger one fails, naming its class and size
 * @param initialBufferBytes  first size of a pooled output buffer; it grows by doubling up to {@code maxBytes}
 * @param retainedBufferBytes a pooled output buffer that grew beyond this is dropped after use, so that one
 *                            big adapter does not pin its buffer for the life of the JVM
 * @param registrations       extra classes (records, enums) with their fixed Kryo ids, by class name
 * @param registrars          class names of {@link KryoRegistrar}s that add classes with custom serializers
 */
public record KryoSerializerSettings(int maxBytes, int initialBufferBytes, int retainedBufferBytes,
                                     Map<String, Integer> registrations, List<String> registrars) {

    /** Kryo keeps a buffer in one Java array; the JVM refuses arrays a few bytes short of this. */
    static final long LARGEST_BUFFER = Integer.MAX_VALUE - 8;

    public KryoSerializerSettings {
        positive("max-bytes", maxBytes);
        positive("initial-buffer-bytes", initialBufferBytes);
        positive("retained-buffer-bytes", retainedBufferBytes);
        if (initialBufferBytes > maxBytes) {
            throw new IllegalArgumentException("lorasim.serialization.initial-buffer-bytes (" + initialBufferBytes
                    + ") must not exceed lorasim.serialization.max-bytes (" + maxBytes + ")");
        }
        registrations = Map.copyOf(Objects.requireNonNull(registrations, "registrations"));
        registrars = List.copyOf(Objects.requireNonNull(registrars, "registrars"));
    }

    /**
     * Reads the settings from the root configuration (the {@code lorasim.serialization} path). Wrong types
     * and impossible values fail here, naming the key and where it was set.
     */
    public static KryoSerializerSettings from(Config root) {
        Config c = root.getConfig("lorasim.serialization");
        Map<String, Integer> registrations = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getObject("registrations").entrySet()) {
            Object id = e.getValue().unwrapped();
            if (!(id instanceof Integer value)) {
                throw new ConfigException.BadValue(e.getValue().origin(), "lorasim.serialization.registrations",
                        "the id of \"" + e.getKey() + "\" must be an integer, not " + e.getValue().render());
            }
            registrations.put(e.getKey(), value);
        }
        return new KryoSerializerSettings(
                bytes(c, "max-bytes"), bytes(c, "initial-buffer-bytes"), bytes(c, "retained-buffer-bytes"),
                registrations, c.getStringList("registrars"));
    }

    private static int bytes(Config c, String key) {
        long value = c.getBytes(key);
        if (value <= 0 || value > LARGEST_BUFFER) {
            throw new ConfigException.BadValue(c.getValue(key).origin(), "lorasim.serialization." + key,
                    "must be between 1 byte and " + LARGEST_BUFFER + " bytes, not " + value);
        }
        return (int) value;
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("lorasim.serialization." + key + " must be positive, not " + value);
        }
    }
}
