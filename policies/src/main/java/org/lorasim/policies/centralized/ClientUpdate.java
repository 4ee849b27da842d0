package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

import java.util.Objects;

/**
 * A client's trained adapter. {@code numExamples} (> 0) is its aggregation weight {@code n_k};
 * {@code staleness} is how many rounds old its start state was (0 for a synchronous round; the policies
 * here do not discount stale updates).
 */
public record ClientUpdate(int clientId, Adapter adapter, long numExamples, double trainLoss, int staleness) {

    public ClientUpdate {
        Objects.requireNonNull(adapter, "adapter of client " + clientId);
        Checks.require(numExamples > 0, "numExamples of client " + clientId + "'s update must be > 0, got " + numExamples);
        Checks.nonNegative("staleness of client " + clientId, staleness);
    }
}
