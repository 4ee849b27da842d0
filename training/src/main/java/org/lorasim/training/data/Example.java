package org.lorasim.training.data;

import java.util.Objects;

/**
 * One labelled text.
 *
 * @param text     the text as the model will see it (never null; loaders reject blank texts)
 * @param label    index into the dataset's label names, {@code >= 0}
 * @param group    a natural partition key for heterogeneous splits across clients (the LanguageTool
 *                 category, a column chosen in a {@link TabularFormat}); {@link #NO_GROUP} when the
 *                 dataset has none
 * @param subgroup a finer key inside the group that must not be split between train and held-out data
 *                 (the LanguageTool rule id); {@link #NO_GROUP} when the dataset has none
 */
public record Example(String text, int label, String group, String subgroup) {
    /** The group (and subgroup) of datasets that have no natural grouping. */
    public static final String NO_GROUP = "";

    public Example {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(subgroup, "subgroup");
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label + " for text '" + text + "'");
        }
    }

    public Example(String text, int label, String group) {
        this(text, label, group, NO_GROUP);
    }

    public Example(String text, int label) {
        this(text, label, NO_GROUP, NO_GROUP);
    }
}
