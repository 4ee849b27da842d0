package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Field;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@link EnumMap} of any key type: the key enum's class id, the size, then (ordinal, value) pairs in key
 * order. Kryo's own {@code EnumMapSerializer} is fixed to one key type, so one registration of
 * {@code EnumMap} could only ever carry maps of that type. The key enum must be registered too.
 *
 * <p>An empty map has no key to ask for its type, so its private {@code keyType} field is read: that
 * needs {@code --add-opens java.base/java.util=ALL-UNNAMED}, which the launcher and the tests pass.
 */
final class EnumMapSerializer extends Serializer<EnumMap<? extends Enum<?>, ?>> {

    @Override
    public void write(Kryo kryo, Output output, EnumMap<? extends Enum<?>, ?> map) {
        kryo.writeClass(output, keyType(map));
        output.writeVarInt(map.size(), true);
        for (Map.Entry<? extends Enum<?>, ?> e : map.entrySet()) {
            output.writeVarInt(e.getKey().ordinal(), true);
            kryo.writeClassAndObject(output, e.getValue());
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EnumMap<? extends Enum<?>, ?> read(Kryo kryo, Input input, Class<? extends EnumMap<? extends Enum<?>, ?>> type) {
        Class keyType = kryo.readClass(input).getType();
        Object[] constants = keyType.getEnumConstants();
        EnumMap map = new EnumMap(keyType);
        for (int n = input.readVarInt(true); n > 0; n--) {
            int ordinal = input.readVarInt(true);
            if (ordinal >= constants.length) {
                throw new KryoException("unknown ordinal " + ordinal + " of " + keyType.getName() + " in an EnumMap");
            }
            map.put((Enum) constants[ordinal], kryo.readClassAndObject(input));
        }
        return map;
    }

    private static Class<?> keyType(EnumMap<? extends Enum<?>, ?> map) {
        if (!map.isEmpty()) {
            return map.keySet().iterator().next().getDeclaringClass();
        }
        try {
            Field field = EnumMap.class.getDeclaredField("keyType");
            field.setAccessible(true);
            return (Class<?>) field.get(map);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new KryoException("cannot read the key type of an empty EnumMap; run the JVM with"
                    + " --add-opens java.base/java.util=ALL-UNNAMED", e);
        }
    }
}
