package org.lorasim.cluster.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's store of {@link ClusterMetrics}: written by the simulation side from any thread, read as a
 * {@link #snapshot()} by the JSON endpoint and the run's metrics.
 */
public final class ClusterMetricsRegistry implements ClusterMetrics {

    /**
     * One node's figures; -1 where nothing was reported yet.
     *
     * @param slotsBusy trainer slots training now, of {@code slotsTotal}
     */
    public record NodeFigures(int shards, int entities, int slotsBusy, int slotsTotal, long messagesSent,
                              long bytesSent) {
        static final NodeFigures NONE = new NodeFigures(-1, -1, -1, -1, -1, -1);

        /** Busy slots over all slots, 0..1; -1 when unknown or the node has no slot. */
        public double slotUtilisation() {
            return slotsTotal > 0 && slotsBusy >= 0 ? (double) slotsBusy / slotsTotal : -1;
        }
    }

    private final ConcurrentHashMap<String, NodeFigures> figures = new ConcurrentHashMap<>();

    @Override
    public void shards(String node, int shards, int entities) {
        figures.merge(node, new NodeFigures(shards, entities, -1, -1, -1, -1), (old, n) -> new NodeFigures(shards,
                entities, old.slotsBusy(), old.slotsTotal(), old.messagesSent(), old.bytesSent()));
    }

    @Override
    public void trainerSlots(String node, int busy, int total) {
        figures.merge(node, new NodeFigures(-1, -1, busy, total, -1, -1), (old, n) -> new NodeFigures(old.shards(),
                old.entities(), busy, total, old.messagesSent(), old.bytesSent()));
    }

    @Override
    public void sent(String node, long messages, long bytes) {
        figures.merge(node, new NodeFigures(-1, -1, -1, -1, messages, bytes), (old, n) -> new NodeFigures(
                old.shards(), old.entities(), old.slotsBusy(), old.slotsTotal(), messages, bytes));
    }

    @Override
    public void remove(String node) {
        figures.remove(node);
    }

    /** The figures of every node reported so far, sorted by address. */
    public Map<String, NodeFigures> snapshot() {
        return new TreeMap<>(figures);
    }

    /** One node's figures, {@link NodeFigures#NONE}-like (all -1) when it reported nothing. */
    public NodeFigures of(String node) {
        return figures.getOrDefault(node, NodeFigures.NONE);
    }
}
