package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import org.lorasim.policies.Checks;

/**
 * Writes new values into an existing (possibly trainable) array in place, so the blocks that hold it keep
 * training the same tensor.
 *
 * <p>The copy is libtorch's {@code index_put_} over the array's whole extent, with autograd off for the
 * copy only. DJL's {@code NDArray.set(Buffer)} would do the same job, but its native side enters
 * {@code AutoNonVariableTypeMode}, a guard libtorch deprecated and warns about on standard error ("Warning:
 * AutoNonVariableTypeMode is deprecated ...") the first time any run writes an adapter: a newcomer reads that
 * as an error. This route never enters the guard, so no run prints it.
 */
public final class InPlaceValues {
    private InPlaceValues() {
    }

    /** Copies {@code values} (row-major, as many as the array has elements) into {@code target}. */
    public static void write(NDArray target, float[] values) {
        long[] shape = target.getShape().getShape();
        Checks.require(values.length == target.size(), "got " + values.length + " values for an array of shape "
                + target.getShape());
        try (NDManager scratch = target.getManager().newSubManager()) {
            NDArray source = scratch.create(values, target.getShape());
            long[] from = new long[shape.length];
            long[] step = new long[shape.length];
            Arrays.fill(step, 1);
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                JniUtils.indexSet((PtNDArray) target, (PtNDArray) source, from, shape.clone(), step);
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
    }
}
