package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/** The bytes themselves, without an actor system: golden encodings, size, limits and corrupt input. */
class KryoWireFormatTest {
    private static final ClassLoader LOADER = KryoWireFormatTest.class.getClassLoader();
    private static final String REF_RESOLVER_UNUSED = "no ActorRef in these messages";

    private static KryoSerializer serializer(Config overrides) {
        return new KryoSerializer(overrides.withFallback(ConfigFactory.defaultReference()), LOADER, () -> {
            throw new AssertionError(REF_RESOLVER_UNUSED);
        });
    }

    private static final KryoSerializer SERIALIZER = serializer(ConfigFactory.empty());

    @Test
    void loraFactorsHaveAPinnedEncoding() {
        // Prepare: r 1, in 2, out 1, A = [1, -2], B = [0.5], alpha 2, STANDARD
        LoraFactors f = new LoraFactors(1, 2, 1, new float[] {1f, -2f}, new float[] {0.5f}, 2.0, LoraScaling.STANDARD);

        // Execute
        byte[] bytes = SERIALIZER.toBinary(f);

        // Assert: class id 101 as varint(101 + 2) = 0x67; rank 01, in 02, out 01;
        // alpha 2.0 = 0x4000000000000000 little-endian; scaling ordinal 00;
        // A: 1f = 0x3f800000 -> 0000803f, -2f = 0xc0000000 -> 000000c0; B: 0.5f = 0x3f000000 -> 0000003f
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("67" + "01" + "02" + "01" + "0000000000000040" + "00" + "0000803f" + "000000c0" + "0000003f");
        assertThat(SERIALIZER.fromBinaryJava(bytes, null)).isEqualTo(f);
    }

    @Test
    void anAdapterHasAPinnedEncoding() {
        // Prepare: one dense tensor "hd" of shape [2] = [1, 0], no LoRA matrix
        Adapter adapter = new Adapter(Map.of(), Map.of("hd", new DenseTensor(new int[] {2}, new float[] {1f, 0f})));

        // Execute
        byte[] bytes = SERIALIZER.toBinary(adapter);

        // Assert: class id 103 -> varint 105 = 0x69; 0 LoRA matrices; 1 dense tensor; name "hd" (Kryo writes a
        // short ASCII string as its bytes with the last one's high bit set: 'h' 0x68, 'd' 0x64 | 0x80 = 0xe4);
        // ndim 1, dim 2; 1f = 0000803f, 0f = 00000000
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("69" + "00" + "01" + "68e4" + "01" + "02" + "0000803f" + "00000000");
    }

    @Test
    void aMillionFloatAdapterTakesFourMegabytesPlusAFewBytes() {
        // Prepare: rank 8 on a 62,500 x 62,500 matrix: A 8 * 62,500 + B 62,500 * 8 = 1,000,000 floats
        float[] a = new float[500_000];
        float[] b = new float[500_000];
        Arrays.fill(a, 0.25f);
        Arrays.fill(b, -1.5f);
        Adapter adapter = Adapter.ofLora(Map.of("layer.0.query",
                new LoraFactors(8, 62_500, 62_500, a, b, 16, LoraScaling.STANDARD)));

        // Execute
        byte[] bytes = SERIALIZER.toBinary(adapter);

        // Assert: 4 * 1,000,000 payload bytes; the rest is ids, counts, shape, alpha and the name
        assertThat(bytes.length).isBetween(4_000_000, 4_000_000 + 1024);
        assertThat(SERIALIZER.fromBinaryJava(bytes, null)).isEqualTo(adapter);
    }

    @Test
    void aMessageOverTheLimitFailsNamingItsClassAndExactSize() {
        // Prepare: 1,000 floats = 4,000 bytes against a 1 KiB limit
        KryoSerializer limited = serializer(ConfigFactory.parseString(
                "lorasim.serialization { max-bytes = 1 KiB, initial-buffer-bytes = 256 B }"));
        Adapter big = new Adapter(Map.of(), Map.of("w", new DenseTensor(new int[] {1000}, new float[1000])));
        int exactSize = SERIALIZER.toBinary(big).length;
        Adapter small = new Adapter(Map.of(), Map.of("w", new DenseTensor(new int[] {10}, new float[10])));

        // Execute / Assert
        assertThatThrownBy(() -> limited.toBinary(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message of class org.lorasim.policies.adapter.Adapter takes " + exactSize + " bytes")
                .hasMessageContaining("lorasim.serialization.max-bytes = 1024");
        // the pools are intact: a small message still goes through
        assertThat(limited.fromBinaryJava(limited.toBinary(small), null)).isEqualTo(small);
    }

    @Test
    void truncatedOrOverlongBytesFailClearly() {
        // Prepare
        Adapter adapter = KryoTestMessages.randomAdapter(new SplittableRandom(7));
        byte[] bytes = SERIALIZER.toBinary(adapter);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        byte[] overlong = Arrays.copyOf(bytes, bytes.length + 2);
        byte[] unknownId = {(byte) 0xF2, 0x4E}; // varint 10,098 = id 10,096 + 2: nobody's id

        // Execute / Assert
        assertThatThrownBy(() -> SERIALIZER.fromBinaryJava(truncated, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot deserialize " + truncated.length + " bytes");
        assertThatThrownBy(() -> SERIALIZER.fromBinaryJava(overlong, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read a org.lorasim.policies.adapter.Adapter from " + bytes.length + " of "
                        + overlong.length + " bytes");
        assertThatThrownBy(() -> SERIALIZER.fromBinaryJava(unknownId, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10096");
        assertThat(SERIALIZER.fromBinaryJava(bytes, null)).isEqualTo(adapter);
    }

    @Test
    void setOfAndMapOfAreWrittenInKeyOrderWhateverTheirSaltedIterationOrder() {
        // Prepare
        Kryo kryo = new LorasimKryo(KryoRegistrations.core(), LOADER, () -> null);
        Map<String, Integer> map = Map.of("j", 9, "c", 2, "a", 0, "h", 7, "e", 4, "b", 1, "i", 8, "d", 3, "g", 6, "f", 5);
        Set<String> set = Set.of("q", "x", "m", "z", "a");
        Output output = new Output(1024);

        // Execute
        kryo.writeObject(output, map);
        kryo.writeObject(output, set);
        Input input = new Input(output.toBytes());
        List<Object> keys = new ArrayList<>();
        for (int n = input.readVarInt(true); n > 0; n--) {
            keys.add(kryo.readClassAndObject(input));
            kryo.readClassAndObject(input);
        }
        List<Object> elements = new ArrayList<>();
        for (int n = input.readVarInt(true); n > 0; n--) {
            elements.add(kryo.readClassAndObject(input));
        }

        // Assert
        assertThat(keys).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(elements).containsExactly("a", "m", "q", "x", "z");
    }

    @Test
    void elementsOfMixedClassesKeepTheirIterationOrder() {
        // Prepare: a String and an Integer cannot be compared with each other
        Set<Object> mixed = new LinkedHashSet<>(List.of("b", 1, "a"));

        // Execute
        List<Object> order = ImmutableCollectionSerializers.inStableOrder(mixed);

        // Assert
        assertThat(order).containsExactly("b", 1, "a");
        assertThat(ImmutableCollectionSerializers.inStableOrder(Set.of(3, 1, 2))).containsExactly(1, 2, 3);
    }
}
