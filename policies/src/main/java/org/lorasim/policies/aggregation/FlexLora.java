package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.linalg.TruncatedSvd;

/**
 * FlexLoRA aggregation (Bai, Chen, Qian, Yao, Li, "Federated Fine-tuning of Large Language Models under
 * Heterogeneous Tasks and Client Resources", arXiv 2402.11505, NeurIPS 2024). Per LoRA matrix, with
 * {@code p_k = n_k / sum_j n_j} and {@code s_k} client k's LoRA scale (alpha / r_k):
 * <pre>
 *   dW = sum_k p_k s_k B_k A_k = U S V^T          (clients may have different ranks r_k)
 *   client of rank r:  B_r = U_r S_r / s_r,  A_r = V_r^T
 * </pre>
 * Dense tensors (a classifier head) are averaged with {@code p_k}. {@code dW} is the whole adapter state,
 * not an increment. The SVD runs by the {@link SvdRoute}: {@code FACTORED} (default, never forms the
 * out x in matrix) or {@code FULL} (forms it, as the released code does with {@code torch.svd}).
 *
 * <p>Choices: all updates must share matrix names, in/out shapes, alpha and scaling per matrix (the
 * released code uses alpha 16 everywhere); only the top singular triplets needed are kept (by default
 * the largest rank among the round's updates, clipped to min(in, out)). A client asking for more rank
 * than the round's total rank R gets zero singular values in the extra directions (B columns zero,
 * A rows orthonormal), as a full SVD would give; a rank above the kept rank is rejected.
 */
public final class FlexLora implements AdapterAggregator {
    private final SvdRoute route;

    public FlexLora(SvdRoute route) {
        this.route = Objects.requireNonNull(route, "route");
    }

    /** FlexLoRA with the factored SVD. */
    public FlexLora() {
        this(SvdRoute.FACTORED);
    }

    public SvdRoute route() {
        return route;
    }

    /** The round's global state, keeping per matrix the largest rank among the updates. */
    public FlexLoraState aggregateState(List<WeightedAdapter> updates) {
        return aggregateState(updates, Map.of());
    }

    /**
     * The round's global state.
     *
     * @param keepRanks per matrix, the largest rank any client will ask for (e.g. over all clients, not
     *                  only this round's); matrices not named keep the largest rank among the updates
     */
    public FlexLoraState aggregateState(List<WeightedAdapter> updates, Map<String, Integer> keepRanks) {
        Objects.requireNonNull(keepRanks, "keepRanks");
        double[] p = ClientUpdates.shares(updates);
        Adapter first = updates.get(0).adapter();
        ClientUpdates.requireSameMatrices(first, "client update 0", updates);
        for (String name : keepRanks.keySet()) {
            first.factors(name);
        }
        Map<String, FlexLoraState.Matrix> matrices = new TreeMap<>();
        for (Map.Entry<String, LoraFactors> e : first.lora().entrySet()) {
            String name = e.getKey();
            LoraFactors ref = e.getValue();
            int limit = Math.min(ref.inFeatures(), ref.outFeatures());
            int k = 0;
            for (WeightedAdapter u : updates) {
                k = Math.max(k, u.adapter().lora().get(name).rank());
            }
            k = Math.min(k, limit);
            Integer asked = keepRanks.get(name);
            if (asked != null) {
                Checks.positive("kept rank of '" + name + "'", asked);
                Checks.require(asked <= limit, "kept rank " + asked + " of '" + name + "' exceeds min(in, out)=" + limit);
                k = Math.max(k, asked);
            }
            LowRankSum sum = ProductAverage.factored(name, updates, p);
            TruncatedSvd svd = route.topK(sum, k);
            matrices.put(name, new FlexLoraState.Matrix(svd, ref.alpha(), ref.scaling()));
        }
        return new FlexLoraState(matrices, ClientUpdates.averageDense(updates, p));
    }

    /**
     * The aggregate cut to the global adapter's ranks (the updates' ranks may differ from them). The
     * global adapter fixes the layout (matrix names and shapes, alpha, scaling, dense tensors) only.
     */
    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        ClientUpdates.shares(updates);
        ClientUpdates.requireSameMatrices(global, "the global adapter", updates);
        Map<String, Integer> ranks = new TreeMap<>();
        global.lora().forEach((name, f) -> ranks.put(name, f.rank()));
        return aggregateState(updates, ranks).forRanks(ranks);
    }
}
