package org.lorasim.actors.aggregator;

/**
 * What the aggregator does with a client update that arrives after its round closed (DESIGN.md,
 * "AggregatorActor": "drop or accept late updates with staleness"). See {@link LateUpdates}.
 */
public enum LatePolicy {
    /** Record the late update as dropped; it never reaches an aggregation. */
    DROP,
    /**
     * Let the late update join the next round to aggregate, tagged with its staleness
     * {@code currentRound - sentAtRound}; the policy decides how to weight it.
     */
    ACCEPT_WITH_STALENESS
}
