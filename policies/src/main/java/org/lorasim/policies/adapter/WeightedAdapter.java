package org.lorasim.policies.adapter;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * One client's adapter with its aggregation weight, normally its number of training examples
 * {@code n_k}; aggregators normalise the weights to {@code p_k = n_k / sum_j n_j}.
 */
public record WeightedAdapter(Adapter adapter, double weight) {
    public WeightedAdapter {
        Objects.requireNonNull(adapter, "adapter");
        Checks.positive("aggregation weight", weight);
    }
}
