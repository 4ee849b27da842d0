package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.linalg.TruncatedSvd;
import org.lorasim.policies.parallel.MatrixPool;

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
 * out x in matrix), {@code GRAM} (never forms it either; the fast route at LLM size) or {@code FULL} (forms
 * it, as the released code does with {@code torch.svd}).
 *
 * <p>Matrices are independent: they are decomposed in parallel on the {@link MatrixPool} (default: one
 * thread per processor), each on one thread, so the result does not depend on the thread count. Memory:
 * every matrix in flight holds its clients' factors and the route's O((in + out) R + R^2) working set,
 * {@code R = sum_k r_k}; {@link #aggregateEach} keeps nothing else, for adapter sets too large to hold.
 *
 * <p>Choices: all updates must share matrix names, in/out shapes, alpha and scaling per matrix (the
 * released code uses alpha 16 everywhere); only the top singular triplets needed are kept (by default
 * the largest rank among the round's updates, clipped to min(in, out)). A client asking for more rank
 * than the round's total rank R gets zero singular values in the extra directions (B columns zero,
 * A rows orthonormal), as a full SVD would give; a rank above the kept rank is rejected.
 */
public final class FlexLora implements AdapterAggregator {
    private final SvdRoute route;
    private final MatrixPool pool;

    public FlexLora(SvdRoute route, MatrixPool pool) {
        this.route = Objects.requireNonNull(route, "route");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** FlexLoRA by {@code route}, one thread per processor. */
    public FlexLora(SvdRoute route) {
        this(route, MatrixPool.perProcessor());
    }

    /** FlexLoRA with the factored SVD, one thread per processor. */
    public FlexLora() {
        this(SvdRoute.FACTORED);
    }

    public SvdRoute route() {
        return route;
    }

    public MatrixPool pool() {
        return pool;
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
        ClientFactors round = ClientFactors.of(updates);
        SortedMap<String, FlexLoraState.Matrix> matrices =
                pool.map(round.matrices(), name -> matrix(round, p, name, keepRanks.get(name)));
        return new FlexLoraState(matrices, ClientUpdates.averageDense(updates, p));
    }

    /**
     * Each LoRA matrix's part of the global state, handed to {@code sink} as soon as it is computed (on the
     * pool's threads, in no fixed order: the sink must be thread-safe) and not kept: memory stays at the
     * matrices in flight plus what the sink keeps. Dense tensors are not part of {@link ClientFactors}.
     *
     * @param keepRanks as in {@link #aggregateState(List, Map)}
     */
    public void aggregateEach(ClientFactors round, Map<String, Integer> keepRanks,
                              BiConsumer<String, FlexLoraState.Matrix> sink) {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(keepRanks, "keepRanks");
        Checks.positive("number of clients", round.clients());
        for (int k = 0; k < round.clients(); k++) {
            Checks.positive("aggregation weight of client " + k, round.weight(k));
        }
        for (String name : keepRanks.keySet()) {
            Checks.require(round.matrices().contains(name), "kept rank given for '" + name
                    + "', which is not a LoRA matrix of the round; it has " + round.matrices());
        }
        double[] p = round.shares();
        pool.forEach(round.matrices(), name -> matrix(round, p, name, keepRanks.get(name)), sink);
    }

    private FlexLoraState.Matrix matrix(ClientFactors round, double[] p, String name, Integer asked) {
        LowRankSum sum = ProductAverage.factored(name, round, p);
        LoraFactors ref = round.factors(0, name);
        int limit = Math.min(ref.inFeatures(), ref.outFeatures());
        int k = 0;
        for (LowRankSum.Term t : sum.terms()) {
            k = Math.max(k, t.rank());
        }
        k = Math.min(k, limit);
        if (asked != null) {
            Checks.positive("kept rank of '" + name + "'", asked);
            Checks.require(asked <= limit, "kept rank " + asked + " of '" + name + "' exceeds min(in, out)=" + limit);
            k = Math.max(k, asked);
        }
        TruncatedSvd svd = route.topK(sum, k);
        return new FlexLoraState.Matrix(svd, ref.alpha(), ref.scaling());
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
