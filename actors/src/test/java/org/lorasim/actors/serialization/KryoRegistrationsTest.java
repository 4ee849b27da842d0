package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;

class KryoRegistrationsTest {
    private static final ClassLoader LOADER = KryoRegistrationsTest.class.getClassLoader();
    private static final String ENVELOPE = KryoTestMessages.Envelope.class.getName();
    private static final String ECHO = KryoTestMessages.Echo.class.getName();

    /** A registrar adding one class with its own serializer, as a module above actors would. */
    public static final class StringBuilderRegistrar implements KryoRegistrar {
        @Override
        public List<KryoRegistration> registrations() {
            return List.of(KryoRegistration.of(9010, StringBuilder.class, DefaultSerializers.StringBuilderSerializer::new));
        }
    }

    /** Neither a record nor an enum, and no no-argument constructor: Kryo could not rebuild it. */
    static final class NoDefaultConstructor {
        NoDefaultConstructor(int x) {
        }
    }

    private static KryoSerializerSettings settings(Map<String, Integer> registrations, List<String> registrars) {
        return new KryoSerializerSettings(1 << 20, 1 << 10, 1 << 20, registrations, registrars);
    }

    @Test
    void coreIdsAreUniqueAscendingAndBetweenKryosOwnAndTheExtensionRange() {
        // Prepare
        List<KryoRegistration> core = KryoRegistrations.core();

        // Execute
        List<Integer> ids = core.stream().map(KryoRegistration::id).toList();

        // Assert: append-only means the ids only grow down the table
        KryoRegistrations.requireUnique(core);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(KryoRegistrations.FIRST_TABLE_ID,
                KryoRegistrations.FIRST_EXTENSION_ID - 1));
    }

    @Test
    void pinnedIdsNeverChange() {
        // Prepare: these ids are on the wire; changing one breaks every JVM of an older version
        Map<Class<?>, Integer> pinned = new HashMap<>();
        pinned.put(byte[].class, 10);
        pinned.put(float[].class, 13);
        pinned.put(ArrayList.class, 30);
        pinned.put(TreeMap.class, 35);
        pinned.put(EnumMap.class, 37);
        pinned.put(List.of().getClass(), 41);
        pinned.put(Map.of().getClass(), 46);
        pinned.put(Optional.class, 80);
        pinned.put(UUID.class, 84);
        pinned.put(Duration.class, 85);
        pinned.put(LoraScaling.class, 100);
        pinned.put(LoraFactors.class, 101);
        pinned.put(DenseTensor.class, 102);
        pinned.put(Adapter.class, 103);
        pinned.put(WeightedAdapter.class, 104);
        pinned.put(ActorRef.class, 150);

        // Execute
        Map<Class<?>, Integer> actual = KryoRegistrations.core().stream()
                .collect(Collectors.toMap(KryoRegistration::type, KryoRegistration::id));
        Kryo kryo = new LorasimKryo(KryoRegistrations.core(), LOADER, () -> null);

        // Assert
        assertThat(actual).containsAllEntriesOf(pinned);
        assertThat(kryo.getRegistration(float[].class).getId()).isEqualTo(13);
        assertThat(kryo.getRegistration(Adapter.class).getId()).isEqualTo(103);
        // Kryo's own: int (and Integer) 0, String 1, double 8
        assertThat(kryo.getRegistration(Integer.class).getId()).isZero();
        assertThat(kryo.getRegistration(String.class).getId()).isEqualTo(1);
        assertThat(kryo.getRegistration(Double.class).getId()).isEqualTo(8);
        // enum constants with bodies (LoraScaling$1) are written under their enum's id
        assertThat(kryo.getRegistration(LoraScaling.STANDARD.getClass()).getId()).isEqualTo(100);
    }

    @Test
    void configuredRegistrationsAndRegistrarsJoinTheTableInIdOrder() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of(ECHO, 9001, ENVELOPE, 9000),
                List.of(StringBuilderRegistrar.class.getName()));

        // Execute
        List<KryoRegistration> table = KryoRegistrations.table(settings, LOADER);

        // Assert: core rows first, then 9000, 9001, 9010
        assertThat(table).hasSize(KryoRegistrations.core().size() + 3);
        assertThat(table.subList(table.size() - 3, table.size())).extracting(KryoRegistration::id)
                .containsExactly(9000, 9001, 9010);
        assertThat(table).extracting(KryoRegistration::type)
                .contains(KryoTestMessages.Envelope.class, KryoTestMessages.Echo.class, StringBuilder.class);
        assertThat(table).extracting(KryoRegistration::id).isSorted();
    }

    @Test
    void anIdGivenTwiceFailsNamingBothClasses() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of(ENVELOPE, 9000, ECHO, 9000), List.of());

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kryo id 9000 is given twice")
                .hasMessageContaining(ENVELOPE).hasMessageContaining(ECHO);
    }

    @Test
    void aClassRegisteredTwiceFailsNamingItsIds() {
        // Prepare: StringBuilderRegistrar gives StringBuilder 9010
        KryoSerializerSettings settings = settings(Map.of(StringBuilder.class.getName(), 9011),
                List.of(StringBuilderRegistrar.class.getName()));

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder is registered twice")
                .hasMessageContaining("9010").hasMessageContaining("9011");
    }

    @Test
    void aConfiguredIdInTheCoreRangeFails() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of(ENVELOPE, 105), List.of());

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kryo id 105 of " + ENVELOPE)
                .hasMessageContaining("reserved for KryoRegistrations.core()");
    }

    @Test
    void anIdAmongKryosBuiltInOnesFails() {
        // Prepare
        List<KryoRegistration> rows = List.of(KryoRegistration.of(5, StringBuilder.class));

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.requireUnique(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Kryo id 5 of java.lang.StringBuilder collides with Kryo's built-in");
    }

    @Test
    void aNegativeIdFails() {
        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistration.of(-1, StringBuilder.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be non-negative, not -1");
    }

    @Test
    void anUnknownClassFailsNamingTheKeyAndTheClass() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of("org.nowhere.Missing", 9000), List.of());

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lorasim.serialization.registrations names class org.nowhere.Missing")
                .hasMessageContaining("not on the classpath");
    }

    @Test
    void aClassKryoCannotRebuildFailsAtStartNotAtFirstMessage() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of(NoDefaultConstructor.class.getName(), 9000), List.of());

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NoDefaultConstructor.class.getName())
                .hasMessageContaining("neither a record nor an enum");
    }

    @Test
    void aRegistrarThatIsNoRegistrarFails() {
        // Prepare
        KryoSerializerSettings settings = settings(Map.of(), List.of("java.lang.String"));

        // Execute / Assert
        assertThatThrownBy(() -> KryoRegistrations.table(settings, LOADER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String does not implement")
                .hasMessageContaining(KryoRegistrar.class.getName());
    }

    @Test
    void settingsDefaultsComeFromReferenceConf() {
        // Execute
        KryoSerializerSettings settings = KryoSerializerSettings.from(ConfigFactory.defaultReference());

        // Assert: 64 MiB = 64 * 1024 * 1024 = 67,108,864; 64 KiB = 65,536; 16 MiB = 16,777,216; the actors
        // module's own rows (the clock's protocol) lie in its range 1000-1999
        assertThat(settings.maxBytes()).isEqualTo(67_108_864);
        assertThat(settings.initialBufferBytes()).isEqualTo(65_536);
        assertThat(settings.retainedBufferBytes()).isEqualTo(16_777_216);
        assertThat(settings.registrations()).isNotEmpty()
                .allSatisfy((className, id) -> assertThat(id).as(className).isBetween(1000, 1999));
        assertThat(settings.registrations().values()).doesNotHaveDuplicates();
        assertThat(settings.registrars()).containsExactly("org.lorasim.actors.aggregator.CheckpointRegistrar");
    }

    @Test
    void impossibleSettingsFailNamingTheKey() {
        // Prepare
        var zeroMax = ConfigFactory.parseString("lorasim.serialization.max-bytes = 0")
                .withFallback(ConfigFactory.defaultReference());
        var textId = ConfigFactory.parseString("lorasim.serialization.registrations { \"a.B\" = x }")
                .withFallback(ConfigFactory.defaultReference());
        var initialAboveMax = ConfigFactory.parseString(
                "lorasim.serialization { max-bytes = 1 KiB, initial-buffer-bytes = 2 KiB }")
                .withFallback(ConfigFactory.defaultReference());

        // Execute / Assert
        assertThatThrownBy(() -> KryoSerializerSettings.from(zeroMax))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.serialization.max-bytes").hasMessageContaining("not 0");
        assertThatThrownBy(() -> KryoSerializerSettings.from(textId))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("the id of \"a.B\" must be an integer");
        assertThatThrownBy(() -> KryoSerializerSettings.from(initialAboveMax))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial-buffer-bytes (2048) must not exceed lorasim.serialization.max-bytes (1024)");
    }
}
