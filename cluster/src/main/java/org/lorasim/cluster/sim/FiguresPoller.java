package org.lorasim.cluster.sim;

import java.time.Duration;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.cluster.node.ClusterMetricsRegistry;

/**
 * Keeps the coordinator's figures fresh between rounds: every {@code interval} of wall time it has
 * {@link ClusterFigures#collect} ask every node (shards of run {@code runId}, every run's when empty) into
 * {@code registry}, so that the node's {@code GET /cluster} stays recent. Local only; a collection still under way when the next tick comes
 * is not doubled.
 */
final class FiguresPoller {

    /** What the poller hears: its timer's tick and the end of a collection. */
    interface Command extends NoSerializationVerificationNeeded {
    }

    private enum Tick implements Command { INSTANCE }

    private enum Collected implements Command { INSTANCE }

    /** Stops the poller (the run ended). */
    enum Stop implements Command { INSTANCE }

    private FiguresPoller() {
    }

    static Behavior<Command> create(String runId, ClusterMetricsRegistry registry, Duration interval) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            return Behaviors.setup(context -> idle(runId, registry));
        });
    }

    private static Behavior<Command> idle(String runId, ClusterMetricsRegistry registry) {
        return Behaviors.receive(Command.class).onMessageEquals(Tick.INSTANCE, () -> Behaviors.setup(context -> {
            context.pipeToSelf(ClusterFigures.collect(context.getSystem(), runId,
                    registry), (view, failure) -> Collected.INSTANCE);
            return collecting(runId, registry);
        })).onMessageEquals(Collected.INSTANCE, Behaviors::same)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped).build();
    }

    private static Behavior<Command> collecting(String runId, ClusterMetricsRegistry registry) {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Tick.INSTANCE, Behaviors::same)
                .onMessageEquals(Collected.INSTANCE, () -> idle(runId, registry))
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }
}
