package org.lorasim.policies.fedpipe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * FedPipe's "partial" aggregation (Fang et al., arXiv 2404.06448): clients adapt different subsets of the
 * matrices, at different ranks, so each matrix is aggregated over the clients that hold it. How the paper
 * merges different ranks is UNVERIFIED; this class computes only who contributes to what, and a plain
 * average of full updates, leaving rank redistribution to a factoring rule such as FlexLoRA's SVD.
 *
 * <ul>
 *   <li>{@link #shares}: per matrix, the contributing updates with weights
 *       {@code p_km = n_k / sum_{j holds m} n_j} ({@link Normalisation#HOLDERS}, default: a matrix adapted
 *       by few clients is not shrunk toward zero) or {@code n_k / sum_all n_j}
 *       ({@link Normalisation#ALL_UPDATES}: absent clients count as a zero update).</li>
 *   <li>{@link #averageProducts}: per matrix {@code dW_m = sum_k p_km s_k B_k A_k} (out x in, double),
 *       the FlexLoRA-style product average, which is defined for any mix of ranks (Bai et al.,
 *       arXiv 2402.11505).</li>
 *   <li>{@link #averageDense}: per dense tensor (e.g. a classifier head) the same weighted mean over its
 *       holders.</li>
 * </ul>
 * A matrix no update holds is absent from every result: the caller keeps its previous global value.
 */
public final class PartialAggregation {

    /** How the per-matrix weights are normalised. */
    public enum Normalisation {
        HOLDERS,
        ALL_UPDATES
    }

    /** Update {@code update} (its index in the input list) contributes with {@code weight} at {@code rank}. */
    public record Share(int update, int rank, double weight) {
    }

    private PartialAggregation() {
    }

    /**
     * Per name, the updates that hold it and their weights. {@code holdings.get(k)} are the names update
     * {@code k} holds, {@code ranks.get(k)} their ranks (0 for tensors without a rank), {@code examples[k]}
     * its weight {@code n_k > 0}.
     */
    public static SortedMap<String, List<Share>> shares(List<? extends Map<String, Integer>> holdings,
                                                        double[] examples, Normalisation normalisation) {
        Checks.nonEmpty("holdings", holdings);
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(normalisation, "normalisation");
        Checks.require(examples.length == holdings.size(),
                "examples has " + examples.length + " weights for " + holdings.size() + " updates");
        double total = 0;
        for (int k = 0; k < examples.length; k++) {
            Checks.positive("examples[" + k + "]", examples[k]);
            total += examples[k];
        }
        TreeMap<String, List<Share>> byName = new TreeMap<>();
        TreeMap<String, Double> held = new TreeMap<>();
        for (int k = 0; k < holdings.size(); k++) {
            for (Map.Entry<String, Integer> e : holdings.get(k).entrySet()) {
                byName.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(new Share(k, e.getValue(), examples[k]));
                held.merge(e.getKey(), examples[k], Double::sum);
            }
        }
        TreeMap<String, List<Share>> out = new TreeMap<>();
        for (Map.Entry<String, List<Share>> e : byName.entrySet()) {
            double norm = normalisation == Normalisation.HOLDERS ? held.get(e.getKey()) : total;
            List<Share> normalised = new ArrayList<>();
            for (Share s : e.getValue()) {
                normalised.add(new Share(s.update(), s.rank(), s.weight() / norm));
            }
            out.put(e.getKey(), Collections.unmodifiableList(normalised));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** {@link #shares} of the LoRA matrices of {@code updates}, weighted by their aggregation weights. */
    public static SortedMap<String, List<Share>> loraShares(List<WeightedAdapter> updates, Normalisation normalisation) {
        Checks.nonEmpty("updates", updates);
        List<Map<String, Integer>> holdings = new ArrayList<>();
        for (WeightedAdapter u : updates) {
            TreeMap<String, Integer> ranks = new TreeMap<>();
            u.adapter().lora().forEach((name, f) -> ranks.put(name, f.rank()));
            holdings.add(ranks);
        }
        return shares(holdings, weights(updates), normalisation);
    }

    /** Per LoRA matrix, {@code sum_k p_km s_k B_k A_k} over the updates holding it. */
    public static SortedMap<String, double[]> averageProducts(List<WeightedAdapter> updates, Normalisation normalisation) {
        SortedMap<String, List<Share>> shares = loraShares(updates, normalisation);
        TreeMap<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, List<Share>> e : shares.entrySet()) {
            LoraFactors first = updates.get(e.getValue().get(0).update()).adapter().factors(e.getKey());
            double[] sum = new double[Math.multiplyExact(first.outFeatures(), first.inFeatures())];
            for (Share s : e.getValue()) {
                LoraFactors f = updates.get(s.update()).adapter().factors(e.getKey());
                Checks.require(f.inFeatures() == first.inFeatures() && f.outFeatures() == first.outFeatures(),
                        "matrix '" + e.getKey() + "' is " + f.outFeatures() + "x" + f.inFeatures() + " in update "
                                + s.update() + " but " + first.outFeatures() + "x" + first.inFeatures() + " elsewhere");
                double[] product = f.product();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += s.weight() * product[i];
                }
            }
            out.put(e.getKey(), sum);
        }
        return out;
    }

    /** Per dense tensor, the weighted mean over the updates holding it. */
    public static SortedMap<String, DenseTensor> averageDense(List<WeightedAdapter> updates, Normalisation normalisation) {
        Checks.nonEmpty("updates", updates);
        List<Map<String, Integer>> holdings = new ArrayList<>();
        for (WeightedAdapter u : updates) {
            TreeMap<String, Integer> names = new TreeMap<>();
            u.adapter().dense().keySet().forEach(name -> names.put(name, 0));
            holdings.add(names);
        }
        TreeMap<String, DenseTensor> out = new TreeMap<>();
        for (Map.Entry<String, List<Share>> e : shares(holdings, weights(updates), normalisation).entrySet()) {
            DenseTensor first = updates.get(e.getValue().get(0).update()).adapter().dense().get(e.getKey());
            double[] sum = new double[first.values().length];
            for (Share s : e.getValue()) {
                DenseTensor t = updates.get(s.update()).adapter().dense().get(e.getKey());
                Checks.require(t.sameShape(first), "dense tensor '" + e.getKey() + "' has different shapes across updates");
                float[] v = t.values();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += s.weight() * v[i];
                }
            }
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = (float) sum[i];
            }
            out.put(e.getKey(), first.withValues(mean));
        }
        return out;
    }

    /** Names of {@code all} that no update holds as a LoRA matrix: they keep their previous global value. */
    public static List<String> uncovered(Collection<String> all, List<WeightedAdapter> updates) {
        Objects.requireNonNull(all, "all");
        Objects.requireNonNull(updates, "updates");
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(all)) {
            boolean held = false;
            for (WeightedAdapter u : updates) {
                held |= u.adapter().lora().containsKey(name);
            }
            if (!held) {
                out.add(name);
            }
        }
        return out;
    }

    private static double[] weights(List<WeightedAdapter> updates) {
        double[] w = new double[updates.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = Objects.requireNonNull(updates.get(k), "update " + k).weight();
        }
        return w;
    }
}
