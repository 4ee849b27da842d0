package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * FedAvg applied to LoRA adapters, as in FedIT (Zhang et al., "Towards Building the Federated GPT:
 * Federated Instruction Tuning", arXiv 2305.05644): each factor is averaged on its own,
 * {@code A = sum_k p_k A_k}, {@code B = sum_k p_k B_k}, and so is every dense tensor, with
 * {@code p_k = n_k / sum_j n_j}. Note that {@code B A != sum_k p_k B_k A_k} in general
 * ({@link ProductAverage} is the exact average of the products).
 *
 * <p>Every update must have the global adapter's layout (same matrices, ranks, shapes, alpha and
 * scaling; same dense tensors). The global adapter only fixes that layout: its values are not used.
 */
public final class FedIt implements AdapterAggregator {

    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        double[] p = ClientUpdates.shares(updates);
        ClientUpdates.requireSameMatrices(global, "the global adapter", updates);
        for (int k = 0; k < updates.size(); k++) {
            Checks.require(updates.get(k).adapter().sameLayout(global), "client update " + k
                    + " does not have the global adapter's ranks: " + updates.get(k).adapter() + " vs " + global);
        }
        Map<String, LoraFactors> lora = new TreeMap<>();
        for (Map.Entry<String, LoraFactors> e : global.lora().entrySet()) {
            LoraFactors g = e.getValue();
            double[] a = new double[g.a().length];
            double[] b = new double[g.b().length];
            for (int k = 0; k < updates.size(); k++) {
                LoraFactors f = updates.get(k).adapter().lora().get(e.getKey());
                accumulate(a, p[k], f.a());
                accumulate(b, p[k], f.b());
            }
            lora.put(e.getKey(), g.withFactors(g.rank(), ClientUpdates.toFloats(a), ClientUpdates.toFloats(b)));
        }
        return new Adapter(lora, ClientUpdates.averageDense(updates, p));
    }

    private static void accumulate(double[] sum, double weight, float[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += weight * values[i];
        }
    }
}
