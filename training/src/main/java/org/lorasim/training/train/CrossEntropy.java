package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lorasim.policies.Checks;

/**
 * Softmax cross-entropy of class logits against integer labels, the loss of the classifier:
 * {@code -1/B sum_b log softmax(z_b)[y_b]}. The label is picked with a one-hot mask built on the Java side
 * (deterministic, no index kernels); the batch size divides as a 0-d array, never a Java number.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /** Mean cross-entropy of {@code logits} {@code (B, C)} against {@code labels} (length B), a 0-d array. */
    public static NDArray mean(NDArray logits, int[] labels, NDManager manager) {
        Shape shape = logits.getShape();
        Checks.require(shape.dimension() == 2 && shape.get(0) == labels.length, "logits " + shape
                + " do not match " + labels.length + " labels");
        int classes = Math.toIntExact(shape.get(1));
        float[] oneHot = new float[labels.length * classes];
        for (int b = 0; b < labels.length; b++) {
            Checks.require(labels[b] >= 0 && labels[b] < classes, "label " + labels[b] + " outside [0, " + classes + ")");
            oneHot[b * classes + labels[b]] = 1f;
        }
        NDArray mask = manager.create(oneHot, shape);
        NDArray count = manager.full(new Shape(), (float) labels.length, DataType.FLOAT32);
        return logits.logSoftmax(1).mul(mask).sum().neg().div(count);
    }

    /** {@code -log softmax(row)[label]} in double precision (log-sum-exp shifted by the maximum). */
    public static double ofRow(float[] row, int label) {
        Checks.require(label >= 0 && label < row.length, "label " + label + " outside [0, " + row.length + ")");
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - row[label];
    }
}
