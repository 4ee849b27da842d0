package org.lorasim.policies.centralized;

import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.testing.RandomFactors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Adapters and simulated local training for the policy tests. */
final class PolicyFixtures {
    private PolicyFixtures() {
    }

    /** One LoRA matrix "q" of the given rank, 6 -> 5, alpha 8, and a 2-value head. */
    static Adapter adapter(RandomGenerator rng, int rank) {
        return new Adapter(Map.of("q", RandomFactors.factors(rng, rank, 6, 5, 8, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{2}, RandomFactors.gaussian(rng, 2))));
    }

    /** "Local training": the start adapter plus small seeded noise, same layout. */
    static Adapter trained(Adapter start, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = start.flatten();
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.1 * rng.nextGaussian());
        }
        return start.withFlat(x);
    }

    /** Every instructed client returns a trained copy of its start adapter, with 10 + id examples. */
    static List<ClientUpdate> train(RoundPlan plan, long seed) {
        List<ClientUpdate> out = new ArrayList<>();
        for (ClientInstruction i : plan.instructions()) {
            out.add(new ClientUpdate(i.clientId(), trained(i.startAdapter(), seed * 1000 + i.clientId()),
                    10 + i.clientId(), 1.0, 0));
        }
        return out;
    }

    static int rankOf(Adapter adapter) {
        return adapter.factors("q").rank();
    }

    static LoraFactors scalarFactors(float a, float b) {
        return new LoraFactors(1, 1, 1, new float[]{a}, new float[]{b}, 1, LoraScaling.STANDARD);
    }
}
