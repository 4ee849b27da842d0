package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * A {@code clients} node's way to the trainer slots during one trained run, which turns a lost {@code trainer} node
 * into trainings done elsewhere instead of a run that waits for the clock's {@code work-timeout} (1 h).
 *
 * <p>The node's clients send their {@link TrainerSlot.Train} here (it is their {@code slots}); the router sends
 * each on to one trainer node's {@link TrainerInbox} (in front of its {@link TrainerHost}) among those not lost (the
 * Receptionist's listing of {@link TrainerInbox#KEY}), the one with the fewest of its requests in flight per slot
 * ({@link #choose}; ties to this node's own, then the lowest address), with itself as the request's clock, and keeps
 * the request until its outcome comes back, which it passes on to the request's own clock (the coordinator's
 * {@link ClientRelay}). The first outcome of a request counts; a later one (the lost node's, or one sent again) is
 * dropped.
 *
 * <p>Lost on the wire (docs/cluster.md, "Payloads without loss"): the inbox says at once that it holds a request
 * ({@link TrainerInbox.Status} "training"). A request whose outcome has not come within
 * {@code lorasim.cluster.delivery.retransmit-after} is asked after ({@link TrainerInbox.Query}): a retransmission
 * (counted, logged WARN) if the inbox has not said it holds it, else a check on a long training (neither); the inbox
 * answers that it trains it (the wait starts again), sends the outcome again, or says it never got it, and the request
 * is sent again; the inbox trains a request once however often it comes. After {@code max-retransmissions} tries
 * without the inbox saying it trains it, the run fails, naming the request, the node and both keys.
 *
 * <p>When a node is Down, Leaving, Exiting or Removed (the first of these this node sees), the requests in flight on
 * it are, in completion-key order: <b>retried once</b>, the same request, on the trainer node chosen as above among
 * those not lost, when there is one; else (no trainer node left, or the request was already retried once)
 * <b>answered as failed</b> ({@link TrainerSlot.TrainingFailed}, "its trainer node N was lost"). Later requests go to
 * the nodes not lost; with none left they fail at once. The router then tells the relay {@link TrainingsMoved}, which
 * records a {@code trainer-lost} event at the next simulated nanosecond.
 *
 * <p>Why retry rather than fail: a training's outcome depends on its request alone, never on the slot or node that
 * ran it ({@link TrainerSlot}), and the clock waits for an awaited outcome at its completion time however late in
 * wall time it comes. So a retried training gives the run exactly the records, model and checksums of the run
 * without the loss (only {@code events.jsonl} differs, by the {@code node-lost} and {@code trainer-lost} events); a
 * training answered as failed changes the round (the client is a failure), and which trainings fail then depends
 * on when the loss was seen, as for a lost {@code clients} node.
 *
 * <p>The router stops when the coordinator's relay does (the run ended, or its coordinator node was lost).
 *
 * <p>Cost: with the trainer on another node, an outcome (an adapter) travels trainer node -> this node -> the
 * coordinator instead of straight to the coordinator; on a {@code clients,trainer} node the extra hop is local.
 * Why spread rather than keep a node's trainings on its own slots: a round waits for its slowest training, and the
 * clients a round samples are rarely split evenly over the clients nodes (4 and 2 of 6, say), so own-node routing
 * left one trainer node with twice the trainings of the other (measured: 20 and 13 trainings over a run of the
 * default scenario across three node JVMs), while a request and its outcome cost a few hundred kilobytes on the
 * wire against seconds of training. Which node trains a request never changes its outcome.
 */
final class TrainerRouter extends AbstractBehavior<Object> {

    /** How many times one request is sent: once, and once more after its node was lost. */
    static final int SENDS = 2;

    /** To the coordinator's relay: this node's trainings in flight on lost trainer {@code node}, retried or failed. */
    public record TrainingsMoved(String node, String how, String from, String retriedOn, List<Integer> retried,
                                 List<Integer> failed) implements LorasimMessage {
        public TrainingsMoved {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(how, "how");
            Objects.requireNonNull(from, "from");
            retried = List.copyOf(retried);
            failed = List.copyOf(failed);
        }
    }

    private record InFlight(TrainerSlot.Train train, Address node, int sends, ActorRef<TrainerInbox.Command> inbox) {
    }

    private record RetransmitTick() implements NoSerializationVerificationNeeded {
    }

    private record Listed(Receptionist.Listing listing) implements NoSerializationVerificationNeeded {
    }

    private final ActorRef<TrainingsMoved> relay;
    private final Set<ActorRef<TrainerInbox.Command>> known;
    private final Address self;
    private final Map<EventKey, InFlight> inFlight = new TreeMap<>();
    private final Set<Address> lost = new HashSet<>();
    private final Map<ActorRef<TrainerInbox.Command>, Integer> slotsOf = new HashMap<>();
    private final DeliveryCounters counters;
    private final ChaosDrops chaos;
    private final Resends<EventKey> resends;
    private Set<ActorRef<TrainerInbox.Command>> trainers;
    private ActorRef<Clock.Command> runClock;
    private String failure;
    private int failureTold;

    /**
     * @param first the trainer inbox found when the node prepared the run, always a candidate unless its node is
     *              lost (a listing that does not show it yet, e.g. an empty first one, does not remove it)
     * @param relay the coordinator's relay, told about the trainings moved off a lost node
     */
    static Behavior<Object> create(ActorRef<TrainerInbox.Command> first, ActorRef<TrainingsMoved> relay) {
        return create(Set.of(first), relay);
    }

    /** As {@link #create(ActorRef, ActorRef)}, with {@code known} inboxes from the start (tests). */
    static Behavior<Object> create(Set<ActorRef<TrainerInbox.Command>> known, ActorRef<TrainingsMoved> relay) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            DeliverySettings delivery = DeliverySettings.from(context.getSystem().settings().config());
            timers.startTimerWithFixedDelay(new RetransmitTick(), ClientRelay.tickPeriod(delivery));
            return new TrainerRouter(context, delivery, known, relay);
        }));
    }

    private TrainerRouter(ActorContext<Object> context, DeliverySettings delivery,
                          Set<ActorRef<TrainerInbox.Command>> known, ActorRef<TrainingsMoved> relay) {
        super(context);
        this.relay = relay;
        this.known = Set.copyOf(known);
        this.trainers = this.known;
        this.counters = DeliveryCounters.of(context.getSystem());
        this.chaos = new ChaosDrops("training outcome", delivery.chaos().trainingOutcomes(), counters);
        this.resends = new Resends<>(delivery, counters.retransmissions::increment);
        context.watch(relay);
        Cluster cluster = Cluster.get(context.getSystem());
        this.self = cluster.selfMember().address();
        ActorRef<ClusterEvent.MemberEvent> events = context.messageAdapter(ClusterEvent.MemberEvent.class,
                NodeGone::of);
        cluster.subscriptions().tell(Subscribe.create(events, ClusterEvent.MemberEvent.class));
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, Listed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(TrainerInbox.KEY, listings));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(TrainerSlot.Train.class, train -> {
                    runClock = train.clock();
                    send(train, 1, "no trainer node left: all were lost");
                    return this;
                })
                .onMessage(Clock.WorkCompleted.class, this::onWorkCompleted)
                .onMessage(TrainerInbox.Status.class, this::onStatus)
                .onMessage(RetransmitTick.class, tick -> onTick())
                .onMessage(Listed.class, listed -> {
                    Set<ActorRef<TrainerInbox.Command>> listedNow = new HashSet<>(
                            listed.listing().getServiceInstances(TrainerInbox.KEY));
                    listedNow.addAll(known);
                    trainers = Set.copyOf(listedNow);
                    return this;
                })
                .onMessage(NodeGone.class, this::onNodeGone)
                .onSignal(org.apache.pekko.actor.typed.Terminated.class, ended -> Behaviors.stopped())
                .onAnyMessage(other -> this)
                .build();
    }

    /**
     * Sends {@code train} (its {@code sends}-th time) to a trainer node not lost and returns that node; with none
     * left, answers it failed for {@code reason} and returns null.
     */
    private Address send(TrainerSlot.Train train, int sends, String reason) {
        Optional<ActorRef<TrainerInbox.Command>> to = choose(trainers.stream()
                .filter(t -> !lost.contains(nodeOf(t))).toList());
        if (to.isEmpty()) {
            fail(train, reason);
            return null;
        }
        ActorRef<TrainerInbox.Command> inbox = to.get();
        EventKey key = train.completionKey();
        ActorRef<Clock.Command> me = getContext().getSelf().narrow();
        inFlight.put(key, new InFlight(train, nodeOf(inbox), sends, inbox));
        resends.sent(key, "the training request for client " + train.clientId() + " (" + TrainerSlot.Train.class.getName()
                + ", completion key " + key + ") or its outcome", nodeOf(inbox).toString(), held -> {
            if (held) {
                getContext().getLog().debug("the training of client {} (completion key {}) is still on node {}:"
                        + " asking after it", train.clientId(), key, nodeOf(inbox));
            } else {
                getContext().getLog().warn("no word yet of the training request for client {} (completion key {})"
                        + " from node {}: asking after it", train.clientId(), key, nodeOf(inbox));
            }
            inbox.tell(new TrainerInbox.Query(key, me));
        }, System.nanoTime());
        inbox.tell(request(train));
        return nodeOf(inbox);
    }

    private TrainerInbox.Request request(TrainerSlot.Train train) {
        return new TrainerInbox.Request(new TrainerSlot.Train(train.clientId(), train.request(), train.completionKey(),
                getContext().getSelf().narrow()));
    }

    /** The inbox's answer to a query: the request trains (progress), or never arrived (it is sent again). */
    private Behavior<Object> onStatus(TrainerInbox.Status status) {
        InFlight f = inFlight.get(status.key());
        if (f == null) {
            return this;
        }
        slotsOf.put(f.inbox(), status.slots());
        if (status.training()) {
            resends.progress(status.key(), System.nanoTime());
        } else {
            getContext().getLog().warn("the training request for client {} (completion key {}) never reached node {}:"
                    + " sending it again",
                    f.train().clientId(), status.key(), f.node());
            resends.heard(status.key(), System.nanoTime());
            f.inbox().tell(request(f.train()));
        }
        return this;
    }

    /**
     * Asks after the trainings whose outcomes are late; one whose tries are spent fails the run through the run's clock
     * (the coordinator's relay), told again on the next few ticks in case that message is lost too.
     */
    private Behavior<Object> onTick() {
        if (failure == null) {
            resends.tick(System.nanoTime()).ifPresent(reason -> {
                failure = "node " + self + ": " + reason;
                getContext().getLog().error("run fails: {}", failure);
            });
        }
        if (failure != null && runClock != null && failureTold++ < TELL_FAILURE) {
            runClock.tell(new Clock.Fail(failure));
        }
        return this;
    }

    /** How many times a failure is told to the run's clock (it keeps the first). */
    private static final int TELL_FAILURE = 3;

    private void fail(TrainerSlot.Train train, String reason) {
        inFlight.remove(train.completionKey());
        resends.answered(train.completionKey());
        train.clock().tell(new Clock.WorkCompleted(train.completionKey(),
                new TrainerSlot.TrainingFailed(train.clientId(), reason)));
    }

    private Behavior<Object> onWorkCompleted(Clock.WorkCompleted completed) {
        if (chaos.drop("for " + completed.key())) {
            return this;
        }
        InFlight was = inFlight.remove(completed.key());
        resends.answered(completed.key());
        if (was != null) {
            was.train().clock().tell(completed);
        } else {
            counters.duplicates.increment();
        }
        return this;
    }

    private Behavior<Object> onNodeGone(NodeGone gone) {
        if (gone.address().equals(self) || !lost.add(gone.address())) {
            return this;
        }
        List<InFlight> affected = inFlight.values().stream().filter(f -> f.node().equals(gone.address())).toList();
        if (affected.isEmpty()) {
            return this;
        }
        String node = gone.address().toString();
        resends.forgetNode(node::equals);
        String reason = "its trainer node " + node + " was lost";
        List<Integer> retried = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        Address retriedOn = null;
        for (InFlight f : affected) {
            TrainerSlot.Train train = f.train();
            Address to = null;
            if (f.sends() < SENDS) {
                to = send(train, f.sends() + 1, reason);
            } else {
                fail(train, reason);
            }
            if (to == null) {
                failed.add(train.clientId());
            } else {
                retried.add(train.clientId());
                retriedOn = to;
            }
        }
        getContext().getLog().warn("trainer node {} {}: of its trainings in flight, {} retried {} on {}, {} failed {}",
                node, gone.how(), retried.size(), retried, retriedOn == null ? "none" : retriedOn, failed.size(),
                failed);
        relay.tell(new TrainingsMoved(node, gone.how(), self.toString(), retriedOn == null ? "" : retriedOn.toString(),
                retried, failed));
        return this;
    }

    /** The node's address of {@code ref} ({@code self} for a ref of this node). */
    private Address nodeOf(ActorRef<?> ref) {
        Address a = ref.path().address();
        return a.hasLocalScope() ? self : a;
    }

    /**
     * The trainer node for this router's next request: the one with the fewest of this router's requests in flight
     * per slot once it is sent ((in flight + 1) / slots, slots as its inbox last said, 1 until it has); ties go to
     * this node's own slots, then to the lowest address. So the requests of one router spread over the trainer nodes
     * by their slots, and those of all routers do within one request per router.
     */
    private Optional<ActorRef<TrainerInbox.Command>> choose(List<ActorRef<TrainerInbox.Command>> candidates) {
        Map<ActorRef<TrainerInbox.Command>, Integer> load = new HashMap<>();
        inFlight.values().forEach(f -> load.merge(f.inbox(), 1, Integer::sum));
        return candidates.stream().min(Comparator.<ActorRef<TrainerInbox.Command>>comparingDouble(
                        ref -> (load.getOrDefault(ref, 0) + 1.0) / slotsOf.getOrDefault(ref, 1))
                .thenComparingInt(ref -> nodeOf(ref).equals(self) ? 0 : 1)
                .thenComparing(ref -> ref.path().toString()));
    }

    /** This node's trainer slots when among {@code candidates}, else the one with the lowest address. */
    static <T> Optional<ActorRef<T>> pick(Collection<ActorRef<T>> candidates) {
        return candidates.stream().min(Comparator.<ActorRef<T>>comparingInt(
                        ref -> ref.path().address().hasLocalScope() ? 0 : 1)
                .thenComparing(ref -> ref.path().toString()));
    }
}
