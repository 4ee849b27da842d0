package org.lorasim.policies.quantization;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/**
 * An {@link Adapter} as it travels quantized (message quantization): every LoRA factor and dense tensor
 * quantized by one {@link Quantizer}, with the metadata needed to rebuild the adapter.
 *
 * <p>Matrix views: {@code A} is {@code rank x in} and {@code B} is {@code out x rank}, as stored, so "per row"
 * scales are per rank-row of A and per output row of B; a dense tensor of shape {@code [d0, d1, ...]} is a
 * {@code d0 x (d1 * ...)} matrix, and a 1-D tensor a single row. Stochastic quantizers draw from the one
 * generator in a fixed order: LoRA matrices by name (A, then B), then dense tensors by name.
 *
 * <p>{@link #byteSize()} is the exact payload (the sum of the {@link QuantizedMatrix#byteSize()}s), with the
 * convention of {@link Adapter#byteSize()}: names, shapes, ranks and alpha are metadata and not counted.
 * With FP32 it equals {@code adapter.byteSize()} and the round trip is lossless.
 */
public record QuantizedAdapter(SortedMap<String, Factors> lora, SortedMap<String, Dense> dense) {

    /** Quantized LoRA factors of one target matrix. */
    public record Factors(int rank, int inFeatures, int outFeatures, double alpha, LoraScaling scaling,
                          QuantizedMatrix a, QuantizedMatrix b) {
        public Factors {
            Objects.requireNonNull(scaling, "scaling");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Checks.require(a.rows() == rank && a.cols() == inFeatures,
                    "quantized A must be " + rank + "x" + inFeatures + ", got " + a.rows() + "x" + a.cols());
            Checks.require(b.rows() == outFeatures && b.cols() == rank,
                    "quantized B must be " + outFeatures + "x" + rank + ", got " + b.rows() + "x" + b.cols());
        }

        public long byteSize() {
            return a.byteSize() + b.byteSize();
        }

        public LoraFactors dequantize() {
            return new LoraFactors(rank, inFeatures, outFeatures, a.dequantize(), b.dequantize(), alpha, scaling);
        }
    }

    /** A quantized dense tensor with its original shape. */
    public record Dense(int[] shape, QuantizedMatrix values) {
        public Dense {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public DenseTensor dequantize() {
            return new DenseTensor(shape, values.dequantize());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dense d && Arrays.equals(shape, d.shape) && values.equals(d.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + values.hashCode();
        }
    }

    public QuantizedAdapter {
        Objects.requireNonNull(lora, "lora");
        Objects.requireNonNull(dense, "dense");
        lora = Collections.unmodifiableSortedMap(new TreeMap<>(lora));
        dense = Collections.unmodifiableSortedMap(new TreeMap<>(dense));
    }

    /** Quantizes every tensor of {@code adapter}; {@code rng} is needed only by a stochastic quantizer. */
    public static QuantizedAdapter quantize(Adapter adapter, Quantizer quantizer, RandomGenerator rng) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(quantizer, "quantizer");
        if (quantizer.stochastic()) {
            Checks.require(rng != null, "quantizer " + quantizer.name() + " rounds stochastically: rng must not be null");
        }
        TreeMap<String, Factors> lora = new TreeMap<>();
        for (Map.Entry<String, LoraFactors> e : adapter.lora().entrySet()) {
            LoraFactors f = e.getValue();
            QuantizedMatrix a = quantizer.quantize(f.a(), f.rank(), f.inFeatures(), rng);
            QuantizedMatrix b = quantizer.quantize(f.b(), f.outFeatures(), f.rank(), rng);
            lora.put(e.getKey(), new Factors(f.rank(), f.inFeatures(), f.outFeatures(), f.alpha(), f.scaling(), a, b));
        }
        TreeMap<String, Dense> dense = new TreeMap<>();
        for (Map.Entry<String, DenseTensor> e : adapter.dense().entrySet()) {
            DenseTensor t = e.getValue();
            int[] shape = t.shape();
            dense.put(e.getKey(), new Dense(shape, quantizer.quantize(t.values(), rows(shape), cols(shape), rng)));
        }
        return new QuantizedAdapter(lora, dense);
    }

    /** Exact {@link #byteSize()} that {@link #quantize} would give for {@code adapter}'s layout. */
    public static long byteSize(Adapter adapter, Quantizer quantizer) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(quantizer, "quantizer");
        long bytes = 0;
        for (LoraFactors f : adapter.lora().values()) {
            bytes += quantizer.byteSize(f.rank(), f.inFeatures()) + quantizer.byteSize(f.outFeatures(), f.rank());
        }
        for (DenseTensor t : adapter.dense().values()) {
            int[] shape = t.shape();
            bytes += quantizer.byteSize(rows(shape), cols(shape));
        }
        return bytes;
    }

    /** Exact payload size in bytes. */
    public long byteSize() {
        long bytes = 0;
        for (Factors f : lora.values()) {
            bytes += f.byteSize();
        }
        for (Dense d : dense.values()) {
            bytes += d.values().byteSize();
        }
        return bytes;
    }

    /** The adapter the receiver reconstructs. */
    public Adapter dequantize() {
        TreeMap<String, LoraFactors> outLora = new TreeMap<>();
        lora.forEach((name, f) -> outLora.put(name, f.dequantize()));
        TreeMap<String, DenseTensor> outDense = new TreeMap<>();
        dense.forEach((name, d) -> outDense.put(name, d.dequantize()));
        return new Adapter(outLora, outDense);
    }

    /** Quantize then dequantize: what a receiver sees of {@code adapter}. */
    public static Adapter roundTrip(Adapter adapter, Quantizer quantizer, RandomGenerator rng) {
        return quantize(adapter, quantizer, rng).dequantize();
    }

    private static int rows(int[] shape) {
        return shape.length == 1 ? 1 : shape[0];
    }

    private static int cols(int[] shape) {
        int cols = 1;
        for (int d = shape.length == 1 ? 0 : 1; d < shape.length; d++) {
            cols = Math.multiplyExact(cols, shape[d]);
        }
        return cols;
    }
}
