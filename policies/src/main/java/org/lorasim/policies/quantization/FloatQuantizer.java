package org.lorasim.policies.quantization;

import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * The unscaled formats: {@link QuantFormat#FP32} (the values as they are, 4 bytes each, lossless) and
 * {@link QuantFormat#FP16} (IEEE binary16 by {@link HalfFloat}, round-to-nearest-even, 2 bytes each;
 * relative error at most 2^-11 for normal halves, absolute error at most 2^-25 in the subnormal range).
 * A value that would round to an infinite half (magnitude 65520 or more) is rejected rather than sent
 * as infinity.
 */
final class FloatQuantizer implements Quantizer {
    private final QuantFormat format;

    FloatQuantizer(QuantFormat format) {
        Checks.require(format == QuantFormat.FP32 || format == QuantFormat.FP16,
                "FloatQuantizer handles fp32 and fp16, not " + format);
        this.format = format;
    }

    @Override
    public QuantFormat format() {
        return format;
    }

    @Override
    public Rounding rounding() {
        return Rounding.NEAREST;
    }

    @Override
    public int groupSize() {
        return 0;
    }

    @Override
    public QuantizedMatrix quantize(float[] values, int rows, int cols, RandomGenerator rng) {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Checks.allFinite("values", Checks.length("values", values, (long) rows * cols));
        int width = format.bits() / 8;
        byte[] codes = new byte[Math.multiplyExact(values.length, width)];
        for (int i = 0; i < values.length; i++) {
            int bits;
            if (format == QuantFormat.FP32) {
                bits = Float.floatToRawIntBits(values[i]);
            } else {
                short half = HalfFloat.fromFloat(values[i]);
                Checks.require((half & 0x7C00) != 0x7C00, "values[" + i + "] = " + values[i]
                        + " overflows fp16 (largest finite half is " + HalfFloat.MAX_VALUE + ")");
                bits = half;
            }
            QuantizedMatrix.writeLittleEndian(codes, width * i, width, bits);
        }
        return new QuantizedMatrix(format, rows, cols, 0, codes, new float[0]);
    }

    @Override
    public long byteSize(int rows, int cols) {
        return QuantizedMatrix.byteSize(format, rows, cols, 0);
    }

    @Override
    public String toString() {
        return "FloatQuantizer[" + format + "]";
    }
}
