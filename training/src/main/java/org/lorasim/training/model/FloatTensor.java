package org.lorasim.training.model;

import java.util.Arrays;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * A named float32 tensor held in Java memory: row-major values and their shape. Used to carry pretrained
 * weights from a file to DJL. The array is owned by this value and must be treated as read-only.
 */
public record FloatTensor(String name, int[] shape, float[] values) {

    public FloatTensor {
        Objects.requireNonNull(name, "name");
        Checks.require(shape != null, "shape of tensor '" + name + "' must not be null");
        long size = 1;
        for (int d : shape) {
            Checks.nonNegative("dimension of tensor '" + name + "'", d);
            size *= d;
        }
        shape = shape.clone();
        Checks.length("values of tensor '" + name + "' with shape " + Arrays.toString(shape), values, size);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The transpose of a rank-2 tensor under a new name: [rows, cols] becomes [cols, rows]. */
    public FloatTensor transposed(String newName) {
        Checks.require(shape.length == 2, "tensor '" + name + "' has shape " + Arrays.toString(shape)
                + "; only rank-2 tensors can be transposed");
        int rows = shape[0];
        int cols = shape[1];
        float[] t = new float[values.length];
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[from + c];
            }
        }
        return new FloatTensor(newName, new int[] {cols, rows}, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "FloatTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
