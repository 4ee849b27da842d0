package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.run.RunHost;

/**
 * Hosts a run's coordinating actors (clock, aggregator, scenario runner, recorder) under a running node's
 * actor system, one system actor {@code lorasim-run-N} per run, stopped (children first) when the run ends;
 * the node goes on. The scenario's config is read by the run itself; the node's own settings (remoting,
 * serialization) stay those it was started with.
 */
public final class CoordinatorHost implements RunHost {
    private static final AtomicLong RUNS = new AtomicLong();

    private final ActorSystem<?> system;

    public CoordinatorHost(ActorSystem<?> system) {
        this.system = system;
    }

    private record Stop(CompletableFuture<Void> stopped) implements NoSerializationVerificationNeeded {
    }

    @Override
    public Hosted start(Behavior<Object> root, Config config) {
        ActorRef<Stop> host = system.systemActorOf(Behaviors.<Stop>setup(context -> {
            context.spawn(root, "run");
            return Behaviors.receive(Stop.class).onMessage(Stop.class,
                    stop -> Behaviors.stopped(() -> stop.stopped().complete(null))).build();
        }), "lorasim-run-" + RUNS.incrementAndGet(), Props.empty());
        return () -> {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            host.tell(new Stop(stopped));
            stopped.join();
        };
    }
}
