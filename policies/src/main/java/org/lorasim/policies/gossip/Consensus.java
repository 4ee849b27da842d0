package org.lorasim.policies.gossip;

import java.util.List;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * How far the clients of a decentralized run are from agreeing. With {@code theta_i} client i's adapter
 * flattened ({@link Adapter#flatten()}: every LoRA factor A and B and every dense tensor) and
 * {@code theta_bar = (1/n) sum_i theta_i} the unweighted network average, the consensus distance is
 * <pre>
 *   (1/n) sum_i ||theta_i - theta_bar||_2^2 ,
 * </pre>
 * the squared Euclidean norm of the flat vector, i.e. the sum of squared Frobenius norms over all factors
 * and tensors. This is the quantity Dec-LoRA's analysis (Ghiasvand et al., arXiv 2501.15361) and the
 * decentralized SGD literature bound; the average is the one Dec-LoRA evaluates. Computed in double.
 */
public final class Consensus {
    private Consensus() {
    }

    /** The unweighted average {@code theta_bar} of the adapters, with the layout and metadata of the first. */
    public static Adapter mean(List<Adapter> adapters) {
        double[] mean = meanVector(adapters);
        float[] out = new float[mean.length];
        for (int k = 0; k < mean.length; k++) {
            out[k] = (float) mean[k];
        }
        return adapters.get(0).withFlat(out);
    }

    /** {@code (1/n) sum_i ||theta_i - theta_bar||_2^2}; 0 for a single adapter. */
    public static double distance(List<Adapter> adapters) {
        double[] mean = meanVector(adapters);
        double sum = 0;
        for (Adapter a : adapters) {
            float[] theta = a.flatten();
            for (int k = 0; k < theta.length; k++) {
                double d = theta[k] - mean[k];
                sum += d * d;
            }
        }
        return sum / adapters.size();
    }

    private static double[] meanVector(List<Adapter> adapters) {
        Checks.nonEmpty("adapters", adapters);
        Adapter first = adapters.get(0);
        double[] mean = new double[Math.toIntExact(first.parameterCount())];
        for (int i = 0; i < adapters.size(); i++) {
            first.requireSameLayout(adapters.get(i), "adapter " + i);
            float[] theta = adapters.get(i).flatten();
            for (int k = 0; k < theta.length; k++) {
                mean[k] += theta[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= adapters.size();
        }
        return mean;
    }
}
