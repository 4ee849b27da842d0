package org.lorasim.policies.adapter;

import java.util.List;

/**
 * A rule that combines the clients' adapters of one round into the next global adapter. Robust
 * aggregation and differential privacy wrap an aggregator of this kind as decorators.
 */
public interface AdapterAggregator {

    /**
     * @param global  the global adapter the clients started the round from (decorators use it to form
     *                updates {@code theta_k - theta_global}; plain averages may only check layouts with it)
     * @param updates the clients' adapters after local training with their weights; not empty
     * @return the new global adapter
     * @throws IllegalArgumentException for an empty list or adapters of mismatched layout
     */
    Adapter aggregate(Adapter global, List<WeightedAdapter> updates);
}
