package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lorasim.actors.serialization.KryoTestMessages.rawBits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lorasim.actors.serialization.KryoTestMessages.Color;
import org.lorasim.actors.serialization.KryoTestMessages.Envelope;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;

/** Every registered value type through Pekko's SerializationExtension and back. */
class KryoSerializerRoundTripTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final KryoRoundTrip ROUND_TRIP = new KryoRoundTrip(TEST_KIT.system());

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static <T> T roundTrip(T value) {
        return ROUND_TRIP.roundTrip(value);
    }

    static Stream<Arguments> jdkValues() {
        EnumMap<Color, String> colors = new EnumMap<>(Color.class);
        colors.put(Color.BLUE, "sky");
        colors.put(Color.RED, "rose");
        return Stream.of(
                Arguments.of("null", null), Arguments.of("String", "grüße"), Arguments.of("Integer", 42),
                Arguments.of("Long", 1L << 40), Arguments.of("Float", -0.0f), Arguments.of("Double", Math.PI),
                Arguments.of("Boolean", true), Arguments.of("Byte", (byte) 7), Arguments.of("Short", (short) -3),
                Arguments.of("Character", 'λ'),
                Arguments.of("byte[]", new byte[] {1, -2}), Arguments.of("int[]", new int[] {3, 4}),
                Arguments.of("long[]", new long[] {5L}), Arguments.of("float[]", new float[] {1.5f, Float.NaN}),
                Arguments.of("double[]", new double[] {2.5}), Arguments.of("boolean[]", new boolean[] {true}),
                Arguments.of("short[]", new short[] {6}), Arguments.of("char[]", new char[] {'x'}),
                Arguments.of("String[]", new String[] {"a", null}),
                Arguments.of("ArrayList", new ArrayList<>(List.of(1, 2))),
                Arguments.of("HashMap", new HashMap<>(Map.of("a", 1, "b", 2))),
                Arguments.of("HashSet", new HashSet<>(Set.of(1, 2))),
                Arguments.of("LinkedHashMap", new LinkedHashMap<>(Map.of("a", 1))),
                Arguments.of("LinkedHashSet", new LinkedHashSet<>(List.of(3, 1, 2))),
                Arguments.of("TreeMap", new TreeMap<>(Map.of("b", 2, "a", 1))), Arguments.of("TreeSet", new TreeSet<>(Set.of("z", "y"))),
                Arguments.of("EnumMap", colors), Arguments.of("empty EnumMap", new EnumMap<>(Color.class)),
                Arguments.of("EnumSet", EnumSet.of(Color.RED, Color.BLUE)),
                Arguments.of("empty EnumSet", EnumSet.noneOf(Color.class)),
                Arguments.of("List.of()", List.of()), Arguments.of("List.of(1)", List.of(1)),
                Arguments.of("List.of(1, 2, 3)", List.of(1, 2, 3)),
                Arguments.of("subList", List.of(1, 2, 3).subList(1, 3)),
                Arguments.of("Stream.toList with null", Stream.of("a", null).toList()),
                Arguments.of("Set.of()", Set.of()), Arguments.of("Set.of(a)", Set.of("a")),
                Arguments.of("Set.of(a, b, c)", Set.of("a", "b", "c")),
                Arguments.of("Map.of()", Map.of()), Arguments.of("Map.of(a)", Map.of("a", 1)),
                Arguments.of("Map.of(a, b, c)", Map.of("a", 1, "b", 2, "c", 3)),
                Arguments.of("emptyList", Collections.emptyList()), Arguments.of("emptySet", Collections.emptySet()),
                Arguments.of("emptyMap", Collections.emptyMap()),
                Arguments.of("singletonList", Collections.singletonList(1)),
                Arguments.of("singleton", Collections.singleton("s")),
                Arguments.of("singletonMap", Collections.singletonMap("k", 2)),
                Arguments.of("Arrays.asList", Arrays.asList("a", "b")),
                Arguments.of("unmodifiableCollection", Collections.unmodifiableCollection(List.of(1, 2))),
                Arguments.of("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1, 2)))),
                Arguments.of("unmodifiableList of LinkedList", Collections.unmodifiableList(new LinkedList<>(List.of(1)))),
                Arguments.of("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2)))),
                Arguments.of("unmodifiableSortedSet", Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(2, 1)))),
                Arguments.of("unmodifiableNavigableSet", Collections.unmodifiableNavigableSet(new TreeSet<>(Set.of(1)))),
                Arguments.of("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1)))),
                Arguments.of("unmodifiableSortedMap", Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("b", 2, "a", 1)))),
                Arguments.of("unmodifiableNavigableMap", Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("c", 3)))),
                Arguments.of("Optional", Optional.of("x")), Arguments.of("empty Optional", Optional.empty()),
                Arguments.of("OptionalInt", OptionalInt.of(3)), Arguments.of("OptionalLong", OptionalLong.of(4)),
                Arguments.of("OptionalDouble", OptionalDouble.of(0.5)),
                Arguments.of("UUID", new UUID(0x0123456789abcdefL, -1L)),
                Arguments.of("Duration", Duration.ofSeconds(3, 250)),
                Arguments.of("Instant", Instant.ofEpochSecond(1_700_000_000L, 42)),
                Arguments.of("enum with bodies", LoraScaling.RANK_STABILIZED),
                Arguments.of("nested", List.of(Map.of("k", List.of(Optional.of(Color.GREEN))), Set.of(1L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkValues")
    void jdkValuesCrossInsideAMessage(String name, Object value) {
        // Prepare
        Envelope message = new Envelope(value);

        // Execute
        Envelope back = roundTrip(message);

        // Assert: equal, and of an equally behaving class (read-only stays read-only)
        assertThat(back).isNotSameAs(message);
        assertThat(sameContent(back.value(), value)).as("%s came back as %s", value, back.value()).isTrue();
        if (value != null) {
            assertThat(back.value() instanceof Collection<?> || back.value() instanceof Map<?, ?>
                    ? isUnmodifiable(back.value()) == isUnmodifiable(value) : true).as(name).isTrue();
        }
    }

    @Test
    void adaptersOfEveryShapeComeBackBitIdentical() {
        // Prepare
        LoraFactors q = new LoraFactors(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9, 10}, 16,
                LoraScaling.RANK_STABILIZED);
        LoraFactors v = new LoraFactors(1, 1, 1, new float[] {-1}, new float[] {0.5f}, 1, LoraScaling.STANDARD);
        DenseTensor head = new DenseTensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        List<Object> values = List.of(
                new Adapter(Map.of(), Map.of()),
                new Adapter(Map.of(), Map.of("classifier.weight", head, "classifier.bias", new DenseTensor(new int[] {2},
                        new float[] {0, 1}))),
                new Adapter(Map.of("layer.1.value", v, "layer.0.query", q, "layer.0.value", v.copy()), Map.of("head", head)),
                q, head, new WeightedAdapter(Adapter.ofLora(Map.of("q", q)), 120.0));

        for (Object value : values) {
            // Execute
            Object back = roundTrip(value);

            // Assert
            assertThat(back).isEqualTo(value).isNotSameAs(value);
        }
    }

    @Test
    void nanInfinitiesAndSignedZeroesKeepTheirExactBits() {
        // Prepare: canonical NaN, x86's default NaN (sign set), a NaN with a payload, infinities, -0, subnormal
        float[] special = {
            Float.intBitsToFloat(0x7fc00000), Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fc00001),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE};
        LoraFactors f = new LoraFactors(1, 8, 1, special, new float[] {Float.intBitsToFloat(0xffc00000)}, 8,
                LoraScaling.STANDARD);
        Adapter adapter = new Adapter(Map.of("m", f), Map.of("d", new DenseTensor(new int[] {8}, special.clone())));

        // Execute
        Adapter back = roundTrip(adapter);

        // Assert: compare raw bits (Arrays.equals on floats would accept any NaN for any NaN)
        assertThat(rawBits(back.factors("m").a())).containsExactly(rawBits(special));
        assertThat(rawBits(back.factors("m").b())).containsExactly(0xffc00000);
        assertThat(rawBits(back.dense().get("d").values())).containsExactly(rawBits(special));
    }

    @Test
    void randomAdaptersRoundTripBitForBit() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            Adapter adapter = KryoTestMessages.randomAdapter(new SplittableRandom(seed));

            // Execute
            Adapter back = roundTrip(adapter);
            WeightedAdapter weighted = roundTrip(new WeightedAdapter(adapter, seed + 1));

            // Assert
            assertThat(back).as("seed %d", seed).isEqualTo(adapter);
            assertThat(Arrays.equals(rawBits(back.flatten()), rawBits(adapter.flatten()))).as("seed %d", seed).isTrue();
            assertThat(weighted.adapter()).as("seed %d", seed).isEqualTo(adapter);
            assertThat(weighted.weight()).isEqualTo(seed + 1);
        }
    }

    @Test
    void typedActorRefsResolveToTheSameActor() {
        // Prepare
        var probe = TEST_KIT.createTestProbe(String.class);
        Envelope message = new Envelope(List.of(probe.ref(), TEST_KIT.system().ignoreRef()));

        // Execute
        Envelope back = roundTrip(message);

        // Assert
        assertThat(back.value()).isEqualTo(message.value());
    }

    private static boolean sameContent(Object back, Object value) {
        if (value instanceof Collection<?> c && !(value instanceof List<?>) && !(value instanceof Set<?>)) {
            return back instanceof Collection<?> b && new ArrayList<>(b).equals(new ArrayList<>(c));
        }
        return Objects.deepEquals(back, value);
    }

    @SuppressWarnings("unchecked")
    private static boolean isUnmodifiable(Object collection) {
        try {
            if (collection instanceof Map<?, ?> m) {
                ((Map<Object, Object>) m).clear();
            } else {
                ((Collection<Object>) collection).clear();
            }
            return false;
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }
}
