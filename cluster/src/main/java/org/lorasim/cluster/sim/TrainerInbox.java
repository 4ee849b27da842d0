package org.lorasim.cluster.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * A {@code trainer} node's receiving end of the training requests of the {@code clients} nodes'
 * {@link TrainerRouter}s (found through the Receptionist under {@link #KEY}), in front of the node's
 * {@link TrainerHost}: the explicit acknowledgements of docs/cluster.md ("Payloads without loss") for the training
 * request/outcome pair.
 *
 * <p>A request ({@link Request}) is trained once however often it arrives, keyed by its router and completion key:
 * its first arrival is answered {@link Status} "training" at once (so that the router's later questions about a long
 * training are checks, not retransmissions); arriving again while it trains, it is answered the same; after its
 * outcome went, the outcome is sent again. A router that has waited {@code retransmit-after} for an outcome asks
 * ({@link Query}); the answer is "training" (a sign of progress: the request is here), the outcome again (it was lost), or "unknown" (the request
 * was lost: the router sends it again). An outcome is kept until no router can ask for it any more: one
 * {@code retransmit-after} past {@link DeliverySettings#giveUpAfter()} after it was last sent, since a router that
 * did not get it asks within that time or fails the run. Wall time only; an outcome depends on its request alone,
 * so nothing the simulation decides depends on any of it.
 */
public final class TrainerInbox {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "lorasim-trainer-inboxes");

    public sealed interface Command extends LorasimMessage permits Request, Query {
    }

    /** Train {@code train} once; its outcome goes to {@code train.clock()} (the asking router). */
    public record Request(TrainerSlot.Train train) implements Command {
        public Request {
            Objects.requireNonNull(train, "train");
        }
    }

    /** Router {@code router} asks after its request with completion key {@code key}. */
    public record Query(EventKey key, ActorRef<Clock.Command> router) implements Command {
        public Query {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(router, "router");
        }
    }

    /**
     * To a router: its request {@code key} is here and training ({@code training}), or never arrived; the node has
     * {@code slots} trainer slots (what the router weighs its choice of trainer node by).
     */
    public record Status(EventKey key, boolean training, int slots) implements LorasimMessage {
        public Status {
            Objects.requireNonNull(key, "key");
            if (slots < 1) {
                throw new IllegalArgumentException("a trainer node has at least one slot, got " + slots);
            }
        }
    }

    private record Job(ActorRef<Clock.Command> router, EventKey key) {
    }

    private record Done(Job job, Clock.WorkCompleted completed) implements NoSerializationVerificationNeeded {
    }

    private record Expire() implements NoSerializationVerificationNeeded {
    }

    private static final class Kept {
        final Clock.WorkCompleted completed;
        long sentNanos;

        Kept(Clock.WorkCompleted completed, long sentNanos) {
            this.completed = completed;
            this.sentNanos = sentNanos;
        }
    }

    private TrainerInbox() {
    }

    /** The inbox of this node's trainer slots, {@code host}. */
    public static Behavior<Object> create(ActorRef<TrainerSlots.Command> host) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            DeliverySettings delivery = DeliverySettings.from(context.getSystem().settings().config());
            DeliveryCounters counters = DeliveryCounters.of(context.getSystem());
            ChaosDrops chaos = new ChaosDrops("training request", delivery.chaos().trainingRequests(), counters);
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf().narrow()));
            timers.startTimerWithFixedDelay(new Expire(), delivery.retransmitAfter());
            long keepNanos = delivery.giveUpAfter().plus(delivery.retransmitAfter()).toNanos();
            int slots = TrainerHost.slotCount(context.getSystem());
            Map<Job, Boolean> training = new HashMap<>();
            Map<Job, Kept> done = new HashMap<>();
            return Behaviors.receive(Object.class)
                    .onMessage(Request.class, request -> {
                        TrainerSlot.Train train = request.train();
                        if (chaos.drop("for client " + train.clientId() + " " + train.completionKey())) {
                            return Behaviors.same();
                        }
                        Job job = new Job(train.clock(), train.completionKey());
                        if (training.containsKey(job) || done.containsKey(job)) {
                            counters.duplicates.increment();
                            answer(job, training, done, counters, slots);
                            return Behaviors.same();
                        }
                        training.put(job, true);
                        host.tell(new TrainerSlot.Train(train.clientId(), train.request(), train.completionKey(),
                                outcomeOf(context, job)));
                        job.router().<Object>unsafeUpcast().tell(new Status(job.key(), true, slots));
                        return Behaviors.same();
                    })
                    .onMessage(Query.class, query -> {
                        answer(new Job(query.router(), query.key()), training, done, counters, slots);
                        return Behaviors.same();
                    })
                    .onMessage(Done.class, d -> {
                        training.remove(d.job());
                        done.put(d.job(), new Kept(d.completed(), System.nanoTime()));
                        d.job().router().tell(d.completed());
                        return Behaviors.same();
                    })
                    .onMessage(Expire.class, e -> {
                        long now = System.nanoTime();
                        done.values().removeIf(kept -> now - kept.sentNanos > keepNanos);
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private static void answer(Job job, Map<Job, Boolean> training, Map<Job, Kept> done, DeliveryCounters counters,
                               int slots) {
        Kept kept = done.get(job);
        if (kept != null) {
            counters.answersResent.increment();
            kept.sentNanos = System.nanoTime();
            job.router().tell(kept.completed);
        } else {
            job.router().<Object>unsafeUpcast().tell(new Status(job.key(), training.containsKey(job), slots));
        }
    }

    /** A one-shot stand-in for the router as the slot's clock, so that the outcome is known as {@code job}'s. */
    private static ActorRef<Clock.Command> outcomeOf(ActorContext<Object> context, Job job) {
        ActorRef<Object> inbox = context.getSelf();
        return context.spawnAnonymous(Behaviors.receive(Clock.Command.class)
                .onMessage(Clock.WorkCompleted.class, completed -> {
                    inbox.tell(new Done(job, completed));
                    return Behaviors.stopped();
                })
                .build());
    }
}
