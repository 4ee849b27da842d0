package org.lorasim.policies.aggregation;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * A round's client updates read one LoRA target matrix at a time: the aggregators that work matrix by
 * matrix ({@link FlexLora#aggregateEach}, {@link HetLora#aggregateEach}) ask only for the factors of the
 * matrices in flight, so an implementation may produce them on demand (decode an upload, generate a
 * synthetic set) instead of holding a 7B model's 20 adapters (about 5 GB of float32) at once.
 * {@link #factors} may be called from several threads at the same time and must return the same values
 * for the same arguments.
 */
public interface ClientFactors {

    /** The LoRA target matrix names, the same for every client. */
    SortedSet<String> matrices();

    /** The number of clients K >= 1. */
    int clients();

    /** Client k's aggregation weight {@code n_k > 0}. */
    double weight(int client);

    /** Client k's factors of {@code matrix}. */
    LoraFactors factors(int client, String matrix);

    /** {@code p_k = n_k / sum_j n_j}. */
    default double[] shares() {
        double[] p = new double[clients()];
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = weight(k);
            total += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= total;
        }
        return p;
    }

    /** The LoRA factors of adapters held in memory (their dense tensors are not part of this view). */
    static ClientFactors of(List<WeightedAdapter> updates) {
        List<WeightedAdapter> held = List.copyOf(updates);
        SortedSet<String> names = new TreeSet<>(held.get(0).adapter().lora().keySet());
        return new ClientFactors() {
            @Override
            public SortedSet<String> matrices() {
                return names;
            }

            @Override
            public int clients() {
                return held.size();
            }

            @Override
            public double weight(int client) {
                return held.get(client).weight();
            }

            @Override
            public LoraFactors factors(int client, String matrix) {
                Adapter a = held.get(client).adapter();
                return a.factors(matrix);
            }
        };
    }
}
