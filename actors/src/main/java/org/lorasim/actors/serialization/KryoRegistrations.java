package org.lorasim.actors.serialization;

import static org.lorasim.actors.serialization.KryoRegistration.of;

import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.OptionalSerializers;
import com.esotericsoftware.kryo.serializers.TimeSerializers;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.serialization.AdapterSerializers.AdapterSerializer;
import org.lorasim.actors.serialization.AdapterSerializers.DenseTensorSerializer;
import org.lorasim.actors.serialization.AdapterSerializers.LoraFactorsSerializer;
import org.lorasim.actors.serialization.AdapterSerializers.WeightedAdapterSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.ListOfSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.MapOfSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.SetOfSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.UnmodifiableCollectionSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.UnmodifiableMapSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.UnmodifiableSortedMapSerializer;
import org.lorasim.actors.serialization.ImmutableCollectionSerializers.UnmodifiableSortedSetSerializer;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * The one table of classes Lorasim's Kryo serializer can write, each under a fixed id that is the same in
 * every JVM. The id replaces the class name on the wire, so the table is append-only: an id once given
 * is never changed nor reused, even when its class is gone.
 *
 * <p>Id ranges:
 * <ul>
 *   <li>0-8: Kryo's own ({@code int, String, float, boolean, byte, char, short, long, double} and the boxes);</li>
 *   <li>10-999: {@link #core()} below: JDK values and collections, the adapter values of {@code policies},
 *       typed {@code ActorRef}s. New rows that need a serializer of this package go here;</li>
 *   <li>from {@value #FIRST_EXTENSION_ID}: added by modules without editing this class, in their own
 *       {@code reference.conf}. Records and enums (actor protocols):
 *       {@code lorasim.serialization.registrations { "fully.qualified.Name" = id }}; classes that need their
 *       own serializer: a {@link KryoRegistrar} named in {@code lorasim.serialization.registrars}. Ranges:
 *       actors 1000-1999, cluster 2000-2999, later modules 3000-8999, tests 9000-9999.</li>
 * </ul>
 */
public final class KryoRegistrations {
    /** Ids below this are Kryo's built-in registrations. */
    public static final int FIRST_TABLE_ID = 10;
    /** Ids from here on come from configuration and registrars; {@link #core()} stays below. */
    public static final int FIRST_EXTENSION_ID = 1000;

    private static final List<KryoRegistration> CORE = List.of(
            // 10-29: arrays
            of(10, byte[].class),
            of(11, int[].class),
            of(12, long[].class),
            of(13, float[].class),
            of(14, double[].class),
            of(15, boolean[].class),
            of(16, short[].class),
            of(17, char[].class),
            of(18, String[].class),
            // 30-79: collections (mutable ones with Kryo's serializers; unmodifiable ones with ours)
            of(30, ArrayList.class),
            of(31, HashMap.class),
            of(32, HashSet.class),
            of(33, LinkedHashMap.class),
            of(34, LinkedHashSet.class),
            of(35, TreeMap.class, DefaultSerializers.TreeMapSerializer::new),
            of(36, TreeSet.class, DefaultSerializers.TreeSetSerializer::new),
            of(37, EnumMap.class, EnumMapSerializer::new),
            of(38, EnumSet.class, DefaultSerializers.EnumSetSerializer::new),
            of(40, List.of(1).getClass(), ListOfSerializer::new),                      // List12
            of(41, List.of().getClass(), ListOfSerializer::new),                       // ListN
            of(42, List.of(1, 2, 3).subList(0, 1).getClass(), ListOfSerializer::new),  // SubList
            of(43, Set.of(1).getClass(), SetOfSerializer::new),                        // Set12
            of(44, Set.of().getClass(), SetOfSerializer::new),                         // SetN
            of(45, Map.of(1, 1).getClass(), MapOfSerializer::new),                     // Map1
            of(46, Map.of().getClass(), MapOfSerializer::new),                         // MapN
            of(47, Collections.emptyList().getClass(), DefaultSerializers.CollectionsEmptyListSerializer::new),
            of(48, Collections.emptySet().getClass(), DefaultSerializers.CollectionsEmptySetSerializer::new),
            of(49, Collections.emptyMap().getClass(), DefaultSerializers.CollectionsEmptyMapSerializer::new),
            of(50, Collections.singletonList(1).getClass(), DefaultSerializers.CollectionsSingletonListSerializer::new),
            of(51, Collections.singleton(1).getClass(), DefaultSerializers.CollectionsSingletonSetSerializer::new),
            of(52, Collections.singletonMap(1, 1).getClass(), DefaultSerializers.CollectionsSingletonMapSerializer::new),
            of(53, Arrays.asList(1).getClass(), DefaultSerializers.ArraysAsListSerializer::new),
            of(54, Collections.unmodifiableCollection(List.of()).getClass(), UnmodifiableCollectionSerializer::ofCollection),
            of(55, Collections.unmodifiableList(new LinkedList<>()).getClass(), UnmodifiableCollectionSerializer::ofList),
            of(56, Collections.unmodifiableList(new ArrayList<>()).getClass(), UnmodifiableCollectionSerializer::ofList),
            of(57, Collections.unmodifiableSet(new HashSet<>()).getClass(), UnmodifiableCollectionSerializer::ofSet),
            of(58, Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(), () -> new UnmodifiableSortedSetSerializer(false)),
            of(59, Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass(), () -> new UnmodifiableSortedSetSerializer(true)),
            of(60, Collections.unmodifiableMap(new HashMap<>()).getClass(), UnmodifiableMapSerializer::new),
            of(61, Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(), () -> new UnmodifiableSortedMapSerializer(false)),
            of(62, Collections.unmodifiableNavigableMap(new TreeMap<>()).getClass(), () -> new UnmodifiableSortedMapSerializer(true)),
            // 80-99: other JDK values
            of(80, Optional.class, OptionalSerializers.OptionalSerializer::new),
            of(81, OptionalInt.class, OptionalSerializers.OptionalIntSerializer::new),
            of(82, OptionalLong.class, OptionalSerializers.OptionalLongSerializer::new),
            of(83, OptionalDouble.class, OptionalSerializers.OptionalDoubleSerializer::new),
            of(84, UUID.class, DefaultSerializers.UUIDSerializer::new),
            of(85, Duration.class, TimeSerializers.DurationSerializer::new),
            of(86, Instant.class, TimeSerializers.InstantSerializer::new),
            // 100-149: adapter values of org.lorasim.policies.adapter
            of(100, LoraScaling.class),
            of(101, LoraFactors.class, LoraFactorsSerializer::new),
            of(102, DenseTensor.class, DenseTensorSerializer::new),
            of(103, Adapter.class, AdapterSerializer::new),
            of(104, WeightedAdapter.class, WeightedAdapterSerializer::new),
            // 150-199: Pekko
            of(150, ActorRef.class, TypedActorRefSerializer::new)
    );

    private KryoRegistrations() {
    }

    /** The built-in rows, in id order. */
    public static List<KryoRegistration> core() {
        return CORE;
    }

    /**
     * The whole table for one JVM: {@link #core()}, then the configured registrations and the rows of the
     * configured registrars, sorted by id. Fails, naming the culprit, on an unknown class, an id outside
     * the extension range, or an id or class given twice.
     */
    public static List<KryoRegistration> table(KryoSerializerSettings settings, ClassLoader loader) {
        List<KryoRegistration> extra = new ArrayList<>();
        settings.registrations().forEach((name, id) -> {
            Class<?> type = load(name, loader, "lorasim.serialization.registrations");
            if (!type.isRecord() && !type.isEnum() && !hasNoArgumentConstructor(type)) {
                throw new IllegalArgumentException("lorasim.serialization.registrations: " + name + " is neither a"
                        + " record nor an enum and has no no-argument constructor; register it through a"
                        + " KryoRegistrar with its own serializer");
            }
            extra.add(of(id, type));
        });
        for (String name : settings.registrars()) {
            extra.addAll(instantiate(load(name, loader, "lorasim.serialization.registrars")).registrations());
        }
        for (KryoRegistration row : extra) {
            if (row.id() < FIRST_EXTENSION_ID) {
                throw new IllegalArgumentException("Kryo id " + row.id() + " of " + row.type().getName() + " is in the"
                        + " range reserved for KryoRegistrations.core() (below " + FIRST_EXTENSION_ID + ")");
            }
        }
        List<KryoRegistration> all = new ArrayList<>(CORE);
        all.addAll(extra);
        requireUnique(all);
        all.sort(Comparator.comparingInt(KryoRegistration::id));
        return List.copyOf(all);
    }

    /** Throws unless every id and every class appears once and no id collides with Kryo's built-in ones. */
    static void requireUnique(List<KryoRegistration> rows) {
        Map<Integer, Class<?>> byId = new HashMap<>();
        Map<Class<?>, Integer> byClass = new HashMap<>();
        for (KryoRegistration row : rows) {
            if (row.id() < FIRST_TABLE_ID) {
                throw new IllegalArgumentException("Kryo id " + row.id() + " of " + row.type().getName()
                        + " collides with Kryo's built-in registrations (0-" + (FIRST_TABLE_ID - 1) + ")");
            }
            Class<?> other = byId.putIfAbsent(row.id(), row.type());
            if (other != null) {
                throw new IllegalArgumentException("Kryo id " + row.id() + " is given twice: to " + other.getName()
                        + " and to " + row.type().getName());
            }
            Integer otherId = byClass.putIfAbsent(row.type(), row.id());
            if (otherId != null) {
                throw new IllegalArgumentException("class " + row.type().getName() + " is registered twice, with ids "
                        + otherId + " and " + row.id());
            }
        }
    }

    private static Class<?> load(String name, ClassLoader loader, String key) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(key + " names class " + name + ", which is not on the classpath", e);
        }
    }

    private static boolean hasNoArgumentConstructor(Class<?> type) {
        return Arrays.stream(type.getDeclaredConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    }

    private static KryoRegistrar instantiate(Class<?> type) {
        if (!KryoRegistrar.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("lorasim.serialization.registrars: " + type.getName()
                    + " does not implement " + KryoRegistrar.class.getName());
        }
        try {
            return (KryoRegistrar) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("lorasim.serialization.registrars: cannot create " + type.getName()
                    + " through a public no-argument constructor", e);
        }
    }
}
