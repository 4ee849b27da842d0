package org.lorasim.cluster.node;

/**
 * What the simulation side reports about the cluster, per node (by its address, {@code pekko://SYSTEM@HOST:PORT}),
 * for the coordinator's JSON endpoint and the run's metrics. Each call replaces the node's previous figure of that
 * kind (the figures are levels or running totals, never increments), so repeating a report is harmless.
 * Implementations are thread-safe.
 */
public interface ClusterMetrics {

    /** The shards and client entities the node hosts now. */
    void shards(String node, int shards, int entities);

    /** The node's trainer slots: how many are training now, of how many. */
    void trainerSlots(String node, int busy, int total);

    /**
     * Running totals of the node's trainer slots: trainings finished, and the wall milliseconds its slots spent
     * training (summed over slots, a training still running counted up to now).
     */
    void trainerUse(String node, long trainings, long busyMillis);

    /** Running totals of what the node has sent to other nodes (remote messages, serialized bytes). */
    void sent(String node, long messages, long bytes);

    /** Running totals of the node's recovery of lost messages. */
    void recovery(String node, RecoveryCounts recovery);

    /** Forgets a node (after it left or was downed). */
    void remove(String node);
}
