package org.lorasim.policies.quantization;

import java.util.Locale;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * Factory of {@link Quantizer}s, by format or by config name.
 *
 * <p>Names: {@code none} / {@code fp32}, {@code fp16}, {@code int8}, {@code int4}, {@code nf4}, each of the
 * last three optionally with the suffix {@code -stochastic} for unbiased stochastic rounding. Defaults:
 * INT8 and INT4 one scale per row ({@link #PER_ROW}), NF4 one scale per block of
 * {@link #DEFAULT_NF4_BLOCK_SIZE} flattened entries, as in QLoRA.
 */
public final class Quantizers {
    /** Group size meaning "one scale per matrix row". */
    public static final int PER_ROW = 0;
    /** QLoRA's NF4 block size. */
    public static final int DEFAULT_NF4_BLOCK_SIZE = 64;

    private static final String STOCHASTIC_SUFFIX = "-stochastic";

    private Quantizers() {
    }

    public static Quantizer fp32() {
        return new FloatQuantizer(QuantFormat.FP32);
    }

    public static Quantizer fp16() {
        return new FloatQuantizer(QuantFormat.FP16);
    }

    /** INT8, symmetric absmax, one scale per row. */
    public static Quantizer int8(Rounding rounding) {
        return of(QuantFormat.INT8, rounding, PER_ROW);
    }

    /** INT4, symmetric absmax, one scale per row. */
    public static Quantizer int4(Rounding rounding) {
        return of(QuantFormat.INT4, rounding, PER_ROW);
    }

    /** NF4 with QLoRA's block size 64. */
    public static Quantizer nf4(Rounding rounding) {
        return of(QuantFormat.NF4, rounding, DEFAULT_NF4_BLOCK_SIZE);
    }

    /**
     * A quantizer of {@code format}. {@code groupSize} is the number of flattened entries per scale,
     * {@link #PER_ROW} for one per row; it must be 0 for FP32 and FP16, which have no scales and support
     * only {@link Rounding#NEAREST}.
     */
    public static Quantizer of(QuantFormat format, Rounding rounding, int groupSize) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rounding, "rounding");
        return switch (format) {
            case FP32, FP16 -> {
                Checks.require(rounding == Rounding.NEAREST,
                        format.configName() + " supports only NEAREST rounding, got " + rounding);
                Checks.require(groupSize == 0, format.configName() + " has no scales: groupSize must be 0, got " + groupSize);
                yield new FloatQuantizer(format);
            }
            case INT8, INT4 -> new SymmetricIntQuantizer(format, rounding, groupSize);
            case NF4 -> new Nf4Quantizer(rounding, groupSize);
        };
    }

    /** The quantizer with default grouping for a config name such as {@code int8} or {@code nf4-stochastic}. */
    public static Quantizer byName(String name) {
        Checks.require(name != null && !name.isBlank(), "quantizer name must not be empty");
        String key = name.trim().toLowerCase(Locale.ROOT);
        Rounding rounding = Rounding.NEAREST;
        if (key.endsWith(STOCHASTIC_SUFFIX)) {
            rounding = Rounding.STOCHASTIC;
            key = key.substring(0, key.length() - STOCHASTIC_SUFFIX.length());
        }
        QuantFormat format = QuantFormat.fromName(key);
        int groupSize = switch (format) {
            case FP32, FP16 -> 0;
            case INT8, INT4 -> PER_ROW;
            case NF4 -> DEFAULT_NF4_BLOCK_SIZE;
        };
        if (rounding == Rounding.STOCHASTIC && !format.scaled()) {
            throw new IllegalArgumentException("quantizer '" + name + "': " + format.configName()
                    + " has no stochastic variant");
        }
        return of(format, rounding, groupSize);
    }
}
