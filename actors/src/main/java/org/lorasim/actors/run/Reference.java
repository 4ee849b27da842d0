package org.lorasim.actors.run;

import java.util.Objects;

/**
 * A reference accuracy on the run's held-out examples, to read the trained model's curve against: drawn as a
 * labelled horizontal line on the accuracy plots and written to {@code summary.json} under
 * {@code references.<id>}.
 *
 * @param id       {@code majority} or {@code linear-probe}
 * @param label    what it is, in words, for legends and the report
 * @param accuracy held-out accuracy in [0, 1]
 */
public record Reference(String id, String label, double accuracy) {
    public static final String MAJORITY = "majority";
    public static final String LINEAR_PROBE = "linear-probe";

    public Reference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
