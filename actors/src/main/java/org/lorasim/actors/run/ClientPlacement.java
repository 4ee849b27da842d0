package org.lorasim.actors.run;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.clock.Clock;

/**
 * Where the clients of a centralized run live, each with its uplink and downlink: in the run's own actor
 * system ({@link ClientFactory}, the single-JVM default), or elsewhere (the cluster runtime's sharded
 * entities, reached through local forwarding refs). The aggregator, the scenario runner and the clock only
 * ever see the three refs of {@link Participants}, so they do not know which.
 */
public interface ClientPlacement {

    /** The refs through which the run reaches client {@code id} and its two links. */
    record Participants(ActorRef<Clock.Delivered> client, ActorRef<Clock.Delivered> uplink,
                        ActorRef<Clock.Delivered> downlink) {
    }

    /**
     * Called once, inside the run's actors, after the clock and the recorder exist and before any
     * {@link #participants}; the run starts its clock only once the stage completes (exceptionally: the
     * run fails with its message).
     */
    CompletionStage<Void> prepare(ActorContext<?> site, ActorRef<Clock.Command> clock, ActorRef<Object> recorder);

    /** The participants of client {@code clientId}, spawned (or proxied) under {@code site}. */
    Participants participants(ActorContext<?> site, int clientId);
}
