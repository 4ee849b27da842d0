package org.lorasim.policies.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;

/** Small adapters of fixed layouts for tests, built from flat vectors. */
public final class TestAdapters {
    private TestAdapters() {
    }

    /**
     * Five values: LoRA "q" with r=1, in=2, out=1 (A = 2 values, B = 1 value), then dense "head" [2].
     * Flat layout: [A0, A1, B0, head0, head1].
     */
    public static Adapter tiny() {
        return new Adapter(Map.of("q", LoraFactors.zeros(1, 2, 1, 1.0, LoraScaling.STANDARD)),
                Map.of("head", DenseTensor.zeros(2)));
    }

    /** Thirteen values: LoRA "q" r=2, in=3, out=2 (6 + 4) and dense "head" [3]. */
    public static Adapter small() {
        return new Adapter(Map.of("q", LoraFactors.zeros(2, 3, 2, 4.0, LoraScaling.STANDARD)),
                Map.of("head", DenseTensor.zeros(3)));
    }

    /** An adapter of {@code layout}'s layout holding {@code values}. */
    public static Adapter of(Adapter layout, float... values) {
        return layout.withFlat(values);
    }

    /** An adapter of {@code layout} with every value equal to {@code v}. */
    public static Adapter constant(Adapter layout, float v) {
        float[] x = new float[Math.toIntExact(layout.parameterCount())];
        java.util.Arrays.fill(x, v);
        return layout.withFlat(x);
    }

    /** An adapter of {@code layout} with values uniform in [lo, hi). */
    public static Adapter uniform(Adapter layout, RandomGenerator rng, double lo, double hi) {
        float[] x = new float[Math.toIntExact(layout.parameterCount())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(lo, hi);
        }
        return layout.withFlat(x);
    }

    /** The adapters with weight 1 each. */
    public static List<WeightedAdapter> unitWeights(List<Adapter> adapters) {
        List<WeightedAdapter> out = new ArrayList<>();
        for (Adapter a : adapters) {
            out.add(new WeightedAdapter(a, 1.0));
        }
        return out;
    }

    public static List<WeightedAdapter> unitWeights(Adapter... adapters) {
        return unitWeights(List.of(adapters));
    }

    /** LoRA r=2, 3 -> 4 (6 + 8 values), LoRA r=1, 2 -> 2 (2 + 2 values), a 2x4 head (8 values): 26 values. */
    public static Adapter randomTwoMatrices(RandomGenerator rng) {
        return new Adapter(
                Map.of("layer.0.query", new LoraFactors(2, 3, 4, RandomFactors.gaussian(rng, 6),
                                RandomFactors.gaussian(rng, 8), 16, LoraScaling.STANDARD),
                        "layer.0.value", new LoraFactors(1, 2, 2, RandomFactors.gaussian(rng, 2),
                                RandomFactors.gaussian(rng, 2), 16, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{2, 4}, RandomFactors.gaussian(rng, 8))));
    }

    public static List<Adapter> randomTwoMatrices(RandomGenerator rng, int n) {
        List<Adapter> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(randomTwoMatrices(rng));
        }
        return out;
    }

    /** One LoRA matrix of rank 1, 1 -> 1 (A = [a], B = [b]) and a one-value head [h]. */
    public static Adapter scalar(float a, float b, float h) {
        return new Adapter(Map.of("w", new LoraFactors(1, 1, 1, new float[]{a}, new float[]{b}, 1, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{1}, new float[]{h})));
    }
}
