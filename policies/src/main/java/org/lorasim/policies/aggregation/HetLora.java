package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.parallel.MatrixPool;

/**
 * HetLoRA aggregation (Cho et al., "Heterogeneous LoRA for Federated Fine-tuning
 * of On-Device Foundation Models", arXiv 2401.06953) as FlexLoRA's authors implemented it for their
 * baseline ({@code truncate} in {@code fed_utils/model_aggregation.py} and {@code local_client_load_weight}
 * in {@code heterolora.py}, github.com/alibaba/FederatedScope, branch FlexLoRA). The global adapter holds
 * rank {@code r_max} per matrix (its rank; the released code fixes 360); each client's factors are zero-padded
 * to it and summed:
 * <pre>
 *   A[:r_k, :] += p_k c_k A_k,   B[:, :r_k] += p_k c_k B_k,   c_k = sqrt(s_k) if scaleOnAggregate else 1
 *   client of rank r:  A_r = A[:r, :] / d_r,  B_r = B[:, :r] / d_r,   d_r = sqrt(s_r) if unscaleOnTruncate else 1
 * </pre>
 * with {@code p_k = n_k / sum_j n_j} and {@code s} the LoRA scale (alpha / r). Dense tensors are averaged
 * with {@code p_k}. The released run calls {@code truncate} without the aggregation scaling but its
 * clients divide by {@code sqrt(alpha / r)} (their {@code handle_alpha} flag defaults to true); the two
 * flags are therefore separate. Both default to off, the symmetric choice; set
 * {@code new HetLora(false, true)} to replay the released run. The rank self-pruning penalty of the
 * clients' local loss is {@link RankSelfPruningPenalty}.
 */
public final class HetLora implements AdapterAggregator {
    private final boolean scaleOnAggregate;
    private final boolean unscaleOnTruncate;
    private final MatrixPool pool;

    public HetLora(boolean scaleOnAggregate, boolean unscaleOnTruncate, MatrixPool pool) {
        this.scaleOnAggregate = scaleOnAggregate;
        this.unscaleOnTruncate = unscaleOnTruncate;
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** One thread per processor. */
    public HetLora(boolean scaleOnAggregate, boolean unscaleOnTruncate) {
        this(scaleOnAggregate, unscaleOnTruncate, MatrixPool.perProcessor());
    }

    /** Both scalings off, one thread per processor. */
    public HetLora() {
        this(false, false);
    }

    public boolean scaleOnAggregate() {
        return scaleOnAggregate;
    }

    public boolean unscaleOnTruncate() {
        return unscaleOnTruncate;
    }

    /**
     * The zero-padded weighted sum. The global adapter fixes {@code r_max} per matrix (its rank), the
     * shapes, alpha, scaling and dense tensors; its values are not used. Every update's rank must be at
     * most the global rank of that matrix. Matrices are summed in parallel on the {@link MatrixPool}.
     */
    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        double[] p = ClientUpdates.shares(updates);
        ClientUpdates.requireSameMatrices(global, "the global adapter", updates);
        ClientFactors round = ClientFactors.of(updates);
        Map<String, LoraFactors> lora = pool.map(global.lora().keySet(),
                name -> paddedSum(name, global.lora().get(name), round, p));
        return new Adapter(lora, ClientUpdates.averageDense(updates, p));
    }

    /**
     * Each matrix's zero-padded weighted sum at the global rank {@code globalRanks.get(name)} (shape, alpha
     * and scaling from client 0), handed to {@code sink} on the pool's threads as soon as it is computed
     * and not kept; {@code globalRanks} must name every matrix of the round.
     */
    public void aggregateEach(ClientFactors round, Map<String, Integer> globalRanks, BiConsumer<String, LoraFactors> sink) {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(globalRanks, "globalRanks");
        Checks.require(globalRanks.keySet().equals(round.matrices()), "global ranks are given for "
                + new TreeMap<>(globalRanks).keySet() + " but the round has matrices " + round.matrices());
        double[] p = round.shares();
        pool.forEach(round.matrices(), name -> {
            LoraFactors ref = round.factors(0, name);
            int rMax = Checks.positive("global rank of '" + name + "'", globalRanks.get(name));
            LoraFactors layout = new LoraFactors(rMax, ref.inFeatures(), ref.outFeatures(), new float[rMax * ref.inFeatures()],
                    new float[ref.outFeatures() * rMax], ref.alpha(), ref.scaling());
            return paddedSum(name, layout, round, p);
        }, sink);
    }

    private LoraFactors paddedSum(String name, LoraFactors g, ClientFactors round, double[] p) {
        int rMax = g.rank();
        int in = g.inFeatures();
        int out = g.outFeatures();
        double[] a = new double[rMax * in];
        double[] b = new double[out * rMax];
        for (int k = 0; k < round.clients(); k++) {
            LoraFactors f = round.factors(k, name);
            ClientUpdates.requireSameShape(name, k, f, g);
            int r = f.rank();
            Checks.require(r <= rMax, "client update " + k + " has rank " + r + " for '" + name
                    + "', above the global rank r_max=" + rMax);
            double w = p[k] * (scaleOnAggregate ? Math.sqrt(f.scale()) : 1.0);
            for (int i = 0; i < r * in; i++) {
                a[i] += w * f.a()[i];
            }
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < r; j++) {
                    b[o * rMax + j] += w * f.b()[o * r + j];
                }
            }
        }
        return g.withFactors(rMax, ClientUpdates.toFloats(a), ClientUpdates.toFloats(b));
    }

    /** The first r rows of A and first r columns of B (divided by sqrt(s_r) when unscaleOnTruncate). */
    public LoraFactors truncate(LoraFactors global, int rank) {
        Objects.requireNonNull(global, "global");
        Checks.positive("truncated rank", rank);
        Checks.require(rank <= global.rank(), "truncated rank " + rank + " exceeds the global rank " + global.rank());
        int in = global.inFeatures();
        int out = global.outFeatures();
        double d = unscaleOnTruncate ? Math.sqrt(global.scaling().factor(global.alpha(), rank)) : 1.0;
        Checks.require(d != 0, "cannot divide by sqrt(s_r) = 0 (alpha " + global.alpha() + ")");
        float[] a = new float[rank * in];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (global.a()[i] / d);
        }
        float[] b = new float[out * rank];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < rank; j++) {
                b[o * rank + j] = (float) (global.b()[o * global.rank() + j] / d);
            }
        }
        return global.withFactors(rank, a, b);
    }

    /** Every matrix truncated to its rank in {@code ranks}, which must name exactly the global's matrices. */
    public Adapter truncate(Adapter global, Map<String, Integer> ranks) {
        Objects.requireNonNull(ranks, "ranks");
        Checks.require(ranks.keySet().equals(global.lora().keySet()), "ranks are given for "
                + new TreeMap<>(ranks).keySet() + " but the global adapter has matrices " + global.lora().keySet());
        return global.mapLora((name, f) -> truncate(f, Objects.requireNonNull(ranks.get(name), "rank of " + name)));
    }
}
