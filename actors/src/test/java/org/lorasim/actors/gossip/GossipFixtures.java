package org.lorasim.actors.gossip;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/** Adapters for the gossip tests. */
final class GossipFixtures {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    private GossipFixtures() {
    }

    /** One 2x2 rank-1 matrix, every value {@code v}: A = [v v], B = [v; v]. */
    static Adapter tiny(float v) {
        LoraFactors f = new LoraFactors(1, 2, 2, new float[] {v, v}, new float[] {v, v}, 1, LoraScaling.STANDARD);
        return new Adapter(Map.of("layer.0.attention.query", f), Map.of());
    }

    /**
     * MiniLM-L6 query and value of every layer at {@code rank} (hidden 384) and a 2-class head, values Gaussian
     * of standard deviation {@code sigma} from {@code seed} (B included, so nodes start apart).
     */
    static Adapter miniLm(int rank, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        for (int layer = 0; layer < 6; layer++) {
            for (String kind : new String[] {"attention.query", "attention.value"}) {
                float[] a = new float[rank * 384];
                float[] b = new float[384 * rank];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (sigma * random.nextGaussian());
                    b[i] = (float) (sigma * random.nextGaussian());
                }
                lora.put("layer." + layer + "." + kind, new LoraFactors(rank, 384, 384, a, b, 2.0 * rank,
                        LoraScaling.STANDARD));
            }
        }
        float[] head = new float[2 * 384];
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) (sigma * random.nextGaussian());
        }
        return new Adapter(lora, Map.of("head.weight", new DenseTensor(new int[] {2, 384}, head),
                "head.bias", DenseTensor.zeros(2)));
    }
}
