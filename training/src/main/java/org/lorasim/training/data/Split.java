package org.lorasim.training.data;

/**
 * The parts a {@link TextDataset} may have. {@link #VALIDATION} is also the held-out part of datasets
 * that have no separate test set (the LanguageTool acceptability task).
 */
public enum Split {
    TRAIN("train"),
    VALIDATION("validation"),
    TEST("test");

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** Lower-case name used in messages and settings ({@code train}, {@code validation}, {@code test}). */
    public String id() {
        return id;
    }
}
