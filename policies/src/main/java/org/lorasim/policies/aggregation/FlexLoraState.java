package org.lorasim.policies.aggregation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.linalg.Matrices;
import org.lorasim.policies.linalg.TruncatedSvd;

/**
 * FlexLoRA's global state after one round: per LoRA matrix the top singular triplets of the averaged
 * product {@code dW = U S V^T} (with the matrix's alpha and scaling), and the averaged dense tensors.
 * Any client cuts it to its own ranks: {@code B_r = U_r S_r / s_r}, {@code A_r = V_r^T}, with
 * {@code s_r} the LoRA scale at rank r, so that {@code s_r B_r A_r} is the best rank-r approximation of
 * {@code dW} (Bai et al., arXiv 2402.11505; {@code distribute_weight_fast} in the authors' code).
 */
public final class FlexLoraState {

    /** One target matrix: its truncated SVD and the alpha and scaling every client uses for it. */
    public record Matrix(TruncatedSvd svd, double alpha, LoraScaling scaling) {
        public Matrix {
            Objects.requireNonNull(svd, "svd");
            Checks.finite("alpha", alpha);
            Objects.requireNonNull(scaling, "scaling");
        }

        /** The largest rank a client can be given. */
        public int keptRank() {
            return svd.rank();
        }
    }

    private final SortedMap<String, Matrix> matrices;
    private final SortedMap<String, DenseTensor> dense;

    public FlexLoraState(Map<String, Matrix> matrices, Map<String, DenseTensor> dense) {
        this.matrices = Collections.unmodifiableSortedMap(new TreeMap<>(matrices));
        this.dense = Collections.unmodifiableSortedMap(new TreeMap<>(dense));
    }

    public SortedMap<String, Matrix> matrices() {
        return matrices;
    }

    /** The averaged dense tensors (e.g. a classifier head). */
    public SortedMap<String, DenseTensor> dense() {
        return dense;
    }

    /** The kept singular values of {@code dW} for matrix {@code name}, descending. */
    public double[] singularValues(String name) {
        return matrix(name).svd().singularValues();
    }

    public int keptRank(String name) {
        return matrix(name).keptRank();
    }

    /** The factors of matrix {@code name} at rank r: {@code B = U_r S_r / s_r}, {@code A = V_r^T}. */
    public LoraFactors factors(String name, int rank) {
        Matrix m = matrix(name);
        Checks.positive("rank of '" + name + "'", rank);
        Checks.require(rank <= m.keptRank(), "rank " + rank + " of '" + name + "' exceeds the " + m.keptRank()
                + " singular directions kept this round (keep more with FlexLora.aggregateState(updates, keepRanks))");
        double s = m.scaling().factor(m.alpha(), rank);
        Checks.require(s != 0, "LoRA scale of '" + name + "' is 0 (alpha " + m.alpha() + "): B = U S / s is undefined");
        TruncatedSvd svd = m.svd();
        return new LoraFactors(rank, svd.cols(), svd.rows(), Matrices.toFloats(svd.rightRows(rank)),
                Matrices.toFloats(svd.leftScaled(rank, s)), m.alpha(), m.scaling());
    }

    /** {@code U_r S_r V_r^T} of matrix {@code name} (out x in, row-major): what {@code s_r B_r A_r} represents. */
    public double[] product(String name, int rank) {
        return matrix(name).svd().reconstruct(rank).data;
    }

    /**
     * An adapter cut to the given rank per matrix, with the averaged dense tensors. {@code ranks} must name
     * every LoRA matrix of this state and nothing else.
     */
    public Adapter forRanks(Map<String, Integer> ranks) {
        Objects.requireNonNull(ranks, "ranks");
        Checks.require(ranks.keySet().equals(matrices.keySet()), "ranks are given for " + new TreeMap<>(ranks).keySet()
                + " but the FlexLoRA state has matrices " + matrices.keySet());
        Map<String, LoraFactors> lora = new TreeMap<>();
        ranks.forEach((name, r) -> lora.put(name, factors(name, Objects.requireNonNull(r, "rank of " + name))));
        return new Adapter(lora, dense);
    }

    /** An adapter with the same rank for every matrix. */
    public Adapter forRank(int rank) {
        Map<String, Integer> ranks = new TreeMap<>();
        matrices.keySet().forEach(name -> ranks.put(name, rank));
        return forRanks(ranks);
    }

    private Matrix matrix(String name) {
        Matrix m = matrices.get(name);
        Checks.require(m != null, "FlexLoRA state has no matrix named '" + name + "'; it has " + matrices.keySet());
        return m;
    }
}
