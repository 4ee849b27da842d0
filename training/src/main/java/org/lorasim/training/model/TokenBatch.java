package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.lorasim.policies.Checks;

/**
 * A tokenized batch: {@code batch} rows of {@code length} token ids and attention-mask values (1 = token,
 * 0 = padding), row-major. The arrays are owned by this value; treat them as read-only.
 */
public record TokenBatch(long[] ids, long[] mask, int batch, int length) {

    public TokenBatch {
        Checks.positive("batch", batch);
        Checks.positive("length", length);
        Checks.require(ids != null && ids.length == (long) batch * length,
                "ids must hold batch x length = " + (long) batch * length + " values");
        Checks.require(mask != null && mask.length == ids.length,
                "mask must hold batch x length = " + (long) batch * length + " values");
    }

    /** Token ids of row {@code row} (a copy). */
    public long[] row(int row) {
        return Arrays.copyOfRange(ids, row * length, (row + 1) * length);
    }

    /** Number of real (unpadded) tokens in row {@code row}. */
    public int tokenCount(int row) {
        int n = 0;
        for (int t = 0; t < length; t++) {
            n += (int) mask[row * length + t];
        }
        return n;
    }

    /** Encoder inputs: ids and mask as int64 arrays of shape {@code (batch, length)} in {@code manager}. */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(batch, length);
        NDArray idArray = manager.create(ids, shape);
        NDArray maskArray = manager.create(mask, shape);
        return new NDList(idArray, maskArray);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenBatch t && batch == t.batch && length == t.length && Arrays.equals(ids, t.ids)
                && Arrays.equals(mask, t.mask);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(mask)) + 31 * batch + length;
    }

    @Override
    public String toString() {
        return "TokenBatch[" + batch + " x " + length + "]";
    }
}
