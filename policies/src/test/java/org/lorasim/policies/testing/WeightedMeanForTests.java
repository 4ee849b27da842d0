package org.lorasim.policies.testing;

import java.util.List;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * The plain weighted mean {@code sum_k p_k theta_k}, {@code p_k = w_k / sum w}, as a reference rule for
 * tests only (the production rule is FedIT in the aggregation package).
 */
public final class WeightedMeanForTests implements AdapterAggregator {
    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        double total = updates.stream().mapToDouble(WeightedAdapter::weight).sum();
        double[] sum = new double[Math.toIntExact(global.parameterCount())];
        for (WeightedAdapter u : updates) {
            global.requireSameLayout(u.adapter(), "update");
            float[] x = u.adapter().flatten();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += u.weight() / total * x[j];
            }
        }
        float[] out = new float[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) sum[j];
        }
        return global.withFlat(out);
    }
}
