package org.lorasim.policies.quantization;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * The shared loop of the absmax-scaled formats: split the row-major flattened matrix into groups of
 * {@code groupSize} entries ({@link Quantizers#PER_ROW} means one group per row), take each group's
 * {@code absmax = max |x|}, derive its float32 scale, and code every entry of the group from
 * {@code v = x / scale}. An all-zero group gets scale 0 and the code of zero. Subclasses say how the scale
 * follows from absmax and how {@code v} becomes a code.
 */
abstract class AbsmaxGroupQuantizer implements Quantizer {
    private final QuantFormat format;
    private final Rounding rounding;
    private final int groupSize;

    AbsmaxGroupQuantizer(QuantFormat format, Rounding rounding, int groupSize) {
        this.format = Objects.requireNonNull(format, "format");
        this.rounding = Objects.requireNonNull(rounding, "rounding");
        this.groupSize = Checks.nonNegative("groupSize (0 = per row)", groupSize);
    }

    @Override
    public final QuantFormat format() {
        return format;
    }

    @Override
    public final Rounding rounding() {
        return rounding;
    }

    @Override
    public final int groupSize() {
        return groupSize;
    }

    /** The float32 scale of a group whose largest magnitude is {@code absmax > 0}. */
    abstract float scaleFor(double absmax);

    /** The code of {@code v = x / scale} under round-to-nearest. */
    abstract int nearestCode(double v);

    /** The code of {@code v = x / scale} under unbiased stochastic rounding with uniform {@code u} in [0, 1). */
    abstract int stochasticCode(double v, double u);

    /** The code that stands for zero. */
    abstract int zeroCode();

    @Override
    public final QuantizedMatrix quantize(float[] values, int rows, int cols, RandomGenerator rng) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Checks.allFinite("values", Checks.length("values", values, (long) rows * cols));
        if (rounding == Rounding.STOCHASTIC) {
            Checks.require(rng != null, "quantizer " + name() + " rounds stochastically: rng must not be null");
        }
        int group = resolvedGroupSize(cols);
        int n = values.length;
        float[] scales = new float[Math.toIntExact(QuantizedMatrix.groupCount(n, group))];
        byte[] codes = new byte[Math.toIntExact(format.codeBytes(n))];
        for (int g = 0; g < scales.length; g++) {
            int from = g * group;
            int to = Math.min(n, from + group);
            double absmax = 0;
            for (int i = from; i < to; i++) {
                absmax = Math.max(absmax, Math.abs(values[i]));
            }
            float scale = absmax == 0 ? 0f : scaleFor(absmax);
            scales[g] = scale;
            for (int i = from; i < to; i++) {
                int code;
                if (scale == 0) {
                    code = zeroCode();
                } else if (rounding == Rounding.NEAREST) {
                    code = nearestCode(values[i] / (double) scale);
                } else {
                    code = stochasticCode(values[i] / (double) scale, rng.nextDouble());
                }
                store(codes, i, code);
            }
        }
        return new QuantizedMatrix(format, rows, cols, group, codes, scales);
    }

    @Override
    public final long byteSize(int rows, int cols) {
        return QuantizedMatrix.byteSize(format, rows, cols, resolvedGroupSize(Checks.positive("cols", cols)));
    }

    private int resolvedGroupSize(int cols) {
        return groupSize == Quantizers.PER_ROW ? cols : groupSize;
    }

    private void store(byte[] codes, int index, int code) {
        if (format.bits() == 8) {
            codes[index] = (byte) code;
        } else {
            Nibbles.set(codes, index, code);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + ", groupSize="
                + (groupSize == Quantizers.PER_ROW ? "per row" : Integer.toString(groupSize)) + "]";
    }
}
