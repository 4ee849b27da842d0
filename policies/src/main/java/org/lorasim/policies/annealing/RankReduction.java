package org.lorasim.policies.annealing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.linalg.FactoredSvd;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.Matrices;
import org.lorasim.policies.linalg.TruncatedSvd;
import org.lorasim.policies.parallel.MatrixPool;

/**
 * Shrinks a LoRA matrix from rank r to rank r' <= r by the best rank-r' approximation of its update
 * (Eckart-Young): with {@code s B A = U S V^T} (truncated SVD by {@link FactoredSvd}, never forming the
 * out x in matrix), {@code B' = U_r' S_r' / s'} and {@code A' = V_r'^T}, {@code s'} the LoRA scale at
 * rank r' (alpha and scaling kept), so {@code s' B' A' = U_r' S_r' V_r'^T}. SA-FedLoRA (Yang, Liu, Gao,
 * Xu, Wang, arXiv 2405.09394) anneals the rank budget from round to round; how it removes rank is
 * UNVERIFIED, and this SVD truncation is our choice (it loses the least of the update in Frobenius norm:
 * the error is {@code sqrt(sum_{i > r'} sigma_i^2)}).
 */
public final class RankReduction {
    private RankReduction() {
    }

    /** Factors of rank {@code newRank} whose {@code s' B' A'} is the best rank-newRank approximation of {@code s B A}. */
    public static LoraFactors reduce(LoraFactors f, int newRank) {
        Objects.requireNonNull(f, "factors");
        Checks.positive("new rank", newRank);
        Checks.require(newRank <= f.rank(), "new rank " + newRank + " exceeds the current rank " + f.rank());
        int limit = Math.min(f.inFeatures(), f.outFeatures());
        Checks.require(newRank <= limit, "new rank " + newRank + " exceeds min(in, out)=" + limit
                + " of a " + f.outFeatures() + "x" + f.inFeatures() + " matrix");
        double s = f.scaling().factor(f.alpha(), newRank);
        Checks.require(s != 0, "LoRA scale is 0 (alpha " + f.alpha() + "): B' = U S / s' is undefined");
        LowRankSum product = new LowRankSum(List.of(
                LowRankSum.Term.of(f.scale(), f.b(), f.a(), f.outFeatures(), f.rank(), f.inFeatures())));
        TruncatedSvd svd = FactoredSvd.topK(product, newRank);
        return f.withFactors(newRank, Matrices.toFloats(svd.rightRows(newRank)),
                Matrices.toFloats(svd.leftScaled(newRank, s)));
    }

    /** {@link #reduce(Adapter, Map, MatrixPool)} with one thread per processor. */
    public static Adapter reduce(Adapter adapter, Map<String, Integer> newRanks) {
        return reduce(adapter, newRanks, MatrixPool.perProcessor());
    }

    /**
     * Each matrix named in {@code newRanks} reduced to its new rank, the matrices in parallel on
     * {@code pool} (the result does not depend on its thread count); matrices not named, and the dense
     * tensors, are kept as they are. A name the adapter lacks is rejected.
     */
    public static Adapter reduce(Adapter adapter, Map<String, Integer> newRanks, MatrixPool pool) {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(newRanks, "newRanks");
        Objects.requireNonNull(pool, "pool");
        for (String name : newRanks.keySet()) {
            adapter.factors(name);
        }
        Map<String, LoraFactors> reduced = pool.map(newRanks.keySet(), name -> reduceNamed(name, adapter.factors(name),
                Objects.requireNonNull(newRanks.get(name), "new rank of " + name)));
        return adapter.mapLora((name, f) -> reduced.getOrDefault(name, f));
    }

    /** {@link #reduce(LoraFactors, int)} with the matrix's name in any error. */
    public static LoraFactors reduceNamed(String name, LoraFactors f, int newRank) {
        try {
            return reduce(f, newRank);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matrix '" + name + "': " + e.getMessage(), e);
        }
    }
}
