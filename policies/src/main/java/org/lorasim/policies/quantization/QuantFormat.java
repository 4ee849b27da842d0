package org.lorasim.policies.quantization;

import java.util.Locale;

/**
 * The storage formats a {@link QuantizedMatrix} can hold, with their code width in bits.
 *
 * <ul>
 *   <li>{@link #FP32}: the float32 bits themselves, little-endian, 4 bytes per entry (no compression).</li>
 *   <li>{@link #FP16}: IEEE 754 binary16, little-endian, 2 bytes per entry, round-to-nearest-even.</li>
 *   <li>{@link #INT8}: symmetric absmax, codes in [-127, 127] (two's complement byte; -128 unused),
 *       value = scale * code with scale = absmax / 127 per group.</li>
 *   <li>{@link #INT4}: symmetric absmax, codes in [-7, 7] (two's complement nibble; -8 unused),
 *       value = scale * code with scale = absmax / 7 per group.</li>
 *   <li>{@link #NF4}: NormalFloat4 (Dettmers et al., "QLoRA", arXiv 2305.14314): a nibble indexes
 *       {@link Nf4Levels#LEVELS}; value = absmax * level per block.</li>
 * </ul>
 *
 * <p>Codes are packed over the row-major flattened matrix, not row by row: 4-bit formats put two
 * consecutive entries in a byte (the even flat index in the high nibble, as bitsandbytes does), so an odd
 * row length simply continues in the next row and only the very last byte can be half used. Code bytes
 * are therefore exactly {@code ceil(rows * cols * bits / 8)}.
 */
public enum QuantFormat {
    FP32(32, false),
    FP16(16, false),
    INT8(8, true),
    INT4(4, true),
    NF4(4, true);

    private final int bits;
    private final boolean scaled;

    QuantFormat(int bits, boolean scaled) {
        this.bits = bits;
        this.scaled = scaled;
    }

    /** Bits per stored code. */
    public int bits() {
        return bits;
    }

    /** Whether the format stores a float32 scale per group of entries. */
    public boolean scaled() {
        return scaled;
    }

    /** Exact number of packed code bytes for {@code entries} values: {@code ceil(entries * bits / 8)}. */
    public long codeBytes(long entries) {
        if (entries < 0) {
            throw new IllegalArgumentException("entries must be >= 0, got " + entries);
        }
        return (Math.multiplyExact(entries, bits) + 7) / 8;
    }

    /**
     * The format for a config name: {@code none} or {@code fp32}, {@code fp16}, {@code int8}, {@code int4},
     * {@code nf4} (case-insensitive).
     */
    public static QuantFormat fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("quantization format name must not be null");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "fp32", "float32" -> FP32;
            case "fp16", "float16", "half" -> FP16;
            case "int8" -> INT8;
            case "int4" -> INT4;
            case "nf4" -> NF4;
            default -> throw new IllegalArgumentException("unknown quantization format '" + name
                    + "'; expected one of none, fp32, fp16, int8, int4, nf4");
        };
    }

    /** The config name of this format. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
