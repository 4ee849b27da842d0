package org.lorasim.training.llama;

import java.nio.ByteBuffer;

/**
 * The floating-point element types of a safetensors file this reader converts to float32: {@code F32},
 * {@code F16} (IEEE half: 1 sign, 5 exponent, 10 mantissa bits; subnormals, infinities and NaN kept) and
 * {@code BF16} (the top 16 bits of a float32). Writing rounds to nearest, ties to even.
 */
public enum SafetensorsDtype {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The next element of {@code in} (little-endian) as a float. */
    float read(ByteBuffer in) {
        return switch (this) {
            case F32 -> in.getFloat();
            case F16 -> halfToFloat(in.getShort());
            case BF16 -> Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
        };
    }

    void write(ByteBuffer out, float v) {
        switch (this) {
            case F32 -> out.putFloat(v);
            case F16 -> out.putShort(floatToHalf(v));
            case BF16 -> out.putShort(floatToBfloat(v));
        }
    }

    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(f);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7E00);
        }
        if (abs >= 65520f) {
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x1p-14f) {
            return (short) (sign | Math.round(abs * 0x1p24f));
        }
        int b = Float.floatToRawIntBits(abs);
        int rounded = b + 0xFFF + ((b >>> 13) & 1);
        return (short) (sign | ((rounded >>> 13) - (112 << 10)));
    }

    static short floatToBfloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** The type named {@code name} in a header, or null when this reader does not know it. */
    static SafetensorsDtype byName(String name) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
