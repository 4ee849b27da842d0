package org.lorasim.actors.aggregator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.systemonly.SyntheticUpdate;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * The short-lived round actor of DESIGN.md ("AggregatorActor (centralized, pipeline): one short-lived
 * round actor per round collects expected replies, with a deadline; stragglers and crashes arrive as
 * values"). It knows client ids and opaque updates only; the policy stays with the aggregator.
 *
 * <p>A clock participant: every input comes inside a {@link Clock.Delivered}, in the clock's order.
 * On its first delivery (the parent schedules {@link Open} at the time it starts the round) it schedules
 * its own {@link Deadline} through its outbox. It closes at the first of, checked after each input in
 * order: (a) every expected client answered, with a result or a failure ({@link CloseReason#ALL_REPORTED});
 * (b) {@code waitFor} results arrived ({@link CloseReason#K_RESULTS}); (c) the deadline fired
 * ({@link CloseReason#DEADLINE}). A round with nothing to wait for closes on {@link Open}. Closing
 * delivers {@link RoundClosed} to the parent through the clock at the closing time (so the parent reacts
 * inside a delivery, deterministically), with results sorted by client id, failures, stragglers (expected
 * clients with neither) and the rejected inputs (unknown client, duplicate, wrong round): bad input is a
 * value, never an exception.
 *
 * <p>Lifetime. The clock has no cancellation and waits for every participant it delivers to, so a
 * collector may stop only when nothing is queued for it. After closing it lingers, acknowledging
 * deliveries and handing every input that comes late back to the parent as {@link LateArrival} (for its
 * {@link LateUpdates} buffer); it stops once it has both seen its own deadline event and received
 * {@link Retire}. Contract for the parent: inputs reach the collector only from the parent's outbox
 * (clients address the aggregator, which forwards while the round is open in its view), and
 * {@link Retire} is the last event the parent schedules to it, after handling {@link RoundClosed}. Having
 * the same sender, Retire then comes after every forwarded input in the clock's order.
 */
public final class RoundCollector extends AbstractBehavior<Clock.Delivered> {

    /** What a collector accepts inside a {@link Clock.Delivered}. */
    public sealed interface Input extends LorasimMessage permits Open, UpdateArrived, ClientFailed, Deadline, Retire,
            Abandon {
    }

    /** Start of the round: the parent schedules it at the time it spawns the collector. */
    public record Open(int round) implements Input {
    }

    /**
     * A client's update: its adapter (or, in a system-only run, its compact {@code synthetic} change of the
     * adapter it was sent; exactly one of the two is given), the number of examples it trained on, its
     * training loss.
     */
    public record Update(Adapter adapter, SyntheticUpdate synthetic, long numExamples, double trainLoss)
            implements LorasimMessage {
        public Update {
            Checks.require((adapter == null) != (synthetic == null),
                    "an update carries exactly one of an adapter and a synthetic update");
            Checks.require(numExamples >= 0, "numExamples must be >= 0, got " + numExamples);
        }

        public Update(Adapter adapter, long numExamples, double trainLoss) {
            this(adapter, null, numExamples, trainLoss);
        }
    }

    /** Client {@code clientId}'s answer to {@code round}, computed from the global state of {@code sentAtRound}. */
    public record UpdateArrived(int clientId, int round, Update update, int sentAtRound) implements Input {
        public UpdateArrived {
            Checks.require(update != null, "update must not be null");
        }
    }

    /** Client {@code clientId} cannot answer {@code round} (crash, out of memory, left). */
    public record ClientFailed(int clientId, int round, String reason) implements Input {
    }

    /** The collector's own deadline event. */
    public record Deadline(int round) implements Input {
    }

    /** From the parent, last of all its events to this collector: stop once nothing else is queued. */
    public record Retire(int round) implements Input {
    }

    /**
     * From the parent when it crashed: close now with {@link CloseReason#ABANDONED} if still open, and count
     * as {@link Retire} (the last event the parent schedules to this collector).
     */
    public record Abandon(int round) implements Input {
    }

    /** What the parent hears, through the clock. */
    public sealed interface Report extends LorasimMessage permits RoundClosed, LateArrival {
    }

    public enum CloseReason { ALL_REPORTED, K_RESULTS, DEADLINE, ABANDONED }

    public enum RejectionReason { UNEXPECTED_CLIENT, DUPLICATE, WRONG_ROUND }

    public record ClientResult(int clientId, long arrivedAt, int sentAtRound, Update update) implements LorasimMessage {
    }

    public record ClientFailure(int clientId, long failedAt, String reason) implements LorasimMessage {
    }

    /** An input the round did not count, with why. */
    public record Rejection(long at, Input input, RejectionReason reason) implements LorasimMessage {
    }

    /** The outcome of a round; every list is in a fixed order (results and failures by client id). */
    public record RoundClosed(int round, long closedAt, CloseReason reason, List<ClientResult> results,
                              List<ClientFailure> failures, List<Integer> stragglers, List<Rejection> rejected)
            implements Report {
        public RoundClosed {
            results = List.copyOf(results);
            failures = List.copyOf(failures);
            stragglers = List.copyOf(stragglers);
            rejected = List.copyOf(rejected);
        }
    }

    /** An input that reached the collector of {@code round} after it closed, at {@code at}. */
    public record LateArrival(int round, long at, Input input) implements Report {
    }

    private final RoundSpec spec;
    private final ActorRef<Clock.Delivered> parent;
    private final EventOutbox outbox;
    private final TreeMap<Integer, ClientResult> results = new TreeMap<>();
    private final TreeMap<Integer, ClientFailure> failures = new TreeMap<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private boolean started;
    private boolean closed;
    private boolean deadlineSeen;
    private boolean retired;

    /**
     * A collector for {@code spec}, reporting to {@code parent} (a clock participant), scheduling with the
     * stable clock sender id {@code senderId} (unique among all participants of the run).
     */
    public static Behavior<Clock.Delivered> create(RoundSpec spec, ActorRef<Clock.Delivered> parent, long senderId) {
        Checks.require(spec != null, "spec must not be null");
        Checks.require(parent != null, "parent must not be null");
        return Behaviors.setup(context -> new RoundCollector(context, spec, parent, senderId));
    }

    /** Schedules {@link Open} for {@code collector} at {@code now} through the parent's own outbox. */
    public static void open(EventOutbox parentOutbox, long now, ActorRef<Clock.Delivered> collector, int round) {
        parentOutbox.deliver(now, collector, new Open(round));
    }

    private RoundCollector(ActorContext<Clock.Delivered> context, RoundSpec spec, ActorRef<Clock.Delivered> parent,
                           long senderId) {
        super(context);
        this.spec = spec;
        this.parent = parent;
        this.outbox = new EventOutbox(senderId);
    }

    @Override
    public Receive<Clock.Delivered> createReceive() {
        return newReceiveBuilder().onMessage(Clock.Delivered.class, this::onDelivered).build();
    }

    private Behavior<Clock.Delivered> onDelivered(Clock.Delivered delivered) {
        long now = delivered.time();
        if (!started) {
            started = true;
            if (spec.deadline() > now) {
                outbox.deliver(spec.deadline(), getContext().getSelf(), new Deadline(spec.round()));
            } else {
                deadlineSeen = true;
                closeIfDone(now, true);
            }
            closeIfDone(now, false);
        }
        for (Object message : delivered.messages()) {
            handle(now, message);
        }
        delivered.replyTo().tell(outbox.handled(delivered));
        return closed && deadlineSeen && retired ? Behaviors.stopped() : this;
    }

    private void handle(long now, Object message) {
        if (message instanceof Deadline deadline && deadline.round() == spec.round()) {
            deadlineSeen = true;
            closeIfDone(now, true);
        } else if (message instanceof Retire retire && retire.round() == spec.round()) {
            retired = true;
        } else if (message instanceof Abandon abandon && abandon.round() == spec.round()) {
            retired = true;
            if (!closed) {
                close(now, CloseReason.ABANDONED);
            }
        } else if (message instanceof Open open && open.round() == spec.round()) {
            return;
        } else if (!(message instanceof Input input)) {
            getContext().getLog().warn("round {} ignores a message that is no round input: {}", spec.round(), message);
        } else if (closed) {
            outbox.deliver(now, parent, new LateArrival(spec.round(), now, input));
        } else {
            count(now, input);
            closeIfDone(now, false);
        }
    }

    private void count(long now, Input input) {
        if (input instanceof UpdateArrived update) {
            RejectionReason problem = check(update.clientId(), update.round());
            if (problem == null) {
                results.put(update.clientId(),
                        new ClientResult(update.clientId(), now, update.sentAtRound(), update.update()));
            } else {
                rejected.add(new Rejection(now, input, problem));
            }
        } else if (input instanceof ClientFailed failed) {
            RejectionReason problem = check(failed.clientId(), failed.round());
            if (problem == null) {
                failures.put(failed.clientId(), new ClientFailure(failed.clientId(), now, failed.reason()));
            } else {
                rejected.add(new Rejection(now, input, problem));
            }
        } else {
            rejected.add(new Rejection(now, input, RejectionReason.WRONG_ROUND));
        }
    }

    private RejectionReason check(int clientId, int round) {
        if (round != spec.round()) {
            return RejectionReason.WRONG_ROUND;
        }
        if (java.util.Collections.binarySearch(spec.expected(), clientId) < 0) { // RoundSpec keeps it sorted
            return RejectionReason.UNEXPECTED_CLIENT;
        }
        if (results.containsKey(clientId) || failures.containsKey(clientId)) {
            return RejectionReason.DUPLICATE;
        }
        return null;
    }

    private void closeIfDone(long now, boolean deadlineFired) {
        if (closed) {
            return;
        }
        CloseReason reason;
        if (results.size() + failures.size() == spec.expected().size()) {
            reason = CloseReason.ALL_REPORTED;
        } else if (results.size() >= spec.waitFor()) {
            reason = CloseReason.K_RESULTS;
        } else if (deadlineFired) {
            reason = CloseReason.DEADLINE;
        } else {
            return;
        }
        close(now, reason);
    }

    private void close(long now, CloseReason reason) {
        closed = true;
        List<Integer> stragglers = spec.expected().stream()
                .filter(id -> !results.containsKey(id) && !failures.containsKey(id))
                .sorted(Comparator.naturalOrder())
                .toList();
        outbox.deliver(now, parent, new RoundClosed(spec.round(), now, reason, new ArrayList<>(results.values()),
                new ArrayList<>(failures.values()), stragglers, rejected));
    }
}
