package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Root-mean-square layer normalisation (Zhang and Sennrich, arXiv 1910.07467) over the last axis:
 * {@code y = w * x / sqrt(mean(x^2) + eps)}, no centring, no bias; llama2.c's {@code rmsnorm}.
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    /** {@code x} {@code (..., d)}, {@code weight} {@code (d)}. */
    public static NDArray apply(NDArray x, NDArray weight, double eps) {
        NDArray epsilon = x.getManager().full(new Shape(), (float) eps, DataType.FLOAT32);
        NDArray rms = x.square().mean(new int[] {-1}, true).add(epsilon).sqrt();
        return x.div(rms).mul(weight);
    }
}
