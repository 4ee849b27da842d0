package org.lorasim.policies.aggregation;

import java.util.ArrayList;
import java.util.List;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.LowRankSum;

/**
 * The exact weighted average of the clients' LoRA updates of one target matrix,
 * {@code dW = sum_k p_k s_k B_k A_k} with {@code p_k = n_k / sum_j n_j} and {@code s_k} client k's LoRA
 * scale (alpha / r_k for standard LoRA). This is the quantity FlexLoRA (Bai et al., arXiv 2402.11505)
 * averages; clients may have different ranks, but every update must have the same matrix names, in/out
 * shapes, alpha and scaling, and the same dense tensors.
 *
 * <p>Two forms: {@link #dense} (out x in doubles, row-major; a reference for tests) and {@link #factored}
 * (the same sum kept as low-rank terms, for {@link org.lorasim.policies.linalg.FactoredSvd}).
 */
public final class ProductAverage {
    private ProductAverage() {
    }

    /** {@code sum_k p_k s_k B_k A_k} of matrix {@code name} as an out x in row-major array. */
    public static double[] dense(String name, List<WeightedAdapter> updates) {
        return factored(name, updates).dense().data;
    }

    /** {@code sum_k p_k s_k B_k A_k} of matrix {@code name} as low-rank terms, total rank {@code sum_k r_k}. */
    public static LowRankSum factored(String name, List<WeightedAdapter> updates) {
        double[] p = ClientUpdates.shares(updates);
        Adapter first = updates.get(0).adapter();
        ClientUpdates.requireSameMatrices(first, "client update 0", updates);
        first.factors(name);
        return factored(name, updates, p);
    }

    /** As {@link #factored(String, List)} with the shares given and the layout already checked. */
    static LowRankSum factored(String name, List<WeightedAdapter> updates, double[] p) {
        return factored(name, ClientFactors.of(updates), p);
    }

    /**
     * {@code sum_k p_k s_k B_k A_k} of matrix {@code name} read from {@code round}; every client's factors
     * must have client 0's shape, alpha and scaling (the error names the client and the matrix).
     */
    public static LowRankSum factored(String name, ClientFactors round, double[] p) {
        Checks.require(p.length == round.clients(), p.length + " shares for " + round.clients() + " clients");
        LoraFactors ref = round.factors(0, name);
        List<LowRankSum.Term> terms = new ArrayList<>(round.clients());
        for (int k = 0; k < round.clients(); k++) {
            LoraFactors f = k == 0 ? ref : round.factors(k, name);
            ClientUpdates.requireSameShape(name, k, f, ref);
            terms.add(LowRankSum.Term.of(p[k] * f.scale(), f.b(), f.a(), f.outFeatures(), f.rank(), f.inFeatures()));
        }
        return new LowRankSum(terms);
    }
}
