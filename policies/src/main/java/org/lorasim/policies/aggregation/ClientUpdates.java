package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Checks and shared steps of the aggregation rules: the normalised weights {@code p_k = n_k / sum_j n_j},
 * layout checks that name the offending client and matrix, and the weighted average of dense tensors.
 */
public final class ClientUpdates {
    private ClientUpdates() {
    }

    /** {@code p_k = n_k / sum_j n_j}; rejects an empty or null list. */
    public static double[] shares(List<WeightedAdapter> updates) {
        Checks.nonEmpty("client updates", updates);
        double total = 0;
        for (int k = 0; k < updates.size(); k++) {
            Objects.requireNonNull(updates.get(k), "client update " + k);
            total += updates.get(k).weight();
        }
        Checks.positive("sum of aggregation weights", total);
        double[] p = new double[updates.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = updates.get(k).weight() / total;
        }
        return p;
    }

    /**
     * Requires every update to have the reference's LoRA matrix names with the same in/out shapes, alpha
     * and scaling, and the same dense tensors; LoRA ranks may differ.
     */
    public static void requireSameMatrices(Adapter reference, String referenceName, List<WeightedAdapter> updates) {
        for (int k = 0; k < updates.size(); k++) {
            Adapter a = updates.get(k).adapter();
            String who = "client update " + k;
            Checks.require(a.lora().keySet().equals(reference.lora().keySet()), who + " has LoRA matrices "
                    + a.lora().keySet() + " but " + referenceName + " has " + reference.lora().keySet());
            for (Map.Entry<String, LoraFactors> e : reference.lora().entrySet()) {
                requireSameShape(e.getKey(), who, a.lora().get(e.getKey()), e.getValue(), referenceName);
            }
            Checks.require(a.dense().keySet().equals(reference.dense().keySet()), who + " has dense tensors "
                    + a.dense().keySet() + " but " + referenceName + " has " + reference.dense().keySet());
            for (Map.Entry<String, DenseTensor> e : reference.dense().entrySet()) {
                Checks.require(a.dense().get(e.getKey()).sameShape(e.getValue()), who + " dense tensor '" + e.getKey()
                        + "' has shape " + java.util.Arrays.toString(a.dense().get(e.getKey()).shape()) + " but "
                        + referenceName + "'s is " + java.util.Arrays.toString(e.getValue().shape()));
            }
        }
    }

    /** Requires client {@code k}'s factors of {@code name} to have client 0's in/out shape, alpha and scaling. */
    public static void requireSameShape(String name, int k, LoraFactors f, LoraFactors client0) {
        requireSameShape(name, "client update " + k, f, client0, "client update 0");
    }

    private static void requireSameShape(String name, String who, LoraFactors f, LoraFactors ref, String referenceName) {
        Checks.require(f.inFeatures() == ref.inFeatures() && f.outFeatures() == ref.outFeatures(),
                who + " matrix '" + name + "' is " + f.outFeatures() + "x" + f.inFeatures()
                        + " (out x in) but " + referenceName + "'s is " + ref.outFeatures() + "x" + ref.inFeatures());
        Checks.require(Double.compare(f.alpha(), ref.alpha()) == 0 && f.scaling() == ref.scaling(),
                who + " matrix '" + name + "' has alpha " + f.alpha() + " and " + f.scaling()
                        + " scaling but " + referenceName + " has alpha " + ref.alpha() + " and " + ref.scaling());
    }

    /** {@code sum_k p_k T_k} for every dense tensor T (accumulated in double, stored as float). */
    public static Map<String, DenseTensor> averageDense(List<WeightedAdapter> updates, double[] p) {
        Map<String, DenseTensor> out = new TreeMap<>();
        for (Map.Entry<String, DenseTensor> e : updates.get(0).adapter().dense().entrySet()) {
            double[] sum = new double[e.getValue().values().length];
            for (int k = 0; k < updates.size(); k++) {
                float[] v = updates.get(k).adapter().dense().get(e.getKey()).values();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p[k] * v[i];
                }
            }
            out.put(e.getKey(), new DenseTensor(e.getValue().shape(), toFloats(sum)));
        }
        return out;
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
