package org.lorasim.policies.adapter;

import java.util.Arrays;
import org.lorasim.policies.Checks;

/**
 * A trainable dense tensor that travels with an adapter but is not low-rank, such as a classification
 * head's weight and bias. Aggregators average it entry by entry. Row-major float storage; the array is
 * owned by this value and must be treated as read-only.
 */
public record DenseTensor(int[] shape, float[] values) {

    public DenseTensor {
        Checks.require(shape != null && shape.length > 0, "shape must have at least one dimension");
        long size = 1;
        for (int d : shape) {
            Checks.positive("shape dimension", d);
            size *= d;
        }
        shape = shape.clone();
        Checks.length("values of shape " + Arrays.toString(shape), values, size);
    }

    public static DenseTensor zeros(int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= Checks.positive("shape dimension", d);
        }
        return new DenseTensor(shape, new float[Math.toIntExact(size)]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public boolean sameShape(DenseTensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public long byteSize() {
        return (long) Float.BYTES * values.length;
    }

    public DenseTensor withValues(float[] newValues) {
        return new DenseTensor(shape, newValues);
    }

    public DenseTensor copy() {
        return new DenseTensor(shape, values.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DenseTensor" + Arrays.toString(shape);
    }
}
