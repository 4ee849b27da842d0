package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.BitSet;
import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.ShardRegion;

/**
 * Starts a run's client entities before its first round, a window at a time, and passes every entity's
 * {@link ClientEntity.Hosted} on to the run's {@link ClientRelay} (it is the {@code hosted} ref the clients nodes
 * are given, for the whole run: an entity that starts again elsewhere after a node loss reports here too).
 *
 * <p>Why a window: one {@link ShardRegion.StartEntity} per client sent at once overflows, at 100,000 clients, the
 * coordinator's proxy region buffer (100,000 messages while shard homes are unknown) and then Artery's outbound
 * queue to a node (3,072 messages), which drops what does not fit: clients whose entity never started. Here at
 * most {@code window} starts are outstanding (sent, their {@code Hosted} not yet in); each {@code Hosted} of a
 * client not seen before lets one more go.
 *
 * <p>It answers {@link Start}'s {@code replyTo} with the number of distinct clients hosted once all are, or once
 * {@code stallAfter} has passed without a new one (the caller says how many started).
 */
final class EntityStarter {

    /** Start entities {@code 0 .. count - 1} through {@code region}; answer {@code replyTo} as the class says. */
    record Start(int count, org.apache.pekko.actor.ActorRef region, ActorRef<Integer> replyTo)
            implements NoSerializationVerificationNeeded {
        Start {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    private enum StallCheck implements NoSerializationVerificationNeeded {
        TICK
    }

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private EntityStarter() {
    }

    /** Forwards to {@code relay}; starts at most {@code window} entities ahead of their {@code Hosted}. */
    static Behavior<Object> create(ActorRef<Object> relay, int window, Duration stallAfter) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        return Behaviors.withTimers(timers -> new Starting(relay, window, stallAfter.toNanos(), timers).idle());
    }

    /** One run's start-up state; single-threaded (the actor's). */
    private static final class Starting {
        private final ActorRef<Object> relay;
        private final int window;
        private final long stallNanos;
        private final TimerScheduler<Object> timers;
        private final BitSet hosted = new BitSet();
        private int distinct;
        private Start start;
        private int sent;
        private long lastProgress;

        Starting(ActorRef<Object> relay, int window, long stallNanos, TimerScheduler<Object> timers) {
            this.relay = relay;
            this.window = window;
            this.stallNanos = stallNanos;
            this.timers = timers;
        }

        Behavior<Object> idle() {
            return Behaviors.receive(Object.class)
                    .onMessage(ClientEntity.Hosted.class, this::onHosted)
                    .onMessage(Start.class, this::onStart)
                    .onMessage(StallCheck.class, tick -> checkStall())
                    .build();
        }

        private Behavior<Object> onStart(Start s) {
            start = s;
            lastProgress = System.nanoTime();
            timers.startTimerWithFixedDelay(StallCheck.TICK, StallCheck.TICK, CHECK_EVERY);
            sendWithinWindow();
            return finishIfDone();
        }

        private Behavior<Object> onHosted(ClientEntity.Hosted h) {
            relay.tell(h);
            if (h.clientId() >= 0 && !hosted.get(h.clientId())) {
                hosted.set(h.clientId());
                distinct++;
                lastProgress = System.nanoTime();
                if (start != null) {
                    sendWithinWindow();
                    return finishIfDone();
                }
            }
            return Behaviors.same();
        }

        private void sendWithinWindow() {
            while (sent < start.count() && sent - distinct < window) {
                start.region().tell(new ShardRegion.StartEntity(Integer.toString(sent)),
                        org.apache.pekko.actor.ActorRef.noSender());
                sent++;
            }
        }

        private Behavior<Object> checkStall() {
            if (start != null && System.nanoTime() - lastProgress >= stallNanos) {
                return answer();
            }
            return Behaviors.same();
        }

        private Behavior<Object> finishIfDone() {
            return distinct >= start.count() ? answer() : Behaviors.same();
        }

        private Behavior<Object> answer() {
            timers.cancel(StallCheck.TICK);
            start.replyTo().tell(distinct);
            start = null;
            return Behaviors.same();
        }
    }
}
