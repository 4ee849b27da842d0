package org.lorasim.policies.quantization;

import java.util.Arrays;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * A quantized {@code rows x cols} matrix: packed codes and, for the scaled formats, one float32 scale per
 * group of {@code groupSize} consecutive entries of the row-major flattened matrix (group {@code g} covers
 * flat indices {@code [g * groupSize, min((g + 1) * groupSize, rows * cols))}; "per row" is
 * {@code groupSize = cols}, QLoRA's NF4 blocks are {@code groupSize = 64}). Entry {@code i} dequantizes to
 * {@code fl(scales[i / groupSize] * level(code_i))} where the level is the code itself for INT8/INT4 and
 * {@link Nf4Levels#level} for NF4; FP32 and FP16 store the values themselves and have no scales
 * ({@code groupSize = 0}). The packing of codes is described in {@link QuantFormat}.
 *
 * <p>The symmetric formats here need no zero points, so none are stored. {@link #byteSize()} is the exact
 * payload: code bytes plus 4 bytes per scale; shape and format are metadata and not counted (the same
 * convention as {@code Adapter.byteSize()}). Arrays are owned by this value and must not be changed.
 */
public record QuantizedMatrix(QuantFormat format, int rows, int cols, int groupSize, byte[] codes, float[] scales) {

    public QuantizedMatrix {
        Objects.requireNonNull(format, "format");
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(scales, "scales");
        long entries = (long) rows * cols;
        Checks.require(codes.length == format.codeBytes(entries), format + " codes of a " + rows + "x" + cols
                + " matrix need " + format.codeBytes(entries) + " bytes, got " + codes.length);
        if (format.scaled()) {
            Checks.positive("groupSize", groupSize);
            long groups = groupCount(entries, groupSize);
            Checks.require(scales.length == groups, format + " with groupSize " + groupSize + " needs " + groups
                    + " scales for " + entries + " entries, got " + scales.length);
        } else {
            Checks.require(groupSize == 0, format + " has no groups; groupSize must be 0, got " + groupSize);
            Checks.require(scales.length == 0, format + " has no scales, got " + scales.length);
        }
    }

    /** Number of groups of {@code groupSize} covering {@code entries} values (the last may be partial). */
    public static long groupCount(long entries, int groupSize) {
        Checks.positive("groupSize", groupSize);
        return (entries + groupSize - 1) / groupSize;
    }

    /** Exact payload size in bytes of a matrix of this shape, format and group size. */
    public static long byteSize(QuantFormat format, int rows, int cols, int groupSize) {
        long entries = (long) Checks.positive("rows", rows) * Checks.positive("cols", cols);
        long scaleBytes = format.scaled() ? Float.BYTES * groupCount(entries, groupSize) : 0;
        return format.codeBytes(entries) + scaleBytes;
    }

    public int entries() {
        return Math.multiplyExact(rows, cols);
    }

    /** Exact payload size: packed code bytes + 4 bytes per scale. */
    public long byteSize() {
        return codes.length + (long) Float.BYTES * scales.length;
    }

    /** The reconstructed row-major values. */
    public float[] dequantize() {
        int n = entries();
        float[] out = new float[n];
        switch (format) {
            case FP32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat(readLittleEndian(codes, 4 * i, 4));
                }
            }
            case FP16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloat.toFloat((short) readLittleEndian(codes, 2 * i, 2));
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ((double) scales[i / groupSize] * codes[i]);
                }
            }
            case INT4 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ((double) scales[i / groupSize] * Nibbles.getSigned(codes, i));
                }
            }
            case NF4 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ((double) scales[i / groupSize] * Nf4Levels.level(Nibbles.get(codes, i)));
                }
            }
            default -> throw new IllegalStateException("unhandled format " + format);
        }
        return out;
    }

    /**
     * The integer code of entry {@code index}: the signed code for INT8 and INT4, the level index 0..15
     * for NF4. Not defined for FP32 and FP16.
     */
    public int code(int index) {
        Checks.require(index >= 0 && index < entries(), "index " + index + " outside 0.." + (entries() - 1));
        return switch (format) {
            case INT8 -> codes[index];
            case INT4 -> Nibbles.getSigned(codes, index);
            case NF4 -> Nibbles.get(codes, index);
            default -> throw new IllegalArgumentException(format + " stores values, not integer codes");
        };
    }

    static int readLittleEndian(byte[] bytes, int at, int width) {
        int v = 0;
        for (int k = width - 1; k >= 0; k--) {
            v = (v << 8) | (bytes[at + k] & 0xFF);
        }
        return v;
    }

    static void writeLittleEndian(byte[] bytes, int at, int width, int value) {
        for (int k = 0; k < width; k++) {
            bytes[at + k] = (byte) (value >>> (8 * k));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedMatrix q && format == q.format && rows == q.rows && cols == q.cols
                && groupSize == q.groupSize && Arrays.equals(codes, q.codes) && Arrays.equals(scales, q.scales);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, rows, cols, groupSize, Arrays.hashCode(codes), Arrays.hashCode(scales));
    }

    @Override
    public String toString() {
        return "QuantizedMatrix[" + format + ", " + rows + "x" + cols + ", groupSize=" + groupSize
                + ", " + byteSize() + " bytes]";
    }
}
