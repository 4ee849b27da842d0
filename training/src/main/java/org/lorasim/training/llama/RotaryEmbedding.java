package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings (Su et al., arXiv 2104.09864) in llama2.c's interleaved convention: within
 * each head, the pair {@code (x[2j], x[2j+1])} at position {@code p} is rotated by the angle
 * {@code p * theta^(-2j / headSize)}:
 * {@code (x0 cos - x1 sin, x0 sin + x1 cos)}. Frequencies and angles are computed in float as run.c does.
 */
public final class RotaryEmbedding {
    private RotaryEmbedding() {
    }

    /** Cosines and sines {@code (T, headSize/2, 1)} for positions {@code start .. start+length-1}. */
    public static NDList tables(NDManager m, int start, int length, int headSize, double theta) {
        int half = headSize / 2;
        float[] cos = new float[length * half];
        float[] sin = new float[length * half];
        for (int t = 0; t < length; t++) {
            int pos = start + t;
            for (int j = 0; j < half; j++) {
                float freq = 1.0f / (float) Math.pow(theta, (2 * j) / (float) headSize);
                float angle = pos * freq;
                cos[t * half + j] = (float) Math.cos(angle);
                sin[t * half + j] = (float) Math.sin(angle);
            }
        }
        Shape shape = new Shape(length, half, 1);
        return new NDList(m.create(cos, shape), m.create(sin, shape));
    }

    /** Rotates {@code x} {@code (B, heads, T, headSize)} with {@link #tables} for its {@code T} positions. */
    public static NDArray apply(NDArray x, NDList tables) {
        Shape s = x.getShape();
        long headSize = s.get(3);
        NDList pair = x.reshape(s.get(0), s.get(1), s.get(2), headSize / 2, 2).split(2, 4);
        NDArray x0 = pair.get(0);
        NDArray x1 = pair.get(1);
        NDArray cos = tables.get(0);
        NDArray sin = tables.get(1);
        NDArray r0 = x0.mul(cos).sub(x1.mul(sin));
        NDArray r1 = x0.mul(sin).add(x1.mul(cos));
        return r0.concat(r1, -1).reshape(s);
    }
}
