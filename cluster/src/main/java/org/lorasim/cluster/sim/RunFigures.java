package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.lorasim.cluster.node.ClusterMetricsRegistry;

/**
 * One run's figures of the cluster, on the coordinator, in a registry of the run's own (shards and entities of
 * this run only; the node's registry, which {@code GET /cluster} serves, counts every run's): a collection at each
 * round's end, told to the listener with the round's number, and a last one at the end, told once every round's
 * has been. Wall-clock work beside the run: the run's actors never wait for it, so the records and checksums stay
 * those of one JVM.
 */
final class RunFigures {

    /** The longest the end of a run waits for the last figures: a node's answer, the round figures still due. */
    static final Duration FINAL_WAIT = ClusterFigures.ASK.multipliedBy(3);

    private final ActorSystem<?> system;
    private final String runId;
    private final ClusterFiguresListener listener;
    private final ClusterMetricsRegistry registry = new ClusterMetricsRegistry();
    private final List<CompletableFuture<Void>> rounds = new ArrayList<>();

    RunFigures(ActorSystem<?> system, String runId, ClusterFiguresListener listener) {
        this.system = system;
        this.runId = runId;
        this.listener = listener;
    }

    /** Round {@code round}'s record was told: asks every node now, tells the listener when all answered. */
    void roundEnded(int round) {
        CompletableFuture<Void> told = ClusterFigures.collect(system, runId, registry).toCompletableFuture()
                .thenAccept(view -> listener.round(round, view))
                .exceptionally(e -> {
                    system.log().warn("the cluster's figures after round {} could not be collected: {}", round, e);
                    return null;
                });
        synchronized (rounds) {
            rounds.add(told);
        }
    }

    /** The run ended: waits for the rounds' figures, then collects and tells the last ones. */
    void finish() {
        List<CompletableFuture<Void>> pending;
        synchronized (rounds) {
            pending = List.copyOf(rounds);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .thenCompose(all -> ClusterFigures.collect(system, runId, registry))
                    .thenAccept(listener::finished)
                    .get(FINAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            system.log().warn("the cluster's figures at the end of run {} could not be collected: {}", runId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
