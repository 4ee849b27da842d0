package org.lorasim.actors.aggregator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.RoundTagged;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.systemonly.SyntheticUpdate;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.Failure;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.ClientInstruction;
import org.lorasim.policies.centralized.ClientUpdate;
import org.lorasim.policies.centralized.GlobalState;
import org.lorasim.policies.centralized.RoundPlan;
import org.lorasim.policies.random.RngStreams;

/**
 * The centralized aggregator of DESIGN.md ("AggregatorActor (centralized, pipeline)"), a clock
 * participant. Round {@code r} at simulated time {@code t}: {@code policy.configure(r, state, available
 * clients, RngStreams(seed).stream("sampling", r))}; the round listeners hear {@link RoundBegan}; one wave
 * later each instruction leaves as {@link Instruct}, over the client's download link when it has one; a
 * {@link RoundCollector} child (clock sender id {@code senderId + 1 + k} for the k-th collector) waits for the
 * sampled clients until {@code t + roundDeadline} or K results. Clients answer with {@link Submit} or
 * {@link Fail}; while the round is open they are forwarded to the collector, later ones go to
 * {@link LateUpdates}. On {@link RoundCollector.RoundClosed} the round's {@link RoundUpdates} are aggregated
 * with {@code policy.aggregate} (synthetic ones folded as FedAvg), the new state is checkpointed as Kryo
 * bytes, {@link RoundCollector.Retire} goes to the collector (its last event from this actor) and the next
 * round starts at the same time. A round without sampled clients closes at once and keeps the state.
 *
 * <p>Choices. (1) Failures reported by a client are {@link Failure.Kind#CRASHED}, stragglers
 * {@link Failure.Kind#TIMED_OUT}. (2) Late updates follow {@link RoundUpdates}. (3) Reported failures that
 * arrive after their round closed are ignored. (4) Observer events are told directly (observers are
 * read-only and never on the clock). (5) An answer that reaches this actor exactly at the deadline is late.
 * (6) {@link Crash}: the open round's collector is abandoned and everything that arrives is lost until
 * {@link Recover}, which restores the last checkpoint and runs its round again. (7) A policy that throws
 * ends the run with {@link Failed}: a value, never a hang.
 */
public final class AggregatorActor extends AbstractBehavior<Clock.Delivered> {

    /** What this actor accepts inside a {@link Clock.Delivered} (besides the collector's reports). */
    public sealed interface Input extends LorasimMessage permits Start, Submit, Fail, Crash, Recover, SendInstructions {
    }

    /**
     * The aggregator's own wake-up, one wave after a round starts: the round's instructions leave then, so that
     * what round listeners do when the round begins (a scenario healing a partition "at round r") reaches the
     * links first.
     */
    public record SendInstructions(int round, int collector) implements Input {
    }

    /** Kick-off, delivered through the clock (normally at time 0). */
    public record Start() implements Input {
    }

    /**
     * Client {@code clientId}'s trained adapter for {@code round}, or in a system-only run its
     * {@code synthetic} change of the adapter it was sent (exactly one of the two).
     */
    public record Submit(int clientId, int round, Adapter adapter, SyntheticUpdate synthetic, long numExamples,
                         double trainLoss) implements Input, RoundTagged {
        public Submit {
            Checks.require((adapter == null) != (synthetic == null),
                    "client " + clientId + " must submit exactly one of an adapter and a synthetic update");
            Checks.require(numExamples > 0, "numExamples of client " + clientId + " must be > 0, got " + numExamples);
        }

        public Submit(int clientId, int round, Adapter adapter, long numExamples, double trainLoss) {
            this(clientId, round, adapter, null, numExamples, trainLoss);
        }
    }

    /** Client {@code clientId} cannot answer {@code round}. */
    public record Fail(int clientId, int round, String reason) implements Input {
    }

    /**
     * The aggregator crashes: the open round is abandoned and everything that reaches it is lost until
     * {@link Recover}.
     */
    public record Crash() implements Input {
    }

    /**
     * The aggregator restarts from its last round checkpoint (the Kryo bytes of the {@link GlobalState} after
     * the last aggregated round) and runs that round again.
     */
    public record Recover() implements Input {
    }

    /** To a client: train for {@code round} as {@code instruction} says and answer {@code aggregator}. */
    public record Instruct(int round, ClientInstruction instruction, ActorRef<Clock.Delivered> aggregator)
            implements LorasimMessage, RoundTagged {
    }

