package org.lorasim.policies.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.LowRankSum;

/** Seeded random matrices, factors and adapters for property tests. */
public final class RandomFactors {
    private RandomFactors() {
    }

    public static RandomGenerator rng(long seed) {
        return new SplittableRandom(seed);
    }

    public static float[] gaussian(RandomGenerator rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rng.nextGaussian();
        }
        return out;
    }

    public static DMatrixRMaj gaussianMatrix(RandomGenerator rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** A sum of {@code ranks.length} terms with Gaussian factors and weights in [0.1, 1.1). */
    public static LowRankSum lowRankSum(RandomGenerator rng, int rows, int cols, int... ranks) {
        List<LowRankSum.Term> terms = new ArrayList<>();
        for (int r : ranks) {
            terms.add(new LowRankSum.Term(0.1 + rng.nextDouble(), gaussianMatrix(rng, rows, r),
                    gaussianMatrix(rng, r, cols)));
        }
        return new LowRankSum(terms);
    }

    public static LoraFactors factors(RandomGenerator rng, int rank, int in, int out, double alpha, LoraScaling scaling) {
        return new LoraFactors(rank, in, out, gaussian(rng, rank * in), gaussian(rng, out * rank), alpha, scaling);
    }

    /**
     * One client per entry of {@code ranksPerClient}: matrices "m0", "m1", ... of shape out x in (the same
     * for every client) with that client's rank, alpha 16, standard scaling, a dense "head" of {@code headSize}
     * values (omitted when 0), and a weight in [1, 100].
     */
    public static List<WeightedAdapter> clients(RandomGenerator rng, int in, int out, int headSize, int[][] ranksPerClient) {
        List<WeightedAdapter> out1 = new ArrayList<>();
        for (int[] ranks : ranksPerClient) {
            java.util.TreeMap<String, LoraFactors> lora = new java.util.TreeMap<>();
            for (int m = 0; m < ranks.length; m++) {
                lora.put("m" + m, factors(rng, ranks[m], in, out, 16.0, LoraScaling.STANDARD));
            }
            Map<String, DenseTensor> dense = headSize == 0 ? Map.of()
                    : Map.of("head", new DenseTensor(new int[] {headSize}, gaussian(rng, headSize)));
            out1.add(new WeightedAdapter(new Adapter(lora, dense), 1 + rng.nextInt(100)));
        }
        return out1;
    }

    public static double relativeDistance(double[] actual, double[] expected) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = actual[i] - expected[i];
            num += d * d;
            den += expected[i] * expected[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}
