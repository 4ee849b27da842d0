package org.lorasim.cluster.sim;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.training.train.ModelRef;

/**
 * A {@code trainer} node's loader of a run's frozen base ahead of its first training (found by the coordinator's
 * {@link TrainerWarmUp} through the Receptionist under {@link #KEY}): on {@link Warm} it loads the base on every
 * device of the node's slots ({@link TrainerHost#loader}), off the actor threads (Pekko's blocking dispatcher), and
 * answers {@link Warmed} with the time it took or why it could not. What it loads stays loaded in the JVM and is what
 * the slots then train over, so the first training of the run no longer carries the load; a second {@code Warm} for
 * a base already loaded answers at once. Wall time only: nothing the simulation decides depends on it.
 */
public final class BaseWarmer {

    public static final ServiceKey<Warm> KEY = ServiceKey.create(Warm.class, "lorasim-base-warmers");

    /** Load the base {@code model} names on this node's slot devices; answer {@code replyTo}. */
    public record Warm(ModelRef model, ActorRef<Warmed> replyTo) implements LorasimMessage {
        public Warm {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Trainer node {@code node} loaded {@code model}'s base in {@code millis} ms (0 when it had it), or could not:
     * {@code failure}, null when it could.
     */
    public record Warmed(String node, String model, String failure, long millis) implements LorasimMessage {
        public Warmed {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(model, "model");
        }
    }

    private record Loaded(Warm warm, String failure, long millis) implements NoSerializationVerificationNeeded {
    }

    private BaseWarmer() {
    }

    /** Registers under {@link #KEY}; {@code loader} loads a base on the node's devices (blocking). */
    public static Behavior<Warm> create(Consumer<ModelRef> loader) {
        Objects.requireNonNull(loader, "loader");
        return Behaviors.<Object>setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf().narrow()));
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
            String node = Cluster.get(context.getSystem()).selfMember().address().toString();
            return Behaviors.receive(Object.class)
                    .onMessage(Warm.class, warm -> {
                        long start = System.nanoTime();
                        context.pipeToSelf(CompletableFuture.runAsync(() -> loader.accept(warm.model()), blocking),
                                (ok, failure) -> new Loaded(warm, failure == null ? null : reason(failure),
                                        (System.nanoTime() - start) / 1_000_000));
                        return Behaviors.same();
                    })
                    .onMessage(Loaded.class, loaded -> {
                        if (loaded.failure() != null) {
                            context.getLog().error("cannot load the base of a run ({}): {}", loaded.warm().model(),
                                    loaded.failure());
                        }
                        loaded.warm().replyTo().tell(new Warmed(node, loaded.warm().model().toString(),
                                loaded.failure(), loaded.millis()));
                        return Behaviors.same();
                    })
                    .build();
        }).narrow();
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
