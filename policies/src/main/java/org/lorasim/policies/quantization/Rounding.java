package org.lorasim.policies.quantization;

/**
 * How a scaled value is mapped to a code.
 *
 * <ul>
 *   <li>{@link #NEAREST}: the nearest representable level; error at most half the local gap.</li>
 *   <li>{@link #STOCHASTIC}: one of the two levels around the value, the upper one with probability
 *       {@code (v - lower) / (upper - lower)}, so that {@code E[dequantized] = x} (unbiased, as in
 *       Gupta et al., "Deep Learning with Limited Numerical Precision", arXiv 1502.02551); error below one
 *       local gap. Draws come from the {@code RandomGenerator} passed to the quantizer.</li>
 * </ul>
 */
public enum Rounding {
    NEAREST,
    STOCHASTIC
}
