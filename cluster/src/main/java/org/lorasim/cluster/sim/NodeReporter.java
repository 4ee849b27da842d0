package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.cluster.node.RecoveryCounts;
import org.lorasim.cluster.node.SentCounter;

/**
 * Every node's figures for the coordinator's collector ({@link ClusterFigures}), found through the Receptionist
 * under {@link #KEY}: on a {@code clients} node the shards and client entities of its shard regions (a run's, or
 * every run's), on a {@code trainer} node its slots' use ({@link SlotUse}), and on every node the remote
 * messages and bytes it has sent ({@link SentCounter}) and its recovery of lost messages ({@link DeliveryCounters}). It answers when asked and keeps no state, so it never
 * touches a run's clock.
 */
public final class NodeReporter {

    public static final ServiceKey<Report> KEY = ServiceKey.create(Report.class, "lorasim-node-reporters");

    private static final Duration REGION_ASK = Duration.ofSeconds(3);

    /** Asks for the node's figures; shards and entities of run {@code runId} only, of every run when empty. */
    public record Report(String runId, ActorRef<Figures> replyTo) implements LorasimMessage {
        public Report {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Node {@code node}'s figures; -1 for what the node does not have (shards on a node without the
     * {@code clients} role, slots on one without {@code trainer}).
     */
    public record Figures(String node, int shards, int entities, int slotsBusy, int slotsTotal, long trainings,
                          long slotBusyMillis, long messagesSent, long bytesSent, RecoveryCounts recovery)
            implements LorasimMessage {
        public Figures {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(recovery, "recovery");
        }
    }

    private NodeReporter() {
    }

    /** The reporter of a node whose trainer slots (none: {@code null}) record into {@code slots}. */
    static Behavior<Report> create(SlotUse slots) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            ActorSystem<?> system = context.getSystem();
            return Behaviors.receive(Report.class).onMessage(Report.class, report -> {
                answer(system, slots, report);
                return Behaviors.same();
            }).build();
        });
    }

    private static void answer(ActorSystem<?> system, SlotUse slots, Report report) {
        Cluster cluster = Cluster.get(system);
        String node = cluster.selfMember().address().toString();
        CompletableFuture<int[]> shards = cluster.selfMember().hasRole(Roles.CLIENTS)
                ? shardsAndEntities(system, report.runId()) : CompletableFuture.completedFuture(new int[]{-1, -1});
        shards.whenComplete((counts, failure) -> {
            int[] c = counts == null ? new int[]{-1, -1} : counts;
            SentCounter.Totals sent = SentCounter.of(Adapter.toClassic(system));
            long now = System.nanoTime();
            report.replyTo().tell(new Figures(node, c[0], c[1],
                    slots == null ? -1 : slots.busy(), slots == null ? -1 : slots.total(),
                    slots == null ? -1 : slots.trainings(), slots == null ? -1 : slots.busyMillis(now),
                    sent.messages(), sent.bytes(), DeliveryCounters.of(system).totals()));
        });
    }

    /** Shards and entities of this node's regions of run {@code runId} (every run's when empty). */
    private static CompletableFuture<int[]> shardsAndEntities(ActorSystem<?> system, String runId) {
        ClusterSharding sharding = ClusterSharding.get(Adapter.toClassic(system));
        List<CompletableFuture<ShardRegion.CurrentShardRegionState>> asks = new ArrayList<>();
        for (String type : sharding.getShardTypeNames()) {
            boolean wanted = runId.isEmpty() ? type.startsWith(RunShards.TYPE_PREFIX)
                    : type.equals(RunShards.typeKey(runId).name());
            if (wanted) {
                asks.add(Patterns.ask(sharding.shardRegion(type), ShardRegion.getShardRegionStateInstance(), REGION_ASK)
                        .toCompletableFuture().thenApply(ShardRegion.CurrentShardRegionState.class::cast));
            }
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(all -> {
            int shards = 0;
            int entities = 0;
            for (CompletableFuture<ShardRegion.CurrentShardRegionState> ask : asks) {
                for (ShardRegion.ShardState shard : ask.join().getShards()) {
                    shards++;
                    entities += shard.getEntityIds().size();
                }
            }
            return new int[]{shards, entities};
        });
    }
}
