package org.lorasim.policies.adapter;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.lorasim.policies.Checks;

/**
 * A client's (or the server's) whole trainable state: LoRA factors per target matrix, keyed by the
 * matrix's name (e.g. {@code layer.0.attention.query}), and dense tensors such as a classification head.
 * Keys are kept sorted so that every iteration, flattening and checksum is deterministic.
 */
public final class Adapter {
    private final SortedMap<String, LoraFactors> lora;
    private final SortedMap<String, DenseTensor> dense;

    public Adapter(Map<String, LoraFactors> lora, Map<String, DenseTensor> dense) {
        Objects.requireNonNull(lora, "lora");
        Objects.requireNonNull(dense, "dense");
        lora.forEach((name, f) -> Objects.requireNonNull(f, "LoRA factors of " + name));
        dense.forEach((name, t) -> Objects.requireNonNull(t, "dense tensor " + name));
        for (String name : dense.keySet()) {
            Checks.require(!lora.containsKey(name), "name '" + name + "' is both a LoRA matrix and a dense tensor");
        }
        this.lora = Collections.unmodifiableSortedMap(new TreeMap<>(lora));
        this.dense = Collections.unmodifiableSortedMap(new TreeMap<>(dense));
    }

    public static Adapter ofLora(Map<String, LoraFactors> lora) {
        return new Adapter(lora, Map.of());
    }

    /** LoRA factors by target-matrix name, sorted by name. */
    public SortedMap<String, LoraFactors> lora() {
        return lora;
    }

    /** Dense trainable tensors (e.g. a classification head) by name, sorted by name. */
    public SortedMap<String, DenseTensor> dense() {
        return dense;
    }

    public LoraFactors factors(String name) {
        LoraFactors f = lora.get(name);
        if (f == null) {
            throw new IllegalArgumentException("adapter has no LoRA matrix named '" + name + "'; it has " + lora.keySet());
        }
        return f;
    }

    public long parameterCount() {
        long n = 0;
        for (LoraFactors f : lora.values()) {
            n += f.parameterCount();
        }
        for (DenseTensor t : dense.values()) {
            n += t.values().length;
        }
        return n;
    }

    /** Exact float32 payload size of every trainable value. */
    public long byteSize() {
        return (long) Float.BYTES * parameterCount();
    }

    /**
     * Every value in one vector, in a fixed layout: for each LoRA matrix by name, {@code A} then
     * {@code B}; then each dense tensor by name. {@link #withFlat(float[])} reads the same layout.
     */
    public float[] flatten() {
        float[] out = new float[Math.toIntExact(parameterCount())];
        int at = 0;
        for (LoraFactors f : lora.values()) {
            System.arraycopy(f.a(), 0, out, at, f.a().length);
            at += f.a().length;
            System.arraycopy(f.b(), 0, out, at, f.b().length);
            at += f.b().length;
        }
        for (DenseTensor t : dense.values()) {
            System.arraycopy(t.values(), 0, out, at, t.values().length);
            at += t.values().length;
        }
        return out;
    }

    /** An adapter of this layout holding the values of {@code flat} (the layout of {@link #flatten()}). */
    public Adapter withFlat(float[] flat) {
        Checks.length("flat adapter vector", flat, parameterCount());
        int[] at = {0};
        TreeMap<String, LoraFactors> newLora = new TreeMap<>();
        lora.forEach((name, f) -> {
            float[] a = new float[f.a().length];
            float[] b = new float[f.b().length];
            System.arraycopy(flat, at[0], a, 0, a.length);
            at[0] += a.length;
            System.arraycopy(flat, at[0], b, 0, b.length);
            at[0] += b.length;
            newLora.put(name, f.withFactors(f.rank(), a, b));
        });
        TreeMap<String, DenseTensor> newDense = new TreeMap<>();
        dense.forEach((name, t) -> {
            float[] v = new float[t.values().length];
            System.arraycopy(flat, at[0], v, 0, v.length);
            at[0] += v.length;
            newDense.put(name, t.withValues(v));
        });
        return new Adapter(newLora, newDense);
    }

    /** Whether {@code other} has the same matrices with the same ranks and shapes, and the same dense tensors. */
    public boolean sameLayout(Adapter other) {
        if (!lora.keySet().equals(other.lora.keySet()) || !dense.keySet().equals(other.dense.keySet())) {
            return false;
        }
        for (Map.Entry<String, LoraFactors> e : lora.entrySet()) {
            if (!e.getValue().sameShape(other.lora.get(e.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<String, DenseTensor> e : dense.entrySet()) {
            if (!e.getValue().sameShape(other.dense.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Throws an {@link IllegalArgumentException} naming {@code what} unless {@link #sameLayout} holds. */
    public void requireSameLayout(Adapter other, String what) {
        if (!sameLayout(other)) {
            throw new IllegalArgumentException(what + " does not have the layout of the reference adapter: "
                    + describe(other) + " vs " + describe(this));
        }
    }

    /** A copy whose LoRA factors are replaced by {@code change(name, factors)}; dense tensors are kept. */
    public Adapter mapLora(BiFunction<String, LoraFactors, LoraFactors> change) {
        TreeMap<String, LoraFactors> out = new TreeMap<>();
        lora.forEach((name, f) -> out.put(name, change.apply(name, f)));
        return new Adapter(out, dense);
    }

    /** A copy with the given dense tensors instead of this one's. */
    public Adapter withDense(Map<String, DenseTensor> newDense) {
        return new Adapter(lora, newDense);
    }

    private static String describe(Adapter a) {
        StringBuilder sb = new StringBuilder("{");
        a.lora.forEach((n, f) -> sb.append(n).append(": r=").append(f.rank()).append(' ')
                .append(f.outFeatures()).append('x').append(f.inFeatures()).append(", "));
        a.dense.forEach((n, t) -> sb.append(n).append(": ").append(java.util.Arrays.toString(t.shape())).append(", "));
        if (sb.length() > 1) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Adapter other && lora.equals(other.lora) && dense.equals(other.dense);
    }

    @Override
    public int hashCode() {
        return 31 * lora.hashCode() + dense.hashCode();
    }

    @Override
    public String toString() {
        return "Adapter" + describe(this);
    }
}
