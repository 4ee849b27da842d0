package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named, immutable text-classification dataset: label names and one or more {@link Split}s, each an
 * ordered list of {@link Example}s. Order is the order of the source (file rows, XML document order),
 * so two loads of the same files are equal element by element.
 */
public final class TextDataset {
    private final String name;
    private final List<String> labelNames;
    private final Map<Split, List<Example>> splits;
    private final List<String> groups;

    /**
     * @throws IllegalArgumentException when the name is blank, label names are empty or repeated, no
     *                                  split is given, a split is empty, or a label is out of range
     */
    public TextDataset(String name, List<String> labelNames, Map<Split, List<Example>> splits) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (labelNames == null || labelNames.isEmpty()) {
            throw new IllegalArgumentException("labelNames of dataset " + name + " must not be empty");
        }
        if (new HashSet<>(labelNames).size() != labelNames.size()) {
            throw new IllegalArgumentException("labelNames of dataset " + name + " repeat a name: " + labelNames);
        }
        if (splits == null || splits.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " needs at least one split");
        }
        this.name = name;
        this.labelNames = List.copyOf(labelNames);
        EnumMap<Split, List<Example>> copy = new EnumMap<>(Split.class);
        Set<String> groupSet = new TreeSet<>();
        splits.forEach((split, examples) -> {
            if (examples.isEmpty()) {
                throw new IllegalArgumentException("split " + split.id() + " of dataset " + name + " is empty");
            }
            for (Example example : examples) {
                if (example.label() >= this.labelNames.size()) {
                    throw new IllegalArgumentException("label " + example.label() + " of '" + example.text()
                            + "' in dataset " + name + " is outside [0, " + this.labelNames.size() + ")");
                }
                groupSet.add(example.group());
            }
            copy.put(split, List.copyOf(examples));
        });
        this.splits = Collections.unmodifiableMap(copy);
        this.groups = List.copyOf(groupSet);
    }

    public String name() {
        return name;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    public int numLabels() {
        return labelNames.size();
    }

    /** The splits present, in {@link Split} order. */
    public Set<Split> splits() {
        return splits.keySet();
    }

    public boolean has(Split split) {
        return splits.containsKey(split);
    }

    /**
     * @throws IllegalArgumentException naming the splits present when {@code split} is absent
     */
    public List<Example> split(Split split) {
        List<Example> examples = splits.get(split);
        if (examples == null) {
            throw new IllegalArgumentException("dataset " + name + " has no " + split.id() + " split; it has "
                    + splits.keySet().stream().map(Split::id).toList());
        }
        return examples;
    }

    public List<Example> train() {
        return split(Split.TRAIN);
    }

    /** The validation split, which is the held-out split of datasets that have no test split. */
    public List<Example> validation() {
        return split(Split.VALIDATION);
    }

    public List<Example> test() {
        return split(Split.TEST);
    }

    /** Every example, split after split in {@link Split} order. */
    public List<Example> examples() {
        List<Example> all = new ArrayList<>();
        splits.values().forEach(all::addAll);
        return Collections.unmodifiableList(all);
    }

    /** The sorted distinct groups over all splits ({@code [""]} when the dataset has no grouping). */
    public List<String> groups() {
        return groups;
    }

    public DatasetStatistics statistics(Split split) {
        return DatasetStatistics.of(split(split), labelNames.size());
    }

    /** Statistics over all splits together. */
    public DatasetStatistics statistics() {
        return DatasetStatistics.of(examples(), labelNames.size());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TextDataset[").append(name).append(", ")
                .append(labelNames.size()).append(" labels");
        splits.forEach((split, examples) -> text.append(", ").append(split.id()).append('=').append(examples.size()));
        return text.append(']').toString();
    }
}
