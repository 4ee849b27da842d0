package org.lorasim.actors.aggregator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.ClientInstruction;
import org.lorasim.policies.centralized.ClientUpdate;
import org.lorasim.policies.centralized.Failure;
import org.lorasim.policies.centralized.GlobalState;
import org.lorasim.policies.centralized.RoundPlan;
import org.lorasim.policies.random.RngStreams;

/**
 * The centralized aggregator of DESIGN.md ("AggregatorActor (centralized, pipeline)"), a clock
 * participant. Round {@code r} at simulated time {@code t}: {@code policy.configure(r, state, clients,
 * RngStreams(seed).stream("sampling", r))}; each instruction goes to its client as {@link Instruct} at
 * {@code t} through this actor's outbox; a {@link RoundCollector} child (clock sender id
 * {@code senderId + 1 + r}) waits for the sampled clients until {@code t + roundDeadline} or K results.
 * Clients answer this actor with {@link Submit} or {@link Fail}; while the round is open they are
 * forwarded to the collector, later ones go to {@link LateUpdates}. On {@link RoundCollector.RoundClosed}
 * the round is aggregated with {@code policy.aggregate}, {@link RoundCollector.Retire} goes to the
 * collector (last of this actor's events to it, per the collector's contract) and the next round starts
 * at the same time. A round without sampled clients closes at once and keeps the state (empty round).
 *
 * <p>Choices. (1) Failures reported by a client are {@link Failure.Kind#CRASHED}, stragglers
 * {@link Failure.Kind#TIMED_OUT}. (2) Late updates (with {@link LatePolicy#ACCEPT_WITH_STALENESS}) join
 * the next aggregated round with staleness {@code r - sentAtRound}; since a policy accepts only clients
 * it instructed in that round and each at most once, a late update is used only if its client was
 * instructed in round {@code r} and has no fresh result there: it then replaces the client's failure or
 * straggler entry (the newest late update of a client wins). Otherwise it is dropped and counted.
 * (3) Reported failures that arrive after their round closed are ignored. (4) Observer events are told
 * directly (observers are read-only and never on the clock). (5) An answer that reaches this actor exactly
 * at the deadline is late: forwarding it takes one more wave at that time, and the collector's deadline
 * fires first.
 */
public final class AggregatorActor extends AbstractBehavior<Clock.Delivered> {

    /** What this actor accepts inside a {@link Clock.Delivered} (besides the collector's reports). */
    public sealed interface Input extends LorasimMessage permits Start, Submit, Fail {
    }

    /** Kick-off, delivered through the clock (normally at time 0). */
    public record Start() implements Input {
    }

    /** Client {@code clientId}'s trained adapter for {@code round}. */
    public record Submit(int clientId, int round, Adapter adapter, long numExamples, double trainLoss) implements Input {
        public Submit {
            Checks.require(adapter != null, "adapter of client " + clientId + " must not be null");
            Checks.require(numExamples > 0, "numExamples of client " + clientId + " must be > 0, got " + numExamples);
        }
    }

    /** Client {@code clientId} cannot answer {@code round}. */
    public record Fail(int clientId, int round, String reason) implements Input {
    }

    /** To a client: train for {@code round} as {@code instruction} says and answer {@code aggregator}. */
    public record Instruct(int round, ClientInstruction instruction, ActorRef<Clock.Delivered> aggregator)
            implements LorasimMessage {
    }

    /** Read-only events for observers. */
    public sealed interface Event extends LorasimMessage permits RoundStarted, RoundFinished, RunFinished {
    }

    public record RoundStarted(int round, long time, List<Integer> sampled) implements Event {
        public RoundStarted {
            sampled = List.copyOf(sampled);
        }
    }

    /**
     * Round {@code round} aggregated at {@code time}: {@code participants} are the clients whose updates
     * were aggregated (late ones included), {@code stragglers} and {@code failures} as the collector saw
     * them, {@code lateAccepted} the clients whose late update joined, {@code lateDropped} the late updates
     * dropped since the previous round finished, {@code updateParameters} the parameters aggregated.
     */
    public record RoundFinished(int round, long time, RoundCollector.CloseReason reason, List<Integer> participants,
                                List<Integer> stragglers, List<Integer> failures, List<Integer> lateAccepted,
                                int lateDropped, long updateParameters) implements Event {
        public RoundFinished {
            participants = List.copyOf(participants);
            stragglers = List.copyOf(stragglers);
            failures = List.copyOf(failures);
            lateAccepted = List.copyOf(lateAccepted);
        }
    }

