package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.node.ClusterMetricsRegistry;
import org.lorasim.cluster.node.SentCounter;

/**
 * The coordinator's collector of the cluster's figures: asks every node's {@link NodeReporter} (found through
 * the Receptionist) and writes the answers into the coordinator system's {@link ClusterMetricsRegistry}, which
 * {@code GET /cluster} and the run's {@link ClusterView}s read. The coordinator's own messages and bytes sent are
 * counted here too (a submitting coordinator runs no reporter). A node that does not answer within the ask's
 * time-out keeps its last figures. Wall-clock work, outside the run's actors: it never delays the virtual clock.
 */
public final class ClusterFigures {

    static final Duration ASK = Duration.ofSeconds(5);

    private ClusterFigures() {
    }

    /**
     * Asks every node for its figures (shards of every run) into the registry of {@code system}, the one
     * {@code GET /cluster} serves; then the view.
     */
    public static CompletionStage<ClusterView> collect(ActorSystem<?> system) {
        return collect(system, "", ClusterMetricsRegistry.of(system));
    }

    /**
     * Asks every node for its figures (shards of run {@code runId}; of every run when empty) into
     * {@code registry}; then the view.
     */
    public static CompletionStage<ClusterView> collect(ActorSystem<?> system, String runId,
                                                       ClusterMetricsRegistry registry) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(NodeReporter.KEY, replyTo), ASK, system.scheduler())
                .thenCompose(listing -> {
                    List<CompletableFuture<NodeReporter.Figures>> asks = new ArrayList<>();
                    for (ActorRef<NodeReporter.Report> reporter : listing.getServiceInstances(NodeReporter.KEY)) {
                        asks.add(AskPattern.<NodeReporter.Report, NodeReporter.Figures>ask(reporter,
                                        replyTo -> new NodeReporter.Report(runId, replyTo), ASK, system.scheduler())
                                .toCompletableFuture().exceptionally(e -> null));
                    }
                    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                            .thenApply(all -> asks.stream().map(CompletableFuture::join).toList());
                })
                .thenApply(answers -> {
                    answers.stream().filter(a -> a != null).forEach(a -> record(registry, a));
                    SentCounter.Totals own = SentCounter.of(Adapter.toClassic(system));
                    String self = Cluster.get(system).selfMember().address().toString();
                    registry.sent(self, own.messages(), own.bytes());
                    registry.recovery(self, DeliveryCounters.of(system).totals());
                    return ClusterView.of(system, registry);
                });
    }

    static void record(ClusterMetricsRegistry registry, NodeReporter.Figures f) {
        if (f.shards() >= 0) {
            registry.shards(f.node(), f.shards(), f.entities());
        }
        if (f.slotsTotal() >= 0) {
            registry.trainerSlots(f.node(), f.slotsBusy(), f.slotsTotal());
            registry.trainerUse(f.node(), f.trainings(), f.slotBusyMillis());
        }
        registry.sent(f.node(), f.messagesSent(), f.bytesSent());
        registry.recovery(f.node(), f.recovery());
    }
}
