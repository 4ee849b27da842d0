package org.lorasim.policies.quantization;

import org.lorasim.policies.Checks;

/**
 * Symmetric absmax integer quantization (as in LLM.int8's vector-wise quantization, Dettmers et al.,
 * arXiv 2208.07339, without its outlier decomposition): per group {@code scale = absmax / qmax} with
 * {@code qmax = 2^(bits-1) - 1}, i.e. 127 for INT8 and 7 for INT4, codes in {@code [-qmax, qmax]}
 * (the most negative two's complement code is never used, so the grid is symmetric around an exact zero),
 * and {@code x^ = scale * q}.
 *
 * <p>Round-to-nearest: {@code q = clamp(rint(x / scale))}, so {@code |x - x^| <= scale / 2} (plus the one
 * float rounding of the product). Stochastic: {@code q = floor(v) + [u < v - floor(v)]} for {@code v = x /
 * scale}, so {@code E[x^] = x} and {@code |x - x^| < scale}.
 */
final class SymmetricIntQuantizer extends AbsmaxGroupQuantizer {
    private final int qmax;

    SymmetricIntQuantizer(QuantFormat format, Rounding rounding, int groupSize) {
        super(format, rounding, groupSize);
        Checks.require(format == QuantFormat.INT8 || format == QuantFormat.INT4,
                "SymmetricIntQuantizer handles int8 and int4, not " + format);
        this.qmax = (1 << (format.bits() - 1)) - 1;
    }

    /** The largest code magnitude: 127 for INT8, 7 for INT4. */
    int qmax() {
        return qmax;
    }

    @Override
    float scaleFor(double absmax) {
        return (float) (absmax / qmax);
    }

    @Override
    int nearestCode(double v) {
        return clamp((int) Math.rint(v));
    }

    @Override
    int stochasticCode(double v, double u) {
        double floor = Math.floor(v);
        return clamp((int) floor + (u < v - floor ? 1 : 0));
    }

    @Override
    int zeroCode() {
        return 0;
    }

    private int clamp(int q) {
        return Math.max(-qmax, Math.min(qmax, q));
    }
}