    /** The run is over at {@code time} after {@code rounds} rounds; {@code finalAdapter} is the global adapter. */
    public record RunFinished(long time, int rounds, Adapter finalAdapter) implements Event {
    }

    /** {@code waitFor} is K, capped at the number sampled; {@link #WAIT_FOR_ALL} waits for every one. */
    public record RoundSettings(int totalRounds, long roundDeadline, int waitFor, LatePolicy latePolicy) {
        public static final int WAIT_FOR_ALL = Integer.MAX_VALUE;

        public RoundSettings {
            Checks.require(totalRounds >= 1, "totalRounds must be >= 1, got " + totalRounds);
            Checks.require(roundDeadline > 0, "roundDeadline must be > 0, got " + roundDeadline);
            Checks.require(waitFor >= 1, "waitFor must be >= 1, got " + waitFor);
            Checks.require(latePolicy != null, "latePolicy must not be null");
        }
    }

    private final CentralizedPolicy policy;
    private final List<ClientInfo> clients;
    private final Map<Integer, ActorRef<Clock.Delivered>> clientRefs;
    private final RoundSettings settings;
    private final RngStreams streams;
    private final long senderId;
    private final ActorRef<Event> observer;
    private final EventOutbox outbox;
    private final LateUpdates late;
    private GlobalState state;
    private boolean started;
    private boolean finished;
    private int round;
    private ActorRef<Clock.Delivered> collector;
    private boolean open;
    private Set<Integer> instructed = Set.of();
    private int droppedReported;

    /**
     * An aggregator with clock sender id {@code senderId}; ids {@code senderId + 1 ... senderId + totalRounds}
     * go to its round collectors, so none of them may belong to another participant.
     */
    public static Behavior<Clock.Delivered> create(CentralizedPolicy policy, GlobalState initial, List<ClientInfo> clients,
                                                   Map<Integer, ActorRef<Clock.Delivered>> clientRefs,
                                                   RoundSettings settings, long seed, long senderId,
                                                   ActorRef<Event> observer) {
        Checks.require(policy != null, "policy must not be null");
        Checks.require(initial != null, "initial state must not be null");
        Checks.require(clients != null, "clients must not be null");
        Checks.require(clientRefs != null, "clientRefs must not be null");
        Checks.require(settings != null, "settings must not be null");
        Checks.require(observer != null, "observer must not be null");
        for (ClientInfo client : clients) {
            Checks.require(clientRefs.containsKey(client.clientId()),
                    "clientRefs has no actor for client " + client.clientId());
        }
        List<ClientInfo> copy = List.copyOf(clients);
        Map<Integer, ActorRef<Clock.Delivered>> refs = Map.copyOf(clientRefs);
        return Behaviors.setup(context -> new AggregatorActor(context, policy, initial, copy, refs, settings, seed,
                senderId, observer));
    }

    private AggregatorActor(ActorContext<Clock.Delivered> context, CentralizedPolicy policy, GlobalState initial,
                            List<ClientInfo> clients, Map<Integer, ActorRef<Clock.Delivered>> clientRefs,
                            RoundSettings settings, long seed, long senderId, ActorRef<Event> observer) {
        super(context);
        this.policy = policy;
        this.state = initial;
        this.clients = clients;
        this.clientRefs = clientRefs;
        this.settings = settings;
        this.streams = new RngStreams(seed);
        this.senderId = senderId;
        this.observer = observer;
        this.outbox = new EventOutbox(senderId);
        this.late = new LateUpdates(settings.latePolicy());
        this.round = initial.round();
    }

    @Override
    public Receive<Clock.Delivered> createReceive() {
        return newReceiveBuilder().onMessage(Clock.Delivered.class, this::onDelivered).build();
    }

    private Behavior<Clock.Delivered> onDelivered(Clock.Delivered delivered) {
        long now = delivered.time();
        for (Object message : delivered.messages()) {
            handle(now, message);
        }
        delivered.replyTo().tell(outbox.handled(delivered));
        return this;
    }

