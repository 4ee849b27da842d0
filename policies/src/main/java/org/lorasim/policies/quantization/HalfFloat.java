package org.lorasim.policies.quantization;

/**
 * IEEE 754 binary16 ("half") conversion for Java 17, which lacks {@code Float.floatToFloat16}. Float to
 * half rounds to nearest, ties to even, with subnormals; values of magnitude 65520 or more round to
 * infinity, NaN stays NaN (quiet). Half to float is exact.
 */
public final class HalfFloat {
    /** The largest finite half, 65504. */
    public static final float MAX_VALUE = 65504f;

    private HalfFloat() {
    }

    /** The half bit pattern nearest to {@code f} (ties to even). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) {
            int nan = abs > 0x7F800000 ? 0x200 | ((abs >>> 13) & 0x3FF) : 0;
            return (short) (sign | 0x7C00 | nan);
        }
        if (abs >= 0x477FF000) {
            return (short) (sign | 0x7C00);
        }
        int half;
        if (abs < 0x38800000) {
            int exponent = abs >>> 23;
            int shift = 126 - exponent;
            if (shift > 24) {
                return (short) sign;
            }
            int mantissa = (abs & 0x7FFFFF) | 0x800000;
            half = roundShift(mantissa, shift);
        } else {
            half = roundShift(abs - (112 << 23), 13);
        }
        return (short) (sign | half);
    }

    /** The float equal to the half bit pattern {@code h}. */
    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(mantissa * 0x1p-24f));
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** {@code f} rounded to the nearest half, as a float. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }
}
