package org.lorasim.training.eval;

import org.lorasim.policies.Checks;
import org.lorasim.training.train.CrossEntropy;

/**
 * Accuracy, macro-F1 and mean cross-entropy from class logits and labels. The prediction is the arg-max
 * logit, the lowest class index on ties. Per class {@code c}: {@code F1_c = 2 TP / (2 TP + FP + FN)}
 * (the harmonic mean of precision and recall, 0 when {@code TP = 0}); macro-F1 averages it over the
 * classes present among labels or predictions, as scikit-learn does.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** Metrics of {@code logits} (one row per example, all rows {@code classes} wide) against {@code labels}. */
    public static Evaluation of(float[][] logits, int[] labels) {
        Checks.require(logits != null && labels != null && logits.length == labels.length && labels.length > 0,
                "logits and labels must be non-empty and of equal length");
        int classes = logits[0].length;
        Checks.positive("classes", classes);
        int[] truePositive = new int[classes];
        int[] predicted = new int[classes];
        int[] actual = new int[classes];
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            Checks.require(logits[i].length == classes, "logit row " + i + " has " + logits[i].length
                    + " classes, row 0 has " + classes);
            int label = labels[i];
            Checks.require(label >= 0 && label < classes, "label " + label + " outside [0, " + classes + ")");
            int p = argMax(logits[i]);
            predicted[p]++;
            actual[label]++;
            if (p == label) {
                truePositive[p]++;
                correct++;
            }
            loss += CrossEntropy.ofRow(logits[i], label);
        }
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (predicted[c] + actual[c] == 0) {
                continue;
            }
            present++;
            f1Sum += 2.0 * truePositive[c] / (predicted[c] + actual[c]);
        }
        return new Evaluation(labels.length, (double) correct / labels.length, f1Sum / present, loss / labels.length, 0);
    }

    /** Index of the largest value, the lowest on ties. */
    public static int argMax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