    /** Read-only events for observers. */
    public sealed interface Event extends LorasimMessage permits RoundStarted, RoundFinished, ModelAggregated,
            Crashed, Recovered, RunFinished, Failed {
    }

    /**
     * The policy refused round {@code round} at {@code time} (e.g. Krum given too few updates): the run cannot go
     * on; the aggregator acknowledges everything from now on and does nothing else, so the clock goes idle.
     */
    public record Failed(int round, long time, String reason) implements Event {
    }

    /**
     * Round {@code round} made {@code global} at {@code time} from updates whose mean training loss was
     * {@code meanTrainLoss} (NaN when none); {@code synthetic} for a system-only round.
     */
    public record ModelAggregated(int round, long time, Adapter global, double meanTrainLoss, boolean synthetic)
            implements Event {
    }

    /** The aggregator crashed at {@code time} while in {@code round}. */
    public record Crashed(int round, long time) implements Event {
    }

    /** The aggregator recovered at {@code time} from its checkpoint and starts {@code round} again. */
    public record Recovered(int round, long time) implements Event {
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

    /** Delivered to each of {@link AggregatorOptions#roundListeners()} when round {@code round} starts. */
    public record RoundBegan(int round) implements LorasimMessage {
    }

    private final CentralizedPolicy policy;
    private final List<ClientInfo> clients;
    private final Map<Integer, ActorRef<Clock.Delivered>> clientRefs;
    private final RoundSettings settings;
    private final RngStreams streams;
    private final long senderId;
    private final ActorRef<Event> observer;
    private final AggregatorOptions options;
    private final EventOutbox outbox;
    private final LateUpdates late;
    private final CheckpointCodec checkpoints;
    private GlobalState state;
    private byte[] checkpoint;
    private boolean crashed;
    private boolean failed;
    private int collectorsSpawned;
    private List<ClientInstruction> planned = List.of();
    /** Parameters of each instructed client's start adapter this round: what a system-only update of it carries. */
    private Map<Integer, Long> plannedParameters = new HashMap<>();
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
        return create(policy, initial, clients, clientRefs, settings, seed, senderId, observer,
                AggregatorOptions.direct());
    }

