package org.lorasim.policies.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/** Small adapters for gossip tests: two LoRA matrices and a dense head. */
final class TestAdapters {
    private TestAdapters() {
    }

    /** LoRA r=2, 3 -> 4 (6 + 8 values), LoRA r=1, 2 -> 2 (2 + 2 values), a 2x4 head (8 values): 26 values. */
    static Adapter random(RandomGenerator rng) {
        return new Adapter(
                Map.of("layer.0.query", new LoraFactors(2, 3, 4, gaussian(rng, 6), gaussian(rng, 8), 16, LoraScaling.STANDARD),
                        "layer.0.value", new LoraFactors(1, 2, 2, gaussian(rng, 2), gaussian(rng, 2), 16, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{2, 4}, gaussian(rng, 8))));
    }

    static List<Adapter> random(RandomGenerator rng, int n) {
        List<Adapter> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(random(rng));
        }
        return out;
    }

    /** One LoRA matrix of rank 1, 1 -> 1 (A = [a], B = [b]) and a one-value head [h]. */
    static Adapter scalar(float a, float b, float h) {
        return new Adapter(Map.of("w", new LoraFactors(1, 1, 1, new float[]{a}, new float[]{b}, 1, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{1}, new float[]{h})));
    }

    static float[] gaussian(RandomGenerator rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
