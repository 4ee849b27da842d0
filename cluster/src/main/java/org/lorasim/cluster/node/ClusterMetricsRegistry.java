package org.lorasim.cluster.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * A node's store of {@link ClusterMetrics}: written by the simulation side from any thread, read as a
 * {@link #snapshot()} by the JSON endpoint and the run's metrics. One per actor system ({@link #of}), so the
 * node's {@link ClusterNode#metrics()} and the simulation's collector on that system share it.
 */
public final class ClusterMetricsRegistry implements ClusterMetrics, Extension {

    private static final class Id extends AbstractExtensionId<ClusterMetricsRegistry> implements ExtensionIdProvider {
        @Override
        public ClusterMetricsRegistry createExtension(ExtendedActorSystem system) {
            return new ClusterMetricsRegistry();
        }

        @Override
        public Id lookup() {
            return ID;
        }
    }

    private static final Id ID = new Id();

    /**
     * One node's figures; -1 where nothing was reported yet.
     *
     * @param slotsBusy      trainer slots training now, of {@code slotsTotal}
     * @param trainings      trainings its slots finished so far
     * @param slotBusyMillis wall milliseconds its slots spent training so far, summed over slots
     * @param recovery       its recovery of lost messages so far
     */
    public record NodeFigures(int shards, int entities, int slotsBusy, int slotsTotal, long trainings,
                              long slotBusyMillis, long messagesSent, long bytesSent, RecoveryCounts recovery) {
        static final NodeFigures NONE = new NodeFigures(-1, -1, -1, -1, -1, -1, -1, -1, RecoveryCounts.NONE);

        public NodeFigures {
            java.util.Objects.requireNonNull(recovery, "recovery");
        }

        /** Busy slots over all slots now, 0..1; -1 when unknown or the node has no slot. */
        public double slotUtilisation() {
            return slotsTotal > 0 && slotsBusy >= 0 ? (double) slotsBusy / slotsTotal : -1;
        }
    }

    private final ConcurrentHashMap<String, NodeFigures> figures = new ConcurrentHashMap<>();

    /**
     * The registry of {@code system}, created at the first call: a Pekko extension, since every node's system is
     * named alike, and a map keyed by system (whose equality is its path's) mixed the nodes of one JVM.
     */
    public static ClusterMetricsRegistry of(ActorSystem<?> system) {
        return ID.get(Adapter.toClassic(system));
    }

    @Override
    public void shards(String node, int shards, int entities) {
        update(node, f -> new NodeFigures(shards, entities, f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), f.messagesSent(), f.bytesSent(), f.recovery()));
    }

    @Override
    public void trainerSlots(String node, int busy, int total) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), busy, total, f.trainings(), f.slotBusyMillis(),
                f.messagesSent(), f.bytesSent(), f.recovery()));
    }

    @Override
    public void trainerUse(String node, long trainings, long busyMillis) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), trainings,
                busyMillis, f.messagesSent(), f.bytesSent(), f.recovery()));
    }

    @Override
    public void sent(String node, long messages, long bytes) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), messages, bytes, f.recovery()));
    }

    @Override
    public void recovery(String node, RecoveryCounts recovery) {
        update(node, f -> new NodeFigures(f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), f.messagesSent(), f.bytesSent(), recovery));
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
