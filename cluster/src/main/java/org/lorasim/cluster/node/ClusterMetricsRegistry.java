package org.lorasim.cluster.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A node's store of {@link ClusterMetrics}: written by the simulation side from any thread, read as a
 * {@link #snapshot()} by the JSON endpoint and the run's metrics. One per actor system ({@link #of}), so the
 * node's {@link ClusterNode#metrics()} and the simulation's collector on that system share it.
 */
public final class ClusterMetricsRegistry implements ClusterMetrics {

    private static final Map<ActorSystem<?>, ClusterMetricsRegistry> BY_SYSTEM = new WeakHashMap<>();

    /**
     * One node's figures; -1 where nothing was reported yet.
     *
     * @param slotsBusy      trainer slots training now, of {@code slotsTotal}
     * @param trainings      trainings its slots finished so far
     * @param slotBusyMillis wall milliseconds its slots spent training so far, summed over slots
     */
    public record NodeFigures(int shards, int entities, int slotsBusy, int slotsTotal, long trainings,
                              long slotBusyMillis, long messagesSent, long bytesSent) {
        static final NodeFigures NONE = new NodeFigures(-1, -1, -1, -1, -1, -1, -1, -1);

        /** Busy slots over all slots now, 0..1; -1 when unknown or the node has no slot. */
        public double slotUtilisation() {
            return slotsTotal > 0 && slotsBusy >= 0 ? (double) slotsBusy / slotsTotal : -1;
        }
    }

    private final ConcurrentHashMap<String, NodeFigures> figures = new ConcurrentHashMap<>();

    /** The registry of {@code system}, created at the first call. */
    public static ClusterMetricsRegistry of(ActorSystem<?> system) {
        synchronized (BY_SYSTEM) {
            return BY_SYSTEM.computeIfAbsent(system, s -> new ClusterMetricsRegistry());
        }
    }

    @Override
    public void shards(String node, int shards, int entities) {
        update(node, f -> new NodeFigures(shards, entities, f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), f.messagesSent(), f.bytesSent()));
    }

    @Override
    public void trainerSlots(String node, int busy, int total) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), busy, total, f.trainings(), f.slotBusyMillis(),
                f.messagesSent(), f.bytesSent()));
    }

    @Override
    public void trainerUse(String node, long trainings, long busyMillis) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), trainings,
                busyMillis, f.messagesSent(), f.bytesSent()));
    }

    @Override
    public void sent(String node, long messages, long bytes) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), messages, bytes));
    }

    private void update(String node, UnaryOperator<NodeFigures> change) {
        figures.compute(node, (k, old) -> change.apply(old == null ? NodeFigures.NONE : old));
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
