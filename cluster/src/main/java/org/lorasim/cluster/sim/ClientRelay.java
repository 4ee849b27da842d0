package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.clock.ScheduledEvent;
import org.lorasim.actors.run.ClientLost;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.serialization.KryoSerializer;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * The coordinator's relay between the clock and a run's sharded clients, which turns a lost {@code clients}
 * node into a crash of the clients it hosted instead of a run that hangs until the clock's {@code ack-timeout}.
 *
 * <p>What passes through it: every delivery to a client, uplink or downlink (or a decentralized run's gossip node or
 * one of its links, {@link Participant#peer()}), with the relay as the delivery's {@code replyTo}: the clock hands it
 * a wave's deliveries to the run's {@link ShardedParticipant}s in one {@link Clock.RelayedWave} ({@link
 * Clock.RelayVia}), and it sends each {@code clients} node's share to that node's {@link WaveRelay} as one {@link
 * WaveRelay.DeliveredBatch} (a few for a large wave), which answers with {@link WaveRelay.HandledBatch}es; every
 * {@link Clock.Handled} of an entity on its way back, whose scheduled events that target an entity's own children (a
 * client's uplink, a client's own training outcome, a gossip node's link) or a gossip node's neighbour named through a
 * {@link LateResolved} (named as the neighbour's stand-in) are re-addressed to that child's or neighbour's {@link
 * ShardedParticipant}, so that every later delivery passes here too; every {@link Clock.WorkCompleted} of a trainer
 * slot (the relay is the clock the clients nodes were given); and each entity's {@link ClientEntity.Hosted}, which
 * says where it started. So the relay knows, for each client, its
 * node, its deliveries not yet answered and its completions still awaited.
 *
 * <p>When a node is Down, Leaving, Exiting or Removed (the first of these the coordinator sees: the split brain
 * resolver downing a killed node, or a node leaving), its clients ({@link ClientLocations}) are lost for the rest
 * of the run: (1) at once, their unanswered deliveries are answered with nothing scheduled and their awaited
 * completions with a {@link TrainerSlot.TrainingFailed}, so the clock's wave completes (a batch sent to the node
 * is answered so, delivery by delivery; the messages it {@link WaveRelay.Held held} die with it, their deliveries
 * answered here like any other to its clients); answers that still come
 * from them later are dropped; every later delivery to them is answered here, not forwarded. (2) The loss is
 * injected into the clock ({@link Clock.Inject}, sender id {@link #SENDER_ID}) and recorded when it is delivered,
 * at the next simulated nanosecond: one {@code node-lost} {@link RunEvent} (subject: the node's address) and one
 * {@code client-crashed} per lost client, the event a scenario's {@code crash} of the client records, so the run's
 * participation shows them {@code crashed} and the aggregator meets them as it meets crashed clients: stragglers
 * at the round's deadline. A lost client never recovers (a scenario's later {@code recover} of it is dropped).
 *
 * <p>Lost on the wire (docs/cluster.md, "Payloads without loss"): each {@link WaveRelay.DeliveredBatch} has a
 * sequence number and is kept ({@link Resends}) until every part of its {@link WaveRelay.HandledBatch} is in, sent again
 * every {@code lorasim.cluster.delivery.retransmit-after} meanwhile ({@link WaveRelay.StillHandling} says it arrived and
 * starts the tries again); a part that comes twice is dropped, and a delivery's {@link Clock.Handled} reaches the clock
 * once. A training's outcome from a clients node comes as an {@link Outcome}, answered {@link OutcomeReceived} every
 * time and passed to the clock once. After {@code max-retransmissions} tries without progress the run fails
 * ({@link Clock.Fail}) naming the batch, the node and both keys; a {@link Clock.Fail} from a clients node (its router
 * or outcome sender gave up) is passed to the clock too.
 *
 * <p>A lost {@code trainer} node is the {@code clients} nodes' {@link TrainerRouter}s' business: they retry (once,
 * the same request, on another trainer node) or fail the trainings they had in flight there and tell the relay
 * {@link TrainerRouter.TrainingsMoved}, which it injects and records like a node loss: one {@code trainer-lost}
 * event per clients node that had trainings there (subject: the trainer node's address; detail: which clients'
 * trainings were retried where, and which failed). The relay handles the node's loss first if it has not yet seen
 * it (the router may see it first), so the node's {@code node-lost} event, which for a trainer-only node says it
 * hosted no clients, always comes before its {@code trainer-lost} events.
 *
 * <p>What depends on when the loss was observed (wall time, so not reproducible run to run): the simulated time of
 * the loss and of its events, the rounds in which the lost clients were still working (the work they were doing
 * when their node died counts as failed, a message they had already handed to the clock, e.g. an upload in
 * flight, still arrives), and which clients were lost (the shards a node held depend on the order in which
 * entities started). Everything before the loss is as in one JVM.
 */
final class ClientRelay extends AbstractBehavior<Object> {

    /** The clock sender id of node-loss injections: before the scenario runner (1), after the dashboard (-1). */
    static final long SENDER_ID = -2;

    /**
     * A delivery for {@code role} of client {@code clientId} ({@code peer}: see {@link ClientEntity.Deliver}), from
     * its {@link ShardedParticipant}.
     */
    record Forward(int clientId, ClientRole role, int peer, Clock.Delivered delivered)
            implements NoSerializationVerificationNeeded {
        Forward(int clientId, ClientRole role, Clock.Delivered delivered) {
            this(clientId, role, -1, delivered);
        }
    }

    /**
     * Client {@code clientId}'s participant {@code role} ({@code peer}: see {@link ClientEntity.Deliver}), {@code ref},
     * named as the entity's child it stands for.
     */
    record Participant(int clientId, ClientRole role, int peer, ActorRef<Clock.Delivered> ref)
            implements NoSerializationVerificationNeeded {
        Participant(int clientId, ClientRole role, ActorRef<Clock.Delivered> ref) {
            this(clientId, role, -1, ref);
        }
    }

    /** Each {@code clients} node's {@link WaveRelay} for this run, by node address. */
    record UseNodeRelays(Map<String, ActorRef<WaveRelay.Command>> relays) implements NoSerializationVerificationNeeded {
        UseNodeRelays {
            relays = Map.copyOf(relays);
        }
    }

    /** The run's shard region (its proxy on the coordinator), once prepared. */
    record UseRegion(ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region) implements NoSerializationVerificationNeeded {
    }

    /**
     * A training's outcome from a clients node's {@link OutcomeSender} {@code from}, which sends it again until it
     * hears {@link OutcomeReceived}; passed to the clock once.
     */
    public record Outcome(Clock.WorkCompleted completed, ActorRef<OutcomeReceived> from) implements LorasimMessage {
        public Outcome {
            Objects.requireNonNull(completed, "completed");
            Objects.requireNonNull(from, "from");
        }
    }

    /** To an {@link OutcomeSender}: the outcome of completion key {@code key} is here. */
    public record OutcomeReceived(EventKey key) implements LorasimMessage {
        public OutcomeReceived {
            Objects.requireNonNull(key, "key");
        }
    }

    /** To the relay itself, through the clock: record that {@code node} was lost ({@code how}) with {@code clients}. */
    public record NodeLost(String node, String how, List<Integer> clients) implements LorasimMessage {
        public NodeLost {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(how, "how");
            clients = List.copyOf(clients);
        }
    }

    private final ActorRef<Clock.Command> clock;
    private final ActorRef<Object> recorder;
    private final Address self;
    private final ClientLocations locations;
    private final Map<String, ActorRef<Clock.Delivered>> participants = new HashMap<>();
    private final Map<ActorRef<Clock.Delivered>, Participant> byRef = new HashMap<>();
    private final Map<String, ActorRef<WaveRelay.Command>> nodeRelays = new HashMap<>();
    private final KryoSerializer kryo;
    private final LongAdder forwarded;
    private final LongAdder batches;
    private final Set<Integer> clients = new TreeSet<>();
    private final Map<Long, Integer> unanswered = new HashMap<>();
    private final Map<EventKey, Integer> awaited = new HashMap<>();
    private final Set<EventKey> resultsAhead = new HashSet<>();
    private final Set<EventKey> settled = new HashSet<>();
    private ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region;
    private final DeliveryCounters counters;
    private final ChaosDrops chaos;
    private final ChaosDrops chaosOutcomes;
    private final Set<EventKey> outcomesIn = new HashSet<>();
    private final Resends<Long> resends;
    private final OpenBatches open = new OpenBatches();
    private static final byte[] NOTHING = new byte[0];

    /** Time to try again the wave batches whose answers are late. */
    private record RetransmitTick() implements NoSerializationVerificationNeeded {
    }

    /**
     * @param forwarded counts the deliveries sent to entities, batched or not
     * @param batches   counts the {@link WaveRelay.DeliveredBatch} messages sent
     */
    static Behavior<Object> create(ActorRef<Clock.Command> clock, ActorRef<Object> recorder, ClientLocations locations,
                                   LongAdder forwarded, LongAdder batches) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            DeliverySettings delivery = DeliverySettings.from(context.getSystem().settings().config());
            timers.startTimerWithFixedDelay(new RetransmitTick(), tickPeriod(delivery));
            return new ClientRelay(context, delivery, clock, recorder, locations, forwarded, batches);
        }));
    }

    /** How often a sender looks for late answers: a quarter of retransmit-after, so a try is at most that late. */
    static java.time.Duration tickPeriod(DeliverySettings delivery) {
        return java.time.Duration.ofMillis(Math.max(5, delivery.retransmitAfter().toMillis() / 4));
    }

    private ClientRelay(ActorContext<Object> context, DeliverySettings delivery, ActorRef<Clock.Command> clock,
                        ActorRef<Object> recorder, ClientLocations locations, LongAdder forwarded, LongAdder batches) {
        super(context);
        this.counters = DeliveryCounters.of(context.getSystem());
        this.chaos = new ChaosDrops("answer batch", delivery.chaos().handledBatches(), counters);
        this.chaosOutcomes = new ChaosDrops("training outcome to the coordinator", delivery.chaos().completions(),
                counters);
        this.resends = new Resends<>(delivery, counters.retransmissions::increment);
        this.kryo = WaveRelay.kryo(context);
        this.forwarded = forwarded;
        this.batches = batches;
        this.clock = clock;
        this.recorder = recorder;
        this.locations = locations;
        Cluster cluster = Cluster.get(context.getSystem());
        this.self = cluster.selfMember().address();
        ActorRef<ClusterEvent.MemberEvent> events = context.messageAdapter(ClusterEvent.MemberEvent.class,
                NodeGone::of);
        cluster.subscriptions().tell(Subscribe.create(events, ClusterEvent.MemberEvent.class));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(Participant.class, this::onParticipant)
                .onMessage(UseRegion.class, use -> {
                    region = use.region();
                    return this;
                })
                .onMessage(UseNodeRelays.class, use -> {
                    nodeRelays.putAll(use.relays());
                    return this;
                })
                .onMessage(Forward.class, this::onForward)
                .onMessage(Clock.RelayedWave.class, this::onRelayedWave)
                .onMessage(WaveRelay.HandledBatch.class, this::onHandledBatch)
                .onMessage(WaveRelay.StillHandling.class, still -> {
                    resends.progress(still.seq(), System.nanoTime());
                    return this;
                })
                .onMessage(RetransmitTick.class, tick -> {
                    resends.tick(System.nanoTime()).ifPresent(reason -> {
                        getContext().getLog().error("run fails: {}", reason);
                        clock.tell(new Clock.Fail(reason));
                    });
                    return this;
                })
                .onMessage(Clock.Fail.class, f -> {
                    clock.tell(f);
                    return this;
                })
                .onMessage(Clock.Handled.class, this::onHandled)
                .onMessage(Clock.WorkCompleted.class, this::onWorkCompleted)
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(ClientEntity.Hosted.class, hosted -> {
                    locations.hosted(hosted.clientId(), hosted.node());
                    return this;
                })
                .onMessage(NodeGone.class, this::onNodeGone)
                .onMessage(TrainerRouter.TrainingsMoved.class, this::onTrainingsMoved)
                .onMessage(Clock.Delivered.class, this::onLossDelivered)
                .onMessage(Clock.Injected.class, injected -> this)
                .onAnyMessage(other -> this)
                .build();
    }

    private Behavior<Object> onParticipant(Participant p) {
        participants.put(p.ref().path().name(), p.ref());
        byRef.put(p.ref(), p);
        clients.add(p.clientId());
        return this;
    }

    /**
     * A wave's deliveries to sharded participants (the clock's {@link Clock.RelayVia}): those of each node's
     * clients go to its {@link WaveRelay} in one {@link WaveRelay.DeliveredBatch} (a few for a large wave); a lost
     * client's are answered here; one whose node is not known goes alone through the shard region.
     */
    private Behavior<Object> onRelayedWave(Clock.RelayedWave wave) {
        Map<String, List<Object>> byNode = new TreeMap<>();
        long time = 0;
        for (int i = 0; i < wave.deliveries().size(); i++) {
            Clock.Delivered d = wave.deliveries().get(i);
            Participant p = byRef.get(wave.targets().get(i));
            time = d.time();
            if (p == null) {
                wave.targets().get(i).tell(d);
                continue;
            }
            String node = locations.nodeOf(p.clientId());
            if (node == null || !nodeRelays.containsKey(node) || locations.isLost(p.clientId())) {
                onForward(new Forward(p.clientId(), p.role(), p.peer(), d));
                continue;
            }
            unanswered.put(d.deliveryId(), p.clientId());
            byNode.computeIfAbsent(node, n -> new ArrayList<>())
                    .add(new WaveRelay.Item(p.clientId(), p.role(), p.peer(), d.deliveryId(), d.messages()));
            forwarded.increment();
        }
        ActorRef<WaveRelay.Answer> self = getContext().getSelf().narrow();
        for (Map.Entry<String, List<Object>> node : byNode.entrySet()) {
            ActorRef<WaveRelay.Command> relay = nodeRelays.get(node.getKey());
            for (byte[] part : kryo.writeParts(node.getValue(), WaveRelay.PART_BYTES)) {
                send(relay, node.getKey(), time, part, self);
            }
        }
        return this;
    }

    /**
     * Sends one batch under the next sequence number and keeps it until every part of its answer is in
     * ({@link Resends}): a batch or an answer lost on the wire is sent again; the node's relay hands a batch once.
     */
    private void send(ActorRef<WaveRelay.Command> relay, String node, long time, byte[] part,
                      ActorRef<WaveRelay.Answer> self) {
        long seq = open.open(node);
        WaveRelay.DeliveredBatch batch = new WaveRelay.DeliveredBatch(seq, open.answeredBelow(node), time, part, self);
        resends.sent(seq, "wave batch " + seq + " (" + WaveRelay.DeliveredBatch.class.getName() + ", " + part.length
                + " bytes of deliveries at simulated time " + time + " ns)", node, held -> {
            if (held) {
                relay.tell(new WaveRelay.DeliveredBatch(seq, batch.answeredBelow(), time, NOTHING, self));
            } else {
                getContext().getLog().warn("wave batch {} to node {} not answered: sending it again", seq, node);
                relay.tell(batch);
            }
        }, System.nanoTime());
        relay.tell(batch);
        batches.increment();
    }

    private Behavior<Object> onHandledBatch(WaveRelay.HandledBatch batch) {
        if (chaos.drop("seq " + batch.seq())) {
            return this;
        }
        switch (open.answered(batch.seq(), batch.part(), batch.parts())) {
            case DUPLICATE -> {
                counters.duplicates.increment();
                return this;
            }
            case ALL -> resends.answered(batch.seq());
            case PART -> resends.heard(batch.seq(), System.nanoTime());
        }
        for (Object answer : kryo.readPart(batch.handled())) {
            if (answer instanceof Clock.Handled handled) {
                onHandled(handled);
            } else {
                recorder.tell(answer);
            }
        }
        return this;
    }

    private Behavior<Object> onForward(Forward f) {
        Clock.Delivered d = f.delivered();
        if (locations.isLost(f.clientId())) {
            d.replyTo().tell(new Clock.Handled(d.deliveryId(), List.of()));
            return this;
        }
        forwarded.increment();
        counters.unbatched.increment();
        unanswered.put(d.deliveryId(), f.clientId());
        ActorRef<Clock.Command> replyTo = getContext().getSelf().narrow();
        region.tell(new ShardingEnvelope<>(Integer.toString(f.clientId()), new ClientEntity.Deliver(f.role(), f.peer(),
                new Clock.Delivered(d.time(), d.deliveryId(), d.messages(), replyTo))));
        return this;
    }

    private Behavior<Object> onHandled(Clock.Handled handled) {
        Integer client = unanswered.remove(handled.deliveryId());
        if (client == null) {
            return this;
        }
        List<ScheduledEvent> scheduled = new ArrayList<>(handled.scheduled().size());
        for (ScheduledEvent e : handled.scheduled()) {
            ActorRef<Clock.Delivered> participant = participants.get(e.target().path().name());
            ActorRef<Clock.Delivered> target = participant != null && !participant.equals(e.target()) ? participant
                    : e.target();
            scheduled.add(new ScheduledEvent(e.key(), target, e.message(), e.awaitsResult()));
            if (e.awaitsResult() && !resultsAhead.remove(e.key())) {
                awaited.put(e.key(), client);
            }
        }
        clock.tell(new Clock.Handled(handled.deliveryId(), scheduled));
        return this;
    }

    private Behavior<Object> onOutcome(Outcome outcome) {
        Clock.WorkCompleted completed = outcome.completed();
        if (chaosOutcomes.drop("for " + completed.key())) {
            return this;
        }
        outcome.from().tell(new OutcomeReceived(completed.key()));
        if (!outcomesIn.add(completed.key())) {
            counters.duplicates.increment();
            return this;
        }
        return onWorkCompleted(completed);
    }

    private Behavior<Object> onWorkCompleted(Clock.WorkCompleted completed) {
        if (settled.remove(completed.key())) {
            return this;
        }
        if (awaited.remove(completed.key()) == null) {
            resultsAhead.add(completed.key());
        }
        clock.tell(completed);
        return this;
    }

    private Behavior<Object> onNodeGone(NodeGone gone) {
        String node = gone.address().toString();
        if (gone.address().equals(self) || locations.wasLost(node)) {
            return this;
        }
        List<Integer> lost = locations.lose(node, clients);
        Set<Integer> lostSet = new HashSet<>(lost);
        unanswered.entrySet().removeIf(e -> {
            if (lostSet.contains(e.getValue())) {
                clock.tell(new Clock.Handled(e.getKey(), List.of()));
                return true;
            }
            return false;
        });
        resends.forgetNode(node::equals);
        open.forgetNode(node);
        awaited.entrySet().removeIf(e -> {
            if (lostSet.contains(e.getValue())) {
                settled.add(e.getKey());
                clock.tell(new Clock.WorkCompleted(e.getKey(), new TrainerSlot.TrainingFailed(e.getValue(),
                        "its node " + node + " was lost")));
                return true;
            }
            return false;
        });
        getContext().getLog().warn("node {} {}: {} client(s) lost with it {}", node, gone.how(), lost.size(), lost);
        clock.tell(new Clock.Inject(getContext().getSelf().narrow(), new NodeLost(node, gone.how(), lost), SENDER_ID,
                getContext().getSelf().narrow()));
        return this;
    }

    /**
     * A router saw the node gone before this relay did (or the run would end before this relay hears of it): the
     * node's loss is handled here first, so its {@code node-lost} event always comes before the {@code trainer-lost}.
     */
    private Behavior<Object> onTrainingsMoved(TrainerRouter.TrainingsMoved moved) {
        onNodeGone(new NodeGone(AddressFromURIString.parse(moved.node()), moved.how()));
        clock.tell(new Clock.Inject(getContext().getSelf().narrow(), moved, SENDER_ID,
                getContext().getSelf().narrow()));
        return this;
    }

    private Behavior<Object> onLossDelivered(Clock.Delivered delivered) {
        for (Object message : delivered.messages()) {
            if (message instanceof NodeLost lost) {
                recorder.tell(new RunEvent(delivered.time(), -1, "node-lost", lost.node(), lost.how() + "; "
                        + (lost.clients().isEmpty() ? "it hosted no clients"
                        : "clients " + lost.clients() + " crashed with it")));
                for (int client : lost.clients()) {
                    recorder.tell(new ClientLost(delivered.time(), client,
                            "crash-stop: its node " + lost.node() + " was lost"));
                }
            } else if (message instanceof TrainerRouter.TrainingsMoved moved) {
                recorder.tell(new RunEvent(delivered.time(), -1, "trainer-lost", moved.node(), trainerLost(moved)));
            }
        }
        delivered.replyTo().tell(new Clock.Handled(delivered.deliveryId(), List.of()));
        return this;
    }

    /** The detail of a {@code trainer-lost} event. */
    static String trainerLost(TrainerRouter.TrainingsMoved moved) {
        StringBuilder detail = new StringBuilder(moved.how()).append("; trainings in flight there for clients node ")
                .append(moved.from()).append(':');
        if (!moved.retried().isEmpty()) {
            detail.append(" clients ").append(moved.retried()).append(" retried on ").append(moved.retriedOn());
        }
        if (!moved.failed().isEmpty()) {
            detail.append(moved.retried().isEmpty() ? "" : ",").append(" clients ").append(moved.failed())
                    .append(" failed (no trainer node left or already retried)");
        }
        return detail.toString();
    }
}
