package org.lorasim.actors.systemonly;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.model.MiniLmConfig;

/** Adapters and configs for the system-only tests. */
final class SyntheticAdapters {
    private SyntheticAdapters() {
    }

    /** 1 layer, hidden 4, 1 head, FFN 8: small enough to count FLOPs by hand. */
    static MiniLmConfig tinyConfig() {
        return new MiniLmConfig(1, 4, 1, 8, 10, 16, 2, 1e-12f);
    }

    /** {@code layer.0.attention.query} at rank 1 (4x4) and a 2-class head: 8 + 8 + 2 = 18 values. */
    static Adapter tinyAdapter() {
        LoraFactors q = new LoraFactors(1, 4, 4, new float[] {1, 2, 3, 4}, new float[] {0, 0, 0, 0}, 2,
                LoraScaling.STANDARD);
        return new Adapter(Map.of("layer.0.attention.query", q),
                Map.of("head.weight", new DenseTensor(new int[] {2, 4}, new float[8]),
                        "head.bias", DenseTensor.zeros(2)));
    }

    /** MiniLM-L6 query and value of every layer at {@code rank}, random values, and a 2-class head. */
    static Adapter miniLmQueryValue(int rank, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        for (int layer = 0; layer < 6; layer++) {
            for (String kind : new String[] {"attention.query", "attention.value"}) {
                float[] a = new float[rank * 384];
                float[] b = new float[384 * rank];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) random.nextGaussian();
                    b[i] = (float) random.nextGaussian();
                }
                lora.put("layer." + layer + "." + kind, new LoraFactors(rank, 384, 384, a, b, 2.0 * rank,
                        LoraScaling.STANDARD));
            }
        }
        return new Adapter(lora, Map.of("head.weight", DenseTensor.zeros(2, 384), "head.bias", DenseTensor.zeros(2)));
    }
}
