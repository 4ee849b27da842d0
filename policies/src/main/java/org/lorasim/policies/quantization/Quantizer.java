package org.lorasim.policies.quantization;

import java.util.random.RandomGenerator;

/**
 * Turns a row-major float matrix into a {@link QuantizedMatrix}, for adapter factors in transit (message
 * quantization) or for frozen base weights. Implementations are immutable and thread-safe; stochastic ones
 * draw only from the generator passed in, one {@code nextDouble()} per entry in flat order, so a seeded
 * generator gives the same codes every run. Get instances from {@link Quantizers}.
 */
public interface Quantizer {

    QuantFormat format();

    Rounding rounding();

    /**
     * Entries per scale for the scaled formats, or {@link Quantizers#PER_ROW} (one scale per row);
     * 0 with no meaning for FP32 and FP16.
     */
    int groupSize();

    /** Config name, e.g. {@code int8}, {@code int4-stochastic}, {@code nf4}. */
    default String name() {
        return format().configName() + (rounding() == Rounding.STOCHASTIC ? "-stochastic" : "");
    }

    default boolean stochastic() {
        return rounding() == Rounding.STOCHASTIC;
    }

    /**
     * Quantizes {@code values} ({@code rows x cols}, row-major, all finite). {@code rng} is required when
     * {@link #stochastic()} and ignored (may be null) otherwise.
     */
    QuantizedMatrix quantize(float[] values, int rows, int cols, RandomGenerator rng);

    /** Deterministic quantization; throws for a stochastic quantizer, which needs a generator. */
    default QuantizedMatrix quantize(float[] values, int rows, int cols) {
        if (stochastic()) {
            throw new IllegalArgumentException("quantizer " + name() + " rounds stochastically: pass a RandomGenerator");
        }
        return quantize(values, rows, cols, null);
    }

    /** Exact {@link QuantizedMatrix#byteSize()} of any {@code rows x cols} matrix, without quantizing. */
    long byteSize(int rows, int cols);
}
