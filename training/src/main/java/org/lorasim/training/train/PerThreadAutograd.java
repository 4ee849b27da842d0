package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One training step's autograd, driven on the calling thread instead of through DJL's
 * {@code GradientCollector}, of which only one may collect at a time in a JVM: several trainers share one JVM
 * and one base model (STACK.md, DJL traps). Grad mode is on for the forward and backward only.
 */
public final class PerThreadAutograd {
    private PerThreadAutograd() {
    }

    /** Runs {@code forwardLoss} with grad mode on, back-propagates its scalar result, and returns it. */
    public static NDArray backward(Supplier<NDArray> forwardLoss, NDManager manager) {
        JniUtils.setGradMode(true);
        try {
            NDArray loss = forwardLoss.get();
            JniUtils.backward((PtNDArray) loss, (PtNDArray) manager.ones(new Shape()), false, false);
            return loss;
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** The gradients of {@code parameters}, in order, attached to {@code manager} (freed with the step). */
    public static List<NDArray> gradients(List<NDArray> parameters, NDManager manager) {
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (NDArray p : parameters) {
            NDArray g = p.getGradient();
            g.attach(manager);
            gradients.add(g);
        }
        return gradients;
    }

    /** Zeroes the gradients of {@code parameters} for the next step. */
    public static void zeroGradients(List<NDArray> parameters) {
        for (NDArray p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
