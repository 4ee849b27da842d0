package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How the string values of a label column become label indices.
 * <ul>
 *   <li>{@link #byName}: the value is one of the label names (AG News: {@code Sports});</li>
 *   <li>{@link #byIndex}: the value is the index written as an integer (SST-2: {@code 0}, {@code 1});</li>
 *   <li>{@link #byNameOrIndex}: the value is a label name, or, when no name reads as an integer, the
 *       index written as an integer (a Hugging Face export writes {@code 0}, {@code 1} for named classes);</li>
 *   <li>{@link #explicit}: a given map from value to index (e.g. {@code neg -> 0, pos -> 1});</li>
 *   <li>{@link #discovered}: the names are the distinct values found in the files, sorted numerically when
 *       all are integers and by {@link String#compareTo} otherwise, so the mapping depends only on the set
 *       of values, not on row order.</li>
 * </ul>
 * Values are compared after trimming surrounding whitespace.
 */
public final class LabelMapping {
    private final List<String> names;
    private final Map<String, Integer> indexByValue;

    private LabelMapping(List<String> names, Map<String, Integer> indexByValue) {
        this.names = names;
        this.indexByValue = indexByValue;
    }

    public static LabelMapping byName(List<String> names) {
        List<String> checked = checkedNames(names);
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            map.put(checked.get(i), i);
        }
        return new LabelMapping(checked, Map.copyOf(map));
    }

    public static LabelMapping byIndex(List<String> names) {
        List<String> checked = checkedNames(names);
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            map.put(Integer.toString(i), i);
        }
        return new LabelMapping(checked, Map.copyOf(map));
    }

    public static LabelMapping byNameOrIndex(List<String> names) {
        List<String> checked = checkedNames(names);
        Map<String, Integer> map = new LinkedHashMap<>();
        boolean integerNames = checked.stream().anyMatch(LabelMapping::isInteger);
        for (int i = 0; i < checked.size(); i++) {
            map.put(checked.get(i), i);
            if (!integerNames) {
                map.put(Integer.toString(i), i);
            }
        }
        return new LabelMapping(checked, Map.copyOf(map));
    }

    /**
     * @throws IllegalArgumentException when an index is outside {@code [0, names.size())} or a name has
     *                                  no value mapped to it
     */
    public static LabelMapping explicit(List<String> names, Map<String, Integer> indexByValue) {
        List<String> checked = checkedNames(names);
        Map<String, Integer> map = new HashMap<>();
        indexByValue.forEach((value, index) -> {
            if (index == null || index < 0 || index >= checked.size()) {
                throw new IllegalArgumentException("label value '" + value + "' maps to " + index
                        + ", outside [0, " + checked.size() + ") for names " + checked);
            }
            map.put(value.strip(), index);
        });
        if (!new HashSet<>(map.values()).containsAll(indicesOf(checked))) {
            throw new IllegalArgumentException("every label name needs a value mapped to it: names " + checked
                    + ", mapping " + indexByValue);
        }
        return new LabelMapping(checked, Map.copyOf(map));
    }

    /** Names are learned from the data by {@link #discoveredFrom}. */
    public static LabelMapping discovered() {
        return new LabelMapping(List.of(), Map.of());
    }

    public boolean isDiscovered() {
        return names.isEmpty();
    }

    /** For a discovered mapping, the mapping of the given values; any other mapping is returned as it is. */
    public LabelMapping discoveredFrom(Collection<String> values) {
        if (!isDiscovered()) {
            return this;
        }
        TreeSet<String> distinct = new TreeSet<>();
        values.forEach(v -> distinct.add(v.strip()));
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(LabelMapping::isInteger)) {
            sorted.sort(Comparator.comparing(Long::valueOf));
        }
        return byName(sorted);
    }

    /** The index of {@code value}, empty when the value is unknown. */
    public Optional<Integer> indexOf(String value) {
        Objects.requireNonNull(value, "value");
        return Optional.ofNullable(indexByValue.get(value.strip()));
    }

    /** The label names (empty for a mapping still to be discovered). */
    public List<String> names() {
        return names;
    }

    /** The accepted values, sorted, for error messages. */
    public List<String> knownValues() {
        return List.copyOf(new TreeSet<>(indexByValue.keySet()));
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<Integer> indicesOf(List<String> names) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            indices.add(i);
        }
        return indices;
    }

    private static List<String> checkedNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("label names must not be empty");
        }
        List<String> stripped = names.stream().map(String::strip).toList();
        if (new HashSet<>(stripped).size() != stripped.size()) {
            throw new IllegalArgumentException("label names repeat a name: " + names);
        }
        return stripped;
    }

    @Override
    public String toString() {
        return isDiscovered() ? "LabelMapping[discovered]" : "LabelMapping" + indexByValue;
    }
}