    private void handle(long now, Object message) {
        if (message instanceof Start) {
            if (!started) {
                started = true;
                startRound(now);
            }
        } else if (message instanceof Submit submit) {
            RoundCollector.UpdateArrived arrived = new RoundCollector.UpdateArrived(submit.clientId(), submit.round(),
                    new RoundCollector.Update(submit.adapter(), submit.numExamples(), submit.trainLoss()),
                    submit.round());
            if (open && submit.round() == round) {
                outbox.deliver(now, collector, arrived);
            } else if (submit.round() <= round) {
                late.offer(arrived, now);
            }
        } else if (message instanceof Fail fail) {
            if (open && fail.round() == round) {
                outbox.deliver(now, collector, new RoundCollector.ClientFailed(fail.clientId(), fail.round(), fail.reason()));
            }
        } else if (message instanceof RoundCollector.LateArrival arrival) {
            late.offer(arrival);
        } else if (message instanceof RoundCollector.RoundClosed closed && open && closed.round() == round) {
            finishRound(now, closed);
        } else {
            getContext().getLog().warn("aggregator ignores {}", message);
        }
    }

    private void startRound(long now) {
        RoundPlan plan = policy.configure(round, state, clients, streams.stream("sampling", round));
        for (ClientInstruction instruction : plan.instructions()) {
            outbox.deliver(now, clientRefs.get(instruction.clientId()),
                    new Instruct(round, instruction, getContext().getSelf()));
        }
        List<Integer> sampled = plan.clientIds();
        instructed = Set.copyOf(sampled);
        RoundSpec spec = new RoundSpec(round, sampled, now + settings.roundDeadline(),
                Math.min(settings.waitFor(), sampled.size()));
        collector = getContext().spawn(RoundCollector.create(spec, getContext().getSelf(), senderId + 1 + round),
                "round-" + round);
        RoundCollector.open(outbox, now, collector, round);
        open = true;
        observer.tell(new RoundStarted(round, now, spec.expected()));
    }

    private void finishRound(long now, RoundCollector.RoundClosed closed) {
        open = false;
        TreeMap<Integer, ClientUpdate> updates = new TreeMap<>();
        for (RoundCollector.ClientResult result : closed.results()) {
            RoundCollector.Update u = result.update();
            updates.put(result.clientId(), new ClientUpdate(result.clientId(), u.adapter(), u.numExamples(),
                    u.trainLoss(), round - result.sentAtRound()));
        }
        TreeMap<Integer, Failure> failures = new TreeMap<>();
        for (RoundCollector.ClientFailure failure : closed.failures()) {
            failures.put(failure.clientId(), new Failure(failure.clientId(), Failure.Kind.CRASHED, failure.reason()));
        }
        for (int straggler : closed.stragglers()) {
            failures.put(straggler, new Failure(straggler, Failure.Kind.TIMED_OUT,
                    "no answer by the deadline of round " + round));
        }
        TreeSet<Integer> lateAccepted = new TreeSet<>();
        int lateRefused = 0;
        TreeMap<Integer, ClientUpdate> lateByClient = new TreeMap<>();
        List<LateUpdates.StaleUpdate> stale = round > 0 ? late.takeFor(round) : List.of();
        for (LateUpdates.StaleUpdate s : stale) {
            if (!instructed.contains(s.clientId()) || updates.containsKey(s.clientId())) {
                lateRefused++;
                continue;
            }
            if (lateByClient.containsKey(s.clientId())) {
                lateRefused++;
            }
            RoundCollector.Update u = s.update();
            lateByClient.put(s.clientId(), new ClientUpdate(s.clientId(), u.adapter(), u.numExamples(), u.trainLoss(),
                    s.staleness()));
        }
        lateByClient.forEach((id, update) -> {
            failures.remove(id);
            updates.put(id, update);
            lateAccepted.add(id);
        });
        List<ClientUpdate> results = new ArrayList<>(updates.values());
        state = policy.aggregate(round, state, results, new ArrayList<>(failures.values()));
        int droppedNow = late.dropped().size();
        long parameters = results.stream().mapToLong(u -> u.adapter().parameterCount()).sum();
        observer.tell(new RoundFinished(round, now, closed.reason(), new ArrayList<>(updates.keySet()),
                closed.stragglers(), closed.failures().stream().map(RoundCollector.ClientFailure::clientId).toList(),
                new ArrayList<>(lateAccepted), droppedNow - droppedReported + lateRefused, parameters));
        droppedReported = droppedNow;
        outbox.deliver(now, collector, new RoundCollector.Retire(round));
        round++;
        if (round < settings.totalRounds()) {
            startRound(now);
        } else if (!finished) {
            finished = true;
            observer.tell(new RunFinished(now, round, state.global()));
        }
    }
}