    /**
     * As the other factory, with {@code options}. Collector ids are {@code senderId + 1 + k} for the k-th
     * collector spawned (one per round, one more per round restarted after a crash).
     */
    public static Behavior<Clock.Delivered> create(CentralizedPolicy policy, GlobalState initial, List<ClientInfo> clients,
                                                   Map<Integer, ActorRef<Clock.Delivered>> clientRefs,
                                                   RoundSettings settings, long seed, long senderId,
                                                   ActorRef<Event> observer, AggregatorOptions options) {
        Checks.require(options != null, "options must not be null");
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
                senderId, observer, options));
    }

    private AggregatorActor(ActorContext<Clock.Delivered> context, CentralizedPolicy policy, GlobalState initial,
                            List<ClientInfo> clients, Map<Integer, ActorRef<Clock.Delivered>> clientRefs,
                            RoundSettings settings, long seed, long senderId, ActorRef<Event> observer,
                            AggregatorOptions options) {
        super(context);
        this.options = options;
        this.checkpoints = CheckpointCodec.of(context.getSystem());
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
        this.checkpoint = checkpoints.encode(initial);
    }

    @Override
    public Receive<Clock.Delivered> createReceive() {
        return newReceiveBuilder().onMessage(Clock.Delivered.class, this::onDelivered).build();
    }

    private Behavior<Clock.Delivered> onDelivered(Clock.Delivered delivered) {
        long now = delivered.time();
        for (int i = 0; i < delivered.messages().size() && !failed; i++) {
            Object message = delivered.messages().get(i);
            try {
                handle(now, message);
            } catch (RuntimeException e) {
                failed = true;
                getContext().getLog().error("aggregator fails in round {}", round, e);
                observer.tell(new Failed(round, now, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        delivered.replyTo().tell(outbox.handled(delivered));
        return this;
    }

    private void handle(long now, Object message) {
        if (message instanceof Crash) {
            crash(now);
        } else if (message instanceof Recover) {
            recover(now);
        } else if (crashed) {
            getContext().getLog().debug("crashed aggregator loses {}", message);
        } else if (message instanceof SendInstructions send) {
            sendInstructions(now, send);
        } else if (message instanceof Start && !started) {
            started = true;
            startRound(now);
        } else if (message instanceof Submit submit) {
            RoundCollector.UpdateArrived arrived = new RoundCollector.UpdateArrived(submit.clientId(), submit.round(),
                    new RoundCollector.Update(submit.adapter(), submit.synthetic(), submit.numExamples(),
                            submit.trainLoss()), submit.round());
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
        } else if (message instanceof RoundCollector.RoundClosed closed && open && closed.round() == round
                && closed.reason() != RoundCollector.CloseReason.ABANDONED) {
            finishRound(now, closed);
        } else {
            getContext().getLog().warn("aggregator ignores {}", message);
        }
    }

    private void startRound(long now) {
        List<ClientInfo> available = clients.stream()
                .filter(c -> options.availability().availableAt(c.clientId(), round, now)).toList();
        RoundPlan plan = policy.configure(round, state, available, streams.stream("sampling", round));
        for (ActorRef<Clock.Delivered> listener : options.roundListeners()) {
            outbox.deliver(now, listener, new RoundBegan(round));
        }
        planned = plan.instructions();
        plannedParameters = new HashMap<>();
        for (ClientInstruction instruction : planned) {
            plannedParameters.put(instruction.clientId(), instruction.startAdapter().parameterCount());
        }
        outbox.deliver(now, getContext().getSelf(), new SendInstructions(round, collectorsSpawned + 1));
        List<Integer> sampled = plan.clientIds();
        instructed = Set.copyOf(sampled);
        RoundSpec spec = new RoundSpec(round, sampled, now + settings.roundDeadline(),
                Math.min(settings.waitFor(), sampled.size()));
        collector = getContext().spawn(RoundCollector.create(spec, getContext().getSelf(),
                senderId + 1 + collectorsSpawned), "round-" + round + "-" + collectorsSpawned);
        collectorsSpawned++;
        RoundCollector.open(outbox, now, collector, round);
        open = true;
        observer.tell(new RoundStarted(round, now, spec.expected()));
    }

    private void sendInstructions(long now, SendInstructions send) {
        if (!open || send.round() != round || send.collector() != collectorsSpawned) {
            return;
        }
        for (ClientInstruction instruction : planned) {
            Instruct instruct = new Instruct(round, instruction, getContext().getSelf());
            ActorRef<Clock.Delivered> client = clientRefs.get(instruction.clientId());
            ActorRef<Clock.Delivered> downlink = options.downlinks().get(instruction.clientId());
            if (downlink == null) {
                outbox.deliver(now, client, instruct);
            } else {
                long bytes = options.instructOverheadBytes() == LinkActor.MEASURE ? LinkActor.MEASURE
                        : options.instructOverheadBytes() + instruction.startAdapter().byteSize();
                outbox.deliver(now, downlink, new LinkActor.Send(instruct, bytes, client));
            }
        }
    }

    private void finishRound(long now, RoundCollector.RoundClosed closed) {
        open = false;
        RoundUpdates updates = new RoundUpdates(round, closed, round > 0 ? late.takeFor(round) : List.of(),
                instructed);
        boolean synthetic = updates.synthetic();
        long parameters;
        if (synthetic) {
            parameters = updates.accepted.keySet().stream().mapToLong(id -> plannedParameters.getOrDefault(id,
                    state.global().parameterCount())).sum();
            state = new GlobalState(round + 1, updates.foldSynthetic(state.global(), options.noise()), state.flexLora());
        } else {
            List<ClientUpdate> results = updates.clientUpdates();
            state = policy.aggregate(round, state, results, new ArrayList<>(updates.failures.values()));
            parameters = results.stream().mapToLong(u -> u.adapter().parameterCount()).sum();
        }
        checkpoint = checkpoints.encode(state);
        int droppedNow = late.dropped().size();
        observer.tell(new ModelAggregated(round, now, state.global(), updates.meanLoss(), synthetic));
        observer.tell(new RoundFinished(round, now, closed.reason(), new ArrayList<>(updates.accepted.keySet()),
                closed.stragglers(), closed.failures().stream().map(RoundCollector.ClientFailure::clientId).toList(),
                new ArrayList<>(updates.lateAccepted), droppedNow - droppedReported + updates.lateRefused, parameters));
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

    private void crash(long now) {
        if (crashed || finished) {
            return;
        }
        crashed = true;
        if (open) {
            open = false;
            outbox.deliver(now, collector, new RoundCollector.Abandon(round));
        }
        observer.tell(new Crashed(round, now));
    }

    private void recover(long now) {
        if (!crashed) {
            return;
        }
        crashed = false;
        state = checkpoints.decode(checkpoint);
        round = state.round();
        late.clear();
        observer.tell(new Recovered(round, now));
        if (started && round < settings.totalRounds()) {
            startRound(now);
        }
    }
}
