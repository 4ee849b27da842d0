package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.lorasim.actors.run.ClientFactories;
import org.lorasim.actors.run.RunSettings;
import org.lorasim.training.train.ModelRef;

/**
 * The coordinator's start of a trained run on the cluster: every trainer node's {@link BaseWarmer} is asked to load
 * the run's base as the run is submitted, so that on separate machines the trainer nodes' loads run beside the
 * coordinator's own (its data, its base for evaluation, the baseline evaluation) and the clients nodes' preparation,
 * instead of inside the first training each node gets in round 0, after all of those; and so that a trainer node
 * that cannot load it (a decoder checkpoint not at that path on its machine, a GPU out of memory) fails the run before
 * its first round, naming the node and the reason, instead of failing every training it is sent.
 *
 * <p>The warmers are looked for until one per trainer node Up is listed, for at most {@link #FIND_WAIT}. A warmer
 * that does not answer within {@code wait} is taken to be still loading, not failed (a large decoder on
 * a slow disk): its slots wait for the load at their first training, as they would without the warm-up. A trainer node
 * that joins later loads at its first training. System-only runs load nothing.
 */
final class TrainerWarmUp {

    /** How long the warmers of the trainer nodes Up are looked for (the Receptionist lists a new node's a moment late). */
    static final Duration FIND_WAIT = ClientHost.TRAINER_WAIT;

    private TrainerWarmUp() {
    }

    private static CompletionStage<Set<ActorRef<BaseWarmer.Warm>>> listed(ActorSystem<?> system) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(BaseWarmer.KEY, replyTo), Duration.ofSeconds(3), system.scheduler())
                .thenApply(listing -> listing.getServiceInstances(BaseWarmer.KEY));
    }

    /**
     * Asks every trainer node to load {@code scenario}'s base; completes with their answers (one per node,
     * a node that timed out answering with a null failure and {@code millis} -1). Completes with no answers for a
     * system-only run or a scenario that does not read (the run itself reports that).
     */
    static CompletionStage<List<BaseWarmer.Warmed>> start(ActorSystem<?> system, Config scenario, Duration wait) {
        ModelRef model;
        try {
            RunSettings settings = RunSettings.from(scenario);
            if (settings.synthetic()) {
                return CompletableFuture.completedFuture(List.of());
            }
            model = ClientFactories.model(settings);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(List.of());
        }
        long deadline = System.nanoTime() + FIND_WAIT.toNanos();
        return ClusterClients.poll(() -> listed(system), found -> found != null
                        && found.size() >= ClusterClients.membersUp(system, Roles.TRAINER), deadline)
                .thenCompose(found -> {
                    Set<ActorRef<BaseWarmer.Warm>> warmers = found == null ? Set.of() : found;
                    List<CompletableFuture<BaseWarmer.Warmed>> asks = new ArrayList<>();
                    for (ActorRef<BaseWarmer.Warm> warmer : warmers) {
                        asks.add(AskPattern.<BaseWarmer.Warm, BaseWarmer.Warmed>ask(warmer,
                                        replyTo -> new BaseWarmer.Warm(model, replyTo), wait, system.scheduler())
                                .toCompletableFuture()
                                .exceptionally(e -> new BaseWarmer.Warmed(warmer.path().address().toString(),
                                        model.toString(), null, -1)));
                    }
                    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                            .thenApply(all -> asks.stream().map(CompletableFuture::join).toList());
                });
    }

    /**
     * The failure to report for {@code answers}: null when every node loaded the base (or is still loading it), else a
     * message naming each node that could not and why.
     */
    static String failure(List<BaseWarmer.Warmed> answers) {
        List<BaseWarmer.Warmed> failed = answers.stream().filter(w -> w.failure() != null).toList();
        if (failed.isEmpty()) {
            return null;
        }
        return "trainer node(s) could not load the run's base (" + failed.get(0).model() + "), so every training sent"
                + " there would fail: " + String.join("; ", failed.stream().map(w -> w.node() + ": " + w.failure())
                .sorted().toList());
    }
}
