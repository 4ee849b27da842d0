package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label and group counts of a list of examples. Groups are listed in sorted order.
 *
 * @param size               number of examples
 * @param labelCounts        examples per label index, one entry per label name of the dataset
 * @param labelCountsByGroup for each group (sorted), its examples per label index
 */
public record DatasetStatistics(int size, List<Integer> labelCounts, Map<String, List<Integer>> labelCountsByGroup) {

    public DatasetStatistics {
        labelCounts = List.copyOf(labelCounts);
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        new TreeMap<>(labelCountsByGroup).forEach((group, counts) -> copy.put(group, List.copyOf(counts)));
        labelCountsByGroup = Collections.unmodifiableMap(copy);
    }

    /** Counts {@code examples}, whose labels must lie in {@code [0, numLabels)}. */
    public static DatasetStatistics of(List<Example> examples, int numLabels) {
        int[] total = new int[numLabels];
        Map<String, int[]> byGroup = new TreeMap<>();
        for (Example example : examples) {
            if (example.label() >= numLabels) {
                throw new IllegalArgumentException("label " + example.label() + " of '" + example.text()
                        + "' is outside [0, " + numLabels + ")");
            }
            total[example.label()]++;
            byGroup.computeIfAbsent(example.group(), g -> new int[numLabels])[example.label()]++;
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        byGroup.forEach((group, counts) -> groups.put(group, boxed(counts)));
        return new DatasetStatistics(examples.size(), boxed(total), groups);
    }

    private static List<Integer> boxed(int[] counts) {
        List<Integer> list = new ArrayList<>(counts.length);
        for (int count : counts) {
            list.add(count);
        }
        return list;
    }

    public int numLabels() {
        return labelCounts.size();
    }

    /** The sorted distinct groups. */
    public List<String> groups() {
        return List.copyOf(labelCountsByGroup.keySet());
    }

    /** Examples per group, in sorted group order. */
    public Map<String, Integer> groupSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        labelCountsByGroup.forEach((group, counts) -> sizes.put(group, counts.stream().mapToInt(Integer::intValue).sum()));
        return Collections.unmodifiableMap(sizes);
    }

    /** Share of examples with {@code label}; 0 for an empty list. */
    public double labelFraction(int label) {
        return size == 0 ? 0 : labelCounts.get(label) / (double) size;
    }

    /** The most frequent label (the lowest index among ties). */
    public int majorityLabel() {
        int best = 0;
        for (int label = 1; label < labelCounts.size(); label++) {
            if (labelCounts.get(label) > labelCounts.get(best)) {
                best = label;
            }
        }
        return best;
    }

    /** Accuracy of always predicting {@link #majorityLabel()}. */
    public double majorityFraction() {
        return labelFraction(majorityLabel());
    }
}
