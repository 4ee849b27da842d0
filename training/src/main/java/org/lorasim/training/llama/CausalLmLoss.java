package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lorasim.policies.Checks;

/**
 * Next-token cross-entropy: logits {@code (B, T, V)} flattened to {@code (B*T, V)}, log-softmax, the
 * label's entry gathered per row, rows with label {@link CausalLmBatch#IGNORED} weighted 0:
 * {@code sum_n w_n (-log softmax(z_n)[y_n])}. Scalars are 0-d arrays, never Java numbers.
 */
public final class CausalLmLoss {
    private CausalLmLoss() {
    }

    /** The summed negative log-likelihood over counted positions, a 0-d array. */
    public static NDArray sum(NDArray logits, int[] labels, NDManager m) {
        Shape s = logits.getShape();
        long rows = s.get(0) * s.get(1);
        Checks.require(rows == labels.length, "logits " + s + " do not match " + labels.length + " labels");
        long[] index = new long[labels.length];
        float[] weight = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            boolean counted = labels[i] != CausalLmBatch.IGNORED;
            index[i] = counted ? labels[i] : 0;
            weight[i] = counted ? 1f : 0f;
        }
        NDArray logp = logits.reshape(rows, s.get(2)).logSoftmax(1);
        NDArray picked = logp.gather(m.create(index, new Shape(rows, 1)), 1).reshape(rows);
        return picked.mul(m.create(weight)).sum().neg();
    }

    /** The mean over counted positions, a 0-d array ({@code count > 0}). */
    public static NDArray mean(NDArray logits, int[] labels, int count, NDManager m) {
        Checks.positive("counted positions", count);
        return sum(logits, labels, m).div(m.full(new Shape(), (float) count, DataType.FLOAT32));
    }
}
