package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Kryo serializers for the JDK's unmodifiable collections, which have no no-argument constructor and no
 * working {@code add}, so Kryo's {@code CollectionSerializer} and {@code MapSerializer} cannot rebuild them.
 * Each writes the size and then the elements (class id and value each) and reads back an unmodifiable
 * collection equal to the original.
 *
 * <p>Determinism: the iteration order of {@code Set.of} and {@code Map.of} depends on a salt chosen at JVM
 * start, so the same set would give different bytes in two JVMs. Their elements (keys) are therefore
 * written in natural order when they are all comparable and of one class (strings, numbers, enums: every
 * case in our messages); otherwise in iteration order. Wrappers of ordinary collections keep the wrapped
 * collection's order, and read back into insertion-ordered ({@code LinkedHashSet/Map}) or sorted copies.
 */
final class ImmutableCollectionSerializers {

    private ImmutableCollectionSerializers() {
    }

    /** {@code List.of}, {@code List.copyOf}, {@code Stream.toList()} (which may hold nulls) and their sub-lists. */
    static final class ListOfSerializer extends Serializer<List<Object>> {
        @Override
        public void write(Kryo kryo, Output output, List<Object> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            Object[] elements = readElements(kryo, input);
            return Arrays.stream(elements).anyMatch(e -> e == null) ? Stream.of(elements).toList() : List.of(elements);
        }
    }

    /** {@code Set.of} and {@code Set.copyOf}. */
    static final class SetOfSerializer extends Serializer<Set<Object>> {
        @Override
        public void write(Kryo kryo, Output output, Set<Object> set) {
            writeElements(kryo, output, inStableOrder(set));
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            return Set.of(readElements(kryo, input));
        }
    }

    /** {@code Map.of}, {@code Map.ofEntries} and {@code Map.copyOf}. */
    static final class MapOfSerializer extends Serializer<Map<Object, Object>> {
        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            List<Object> keys = inStableOrder(map.keySet());
            output.writeVarInt(keys.size(), true);
            for (Object key : keys) {
                kryo.writeClassAndObject(output, key);
                kryo.writeClassAndObject(output, map.get(key));
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            return Map.copyOf(readEntries(kryo, input, new HashMap<>()));
        }
    }

    /**
     * {@code Collections.unmodifiableCollection/List/Set}: the elements in the wrapped collection's order,
     * read back by {@code rebuild} (e.g. an unmodifiable view of an {@code ArrayList} or {@code LinkedHashSet}).
     */
    static final class UnmodifiableCollectionSerializer extends Serializer<Collection<Object>> {
        private final Function<List<Object>, Collection<Object>> rebuild;

        UnmodifiableCollectionSerializer(Function<List<Object>, Collection<Object>> rebuild) {
            this.rebuild = rebuild;
        }

        static UnmodifiableCollectionSerializer ofCollection() {
            return new UnmodifiableCollectionSerializer(Collections::unmodifiableCollection);
        }

        static UnmodifiableCollectionSerializer ofList() {
            return new UnmodifiableCollectionSerializer(Collections::unmodifiableList);
        }

        static UnmodifiableCollectionSerializer ofSet() {
            return new UnmodifiableCollectionSerializer(list -> Collections.unmodifiableSet(new LinkedHashSet<>(list)));
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> collection) {
            writeElements(kryo, output, collection);
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            return rebuild.apply(new ArrayList<>(Arrays.asList(readElements(kryo, input))));
        }
    }

    /** {@code Collections.unmodifiableSortedSet/NavigableSet}: comparator (usually null), then the elements. */
    static final class UnmodifiableSortedSetSerializer extends Serializer<SortedSet<Object>> {
        private final boolean navigable;

        UnmodifiableSortedSetSerializer(boolean navigable) {
            this.navigable = navigable;
        }

        @Override
        public void write(Kryo kryo, Output output, SortedSet<Object> set) {
            kryo.writeClassAndObject(output, set.comparator());
            writeElements(kryo, output, set);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SortedSet<Object> read(Kryo kryo, Input input, Class<? extends SortedSet<Object>> type) {
            TreeSet<Object> set = new TreeSet<>((Comparator<Object>) kryo.readClassAndObject(input));
            set.addAll(Arrays.asList(readElements(kryo, input)));
            return navigable ? Collections.unmodifiableNavigableSet(set) : Collections.unmodifiableSortedSet(set);
        }
    }

    /** {@code Collections.unmodifiableMap}: entries in the wrapped map's order, read back into a LinkedHashMap. */
    static final class UnmodifiableMapSerializer extends Serializer<Map<Object, Object>> {
        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            writeEntries(kryo, output, map);
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            return Collections.unmodifiableMap(readEntries(kryo, input, new LinkedHashMap<>()));
        }
    }

    /** {@code Collections.unmodifiableSortedMap/NavigableMap} (an Adapter's maps): comparator, then entries. */
    static final class UnmodifiableSortedMapSerializer extends Serializer<SortedMap<Object, Object>> {
        private final boolean navigable;

        UnmodifiableSortedMapSerializer(boolean navigable) {
            this.navigable = navigable;
        }

        @Override
        public void write(Kryo kryo, Output output, SortedMap<Object, Object> map) {
            kryo.writeClassAndObject(output, map.comparator());
            writeEntries(kryo, output, map);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SortedMap<Object, Object> read(Kryo kryo, Input input,
                                                        Class<? extends SortedMap<Object, Object>> type) {
            TreeMap<Object, Object> map = new TreeMap<>((Comparator<Object>) kryo.readClassAndObject(input));
            readEntries(kryo, input, map);
            return navigable ? Collections.unmodifiableNavigableMap(map) : Collections.unmodifiableSortedMap(map);
        }
    }

    private static void writeElements(Kryo kryo, Output output, Collection<?> elements) {
        output.writeVarInt(elements.size(), true);
        for (Object e : elements) {
            kryo.writeClassAndObject(output, e);
        }
    }

    private static Object[] readElements(Kryo kryo, Input input) {
        Object[] elements = new Object[input.readVarInt(true)];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = kryo.readClassAndObject(input);
        }
        return elements;
    }

    private static void writeEntries(Kryo kryo, Output output, Map<Object, Object> map) {
        output.writeVarInt(map.size(), true);
        for (Map.Entry<Object, Object> e : map.entrySet()) {
            kryo.writeClassAndObject(output, e.getKey());
            kryo.writeClassAndObject(output, e.getValue());
        }
    }

    private static <M extends Map<Object, Object>> M readEntries(Kryo kryo, Input input, M into) {
        for (int n = input.readVarInt(true); n > 0; n--) {
            Object key = kryo.readClassAndObject(input);
            into.put(key, kryo.readClassAndObject(input));
        }
        return into;
    }

    /** The elements sorted by natural order when they are mutually comparable, else in iteration order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Object> inStableOrder(Collection<?> elements) {
        List<Object> list = new ArrayList<>(elements);
        Class<?> common = null;
        for (Object e : list) {
            if (!(e instanceof Comparable)) {
                return list;
            }
            Class<?> c = e instanceof Enum<?> en ? en.getDeclaringClass() : e.getClass();
            if (common != null && c != common) {
                return list;
            }
            common = c;
        }
        list.sort((x, y) -> ((Comparable) x).compareTo(y));
        return list;
    }
}
