package org.lorasim.policies.aggregation;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;

/**
 * HetLoRA's rank self-pruning regularizer (Cho et al., arXiv 2401.06953), in the form of FlexLoRA's
 * baseline code ({@code reg_Trainer.compute_loss} in {@code fed_utils/client.py}):
 * <pre>
 *   penalty = gamma * sum over LoRA matrices of ||A[p:, :]||_F * ||B[:, p:]||_F,   p = round(keepRatio * r)
 * </pre>
 * with {@code gamma = 0.001} and {@code keepRatio = 0.99} by default. It weighs the trailing rank
 * directions so that training can shrink them. Rounding is half-to-even, as Python's {@code round}; with
 * the default ratio, ranks below 50 give p = r and a zero penalty (e.g. round(7.92) = 8). The penalty uses
 * the raw factors, not the scaled product. (The released code computes it on detached tensors, so it
 * adds no gradient there; a trainer that wants its gradient must differentiate it itself.)
 */
public record RankSelfPruningPenalty(double gamma, double keepRatio) {

    public RankSelfPruningPenalty {
        Checks.nonNegative("gamma", gamma);
        Checks.probability("keepRatio", keepRatio);
    }

    /** gamma = 0.001, keepRatio = 0.99, the defaults of the released code. */
    public static RankSelfPruningPenalty defaults() {
        return new RankSelfPruningPenalty(0.001, 0.99);
    }

    /** {@code p = round(keepRatio * r)}, half to even: the number of leading directions not penalised. */
    public int keptRank(int rank) {
        Checks.positive("rank", rank);
        return (int) Math.rint(keepRatio * rank);
    }

    /** {@code ||A[p:, :]||_F * ||B[:, p:]||_F} for one matrix, without gamma. */
    public double tailNormProduct(LoraFactors f) {
        int r = f.rank();
        int p = keptRank(r);
        int in = f.inFeatures();
        double a = 0;
        for (int i = p * in; i < r * in; i++) {
            a += (double) f.a()[i] * f.a()[i];
        }
        double b = 0;
        for (int o = 0; o < f.outFeatures(); o++) {
            for (int j = p; j < r; j++) {
                double v = f.b()[o * r + j];
                b += v * v;
            }
        }
        return Math.sqrt(a) * Math.sqrt(b);
    }

    /** {@code gamma * sum over matrices of tailNormProduct}. */
    public double value(Adapter adapter) {
        double sum = 0;
        for (LoraFactors f : adapter.lora().values()) {
            sum += tailNormProduct(f);
        }
        return gamma * sum;
    }
}
