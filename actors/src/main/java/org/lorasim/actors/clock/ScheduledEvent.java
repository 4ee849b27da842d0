package org.lorasim.actors.clock;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * "Deliver {@code message} to {@code target} at {@code key.time()}", or, for a completion, "deliver the
 * result of the eager work identified by {@code key} to {@code target} at {@code key.time()}".
 *
 * <p>A completion is scheduled before its result exists: the work (a training, say) starts at once on
 * another thread or machine, and whoever finishes it sends {@link Clock.WorkCompleted} with the same key.
 * When simulated time reaches the key, the clock waits for that result if it has not come yet (without
 * blocking a thread), then delivers it in its place in the order. Work that overlaps in simulated time
 * thus runs in parallel in wall time, and its results still arrive in simulated-time order.
 *
 * <p>Immutable and free of lambdas, so it can cross JVMs inside {@link Clock.Handled} and
 * {@link Clock.Schedule}. Participants normally build these through an {@link EventOutbox}, which keeps
 * their counters.
 *
 * @param key          the event's place in the order
 * @param target       the participant that receives it (in a {@link Clock.Delivered})
 * @param message      what it receives; {@code null} exactly when {@code awaitsResult}
 * @param awaitsResult whether the message is the result of eager work, still to come
 */
public record ScheduledEvent(EventKey key, ActorRef<Clock.Delivered> target, Object message, boolean awaitsResult)
        implements EventQueue.Keyed {

    public ScheduledEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        if (awaitsResult != (message == null)) {
            throw new IllegalArgumentException(awaitsResult
                    ? "a completion event " + key + " carries no message: its result comes with WorkCompleted"
                    : "the message of event " + key + " must not be null");
        }
    }

    /** Deliver {@code message} to {@code target} at {@code key.time()}. */
    public static ScheduledEvent delivery(EventKey key, ActorRef<Clock.Delivered> target, Object message) {
        return new ScheduledEvent(key, target, Objects.requireNonNull(message, "message"), false);
    }

    /** Deliver the result that {@link Clock.WorkCompleted} brings for {@code key} to {@code target}. */
    public static ScheduledEvent completion(EventKey key, ActorRef<Clock.Delivered> target) {
        return new ScheduledEvent(key, target, null, true);
    }

    public long time() {
        return key.time();
    }
}
