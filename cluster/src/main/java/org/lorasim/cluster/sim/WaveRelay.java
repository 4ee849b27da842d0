package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.serialization.SerializationExtension;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ScheduledEvent;
import org.lorasim.actors.serialization.KryoSerializer;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * A {@code clients} node's half of the per-wave batching of clock traffic (docs/cluster-design.md, "Wave
 * relays"), one per run and node. The coordinator's {@link ClientRelay} sends it, per wave, the deliveries to
 * this node's entities as {@link DeliveredBatch}es, a centralized run's as a decentralized (gossip) run's; it hands
 * each participant its {@link Clock.Delivered} directly (each entity names its participants at start,
 * {@link Children}: a client's three, or a gossip node and its links, found by the neighbour they lead to,
 * {@link Item#peer()}; else through the node's shard region), collects every {@link Clock.Handled} and answers the
 * batch with one {@link HandledBatch} (or a few, {@link #PART_BYTES} each) once all are in. So a wave costs two remote
 * messages per node instead of two per delivery; keys, delivery ids and messages are unchanged, so is every
 * result.
 *
 * <p>Payloads stay where they are used. An event an entity schedules for a participant on this node (a downlink
 * handing its client an instruction, a client handing its uplink an upload, a gossip node handing its link the
 * message for a neighbour) goes back to the coordinator's clock,
 * which alone orders events, but its message stays here: the event carries a {@link Held} stub instead, and when
 * the clock delivers it (to the same entity, on this node: shards never move during a run) the stub is replaced
 * by the message. Only the coordinator's own participants (the aggregator) receive payloads from here, across the
 * wire (or within the JVM, on a node that is also the coordinator).
 * Completion events (whose results come as {@link Clock.WorkCompleted}) are left alone.
 *
 * <p>Batches travel as Kryo parts ({@link KryoSerializer#writeParts}): an object shared by several deliveries
 * of a part (the global adapter in every instruction of a wave) crosses once.
 *
 * <p>Lost on the wire (docs/cluster.md, "Payloads without loss"): the coordinator sends a batch again, under the same
 * sequence number, until every part of its answer is in. A batch is handed once: a copy that arrives while it is
 * handled is answered {@link StillHandling}, one that arrives after its answer went gets the answer again (kept until
 * a later batch says it was received, {@link DeliveredBatch#answeredBelow()}). So the clock sees one
 * {@link Clock.Handled} per delivery, and a {@link Held} message is released once. The relay stops when the run's
 * relay on the coordinator does.
 */
public final class WaveRelay extends AbstractBehavior<Object> {

    /** About how many bytes one batch message carries (a part ends with the object that reaches it). */
    static final int PART_BYTES = 1 << 20;

    /** What the relay accepts from the coordinator. */
    public sealed interface Command extends LorasimMessage permits DeliveredBatch {
    }

    /**
     * Deliveries of one wave at {@code time} to this node's entities: {@code items}, {@link Item}s written by
     * {@link KryoSerializer#writeParts} (one part); answer to {@code replyTo} with {@link HandledBatch}es. {@code seq}
     * numbers the batch (the same when it is sent again); every batch below {@code answeredBelow} is fully answered,
     * so the relay may forget its answers. A copy sent only to ask after a batch the relay said it is handling carries
     * no items.
     */
    public record DeliveredBatch(long seq, long answeredBelow, long time, byte[] items, ActorRef<Answer> replyTo)
            implements Command {
        public DeliveredBatch {
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** What the relay answers a {@link DeliveredBatch} with. */
    public sealed interface Answer extends LorasimMessage permits HandledBatch, StillHandling {
    }

    /** Batch {@code seq} arrived again while its deliveries are still being handled: it is here, wait. */
    public record StillHandling(long seq) implements Answer {
    }

    /**
     * Delivery {@code deliveryId} of {@code messages} to participant {@code role} of client {@code clientId};
     * {@code peer} as in {@link ClientEntity.Deliver} (-1, but for a gossip node's link the neighbour it leads to).
     */
    public record Item(int clientId, ClientRole role, int peer, long deliveryId, List<Object> messages)
            implements LorasimMessage {
        public Item {
            Objects.requireNonNull(role, "role");
            messages = List.copyOf(messages);
        }

        public Item(int clientId, ClientRole role, long deliveryId, List<Object> messages) {
            this(clientId, role, -1, deliveryId, messages);
        }
    }

    /**
     * Answers ({@link Clock.Handled}) to deliveries of batch {@code seq}, with the reports for the run's recorder that
     * this node's entities sent meanwhile, each ahead of the answers that came after it, written by
     * {@link KryoSerializer#writeParts}: part {@code part} (from 0) of {@code parts} (a large batch's come in several).
     */
    public record HandledBatch(long seq, int part, int parts, byte[] handled) implements Answer {
        public HandledBatch {
            Objects.requireNonNull(handled, "handled");
        }
    }

    /**
     * Client {@code clientId}'s entity started here with these participants (from the entity, node-local): a
     * centralized client's by role, a gossip node's node ({@code CLIENT}) and its {@code links}, by neighbour.
     */
    record Children(int clientId, Map<ClientRole, ActorRef<Clock.Delivered>> participants,
                    Map<Integer, ActorRef<Clock.Delivered>> links) implements NoSerializationVerificationNeeded {
        Children {
            participants = Map.copyOf(participants);
            links = Map.copyOf(links);
        }

        Children(int clientId, Map<ClientRole, ActorRef<Clock.Delivered>> participants) {
            this(clientId, participants, Map.of());
        }

        /** The participant {@code role}, or for {@code peer} 0 or more the link to that neighbour; null if none. */
        ActorRef<Clock.Delivered> participant(ClientRole role, int peer) {
            return peer < 0 ? participants.get(role) : role == ClientRole.UPLINK ? links.get(peer) : null;
        }

        /** Every participant named. */
        java.util.Collection<ActorRef<Clock.Delivered>> all() {
            List<ActorRef<Clock.Delivered>> all = new ArrayList<>(participants.values());
            all.addAll(links.values());
            return all;
        }
    }

    /** This node's shard region of the run, for a client whose {@link Children} are not known (node-local). */
    record UseRegion(ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region) implements NoSerializationVerificationNeeded {
    }

    /** Stands, in an event the clock orders, for message {@code id} kept on the node that will receive it. */
    public record Held(long id) implements LorasimMessage {
    }

    /** The answers of one batch, sent when the last one is in. */
    private static final class Pending {
        final long seq;
        final ActorRef<Answer> replyTo;
        final List<Object> answers = new ArrayList<>();
        int outstanding;

        Pending(long seq, ActorRef<Answer> replyTo, int outstanding) {
            this.seq = seq;
            this.replyTo = replyTo;
            this.outstanding = outstanding;
        }
    }

    private final Map<Integer, Children> children = new HashMap<>();
    private final Set<ActorRef<Clock.Delivered>> entityChildren = new HashSet<>();
    private ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region;
    private final KryoSerializer kryo;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, Object> held = new HashMap<>();
    private final Set<Long> handling = new HashSet<>();
    private final TreeMap<Long, List<byte[]>> answered = new TreeMap<>();
    private final DeliveryCounters counters;
    private final ChaosDrops chaos;
    private final ActorRef<Object> recorder;
    private final List<Object> reports = new ArrayList<>();
    private long nextHeld;
    /** Every batch below this one is fully answered (the highest a batch said so far): a late copy is dropped. */
    private long answeredBelow;

    /**
     * The relay of the run whose coordinator's relay is {@code run} (it stops when that one does) and whose recorder
     * on the coordinator is {@code recorder}.
     */
    static Behavior<Object> create(ActorRef<?> run, ActorRef<Object> recorder) {
        return Behaviors.setup(context -> new WaveRelay(context, run, recorder));
    }

    private WaveRelay(ActorContext<Object> context, ActorRef<?> run, ActorRef<Object> recorder) {
        super(context);
        this.recorder = recorder;
        context.watch(run);
        this.kryo = kryo(context);
        this.counters = DeliveryCounters.of(context.getSystem());
        this.chaos = new ChaosDrops("wave batch", DeliverySettings.from(context.getSystem().settings().config())
                .chaos().deliveredBatches(), counters);
    }

    /** The actor system's Kryo serializer, which writes and reads batch parts. */
    static KryoSerializer kryo(ActorContext<?> context) {
        return (KryoSerializer) SerializationExtension.get(Adapter.toClassic(context.getSystem()))
                .findSerializerFor(new Held(0));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(DeliveredBatch.class, this::onBatch)
                .onMessage(Children.class, c -> {
                    children.put(c.clientId(), c);
                    entityChildren.addAll(c.all());
                    return this;
                })
                .onMessage(UseRegion.class, use -> {
                    region = use.region();
                    return this;
                })
                .onMessage(Clock.Handled.class, this::onHandled)
                .onSignal(org.apache.pekko.actor.typed.Terminated.class, ended -> Behaviors.stopped())
                .onAnyMessage(this::onReport)
                .build();
    }

    /**
     * A batch is handed once: sent again while its deliveries are being handled, it is answered {@link StillHandling};
     * sent again after its answers went (one of them was lost, or the batch's first copy only came late), they are
     * sent again from the answers kept until the coordinator says the batch is fully answered.
     */
    private Behavior<Object> onBatch(DeliveredBatch batch) {
        if (chaos.drop("seq " + batch.seq())) {
            return this;
        }
        answeredBelow = Math.max(answeredBelow, batch.answeredBelow());
        answered.headMap(answeredBelow).clear();
        if (handling.contains(batch.seq())) {
            counters.duplicates.increment();
            batch.replyTo().tell(new StillHandling(batch.seq()));
            return this;
        }
        List<byte[]> sent = answered.get(batch.seq());
        if (sent != null) {
            counters.duplicates.increment();
            counters.answersResent.add(sent.size());
            getContext().getLog().warn("wave batch {} arrived again after it was answered: its {} answer part(s)"
                    + " sent again", batch.seq(), sent.size());
            for (int i = 0; i < sent.size(); i++) {
                batch.replyTo().tell(new HandledBatch(batch.seq(), i, sent.size(), sent.get(i)));
            }
            return this;
        }
        if (batch.seq() < answeredBelow || batch.items().length == 0) {
            counters.duplicates.increment();
            return this;
        }
        List<Object> items = kryo.readPart(batch.items());
        handling.add(batch.seq());
        Pending answers = new Pending(batch.seq(), batch.replyTo(), items.size());
        ActorRef<Clock.Command> self = getContext().getSelf().narrow();
        for (Object o : items) {
            Item item = (Item) o;
            pending.put(item.deliveryId(), answers);
            Clock.Delivered delivered = new Clock.Delivered(batch.time(), item.deliveryId(), release(item.messages()), self);
            Children named = children.get(item.clientId());
            ActorRef<Clock.Delivered> participant = named == null ? null : named.participant(item.role(), item.peer());
            if (participant != null) {
                participant.tell(delivered);
            } else {
                region.tell(new ShardingEnvelope<>(Integer.toString(item.clientId()),
                        new ClientEntity.Deliver(item.role(), item.peer(), delivered)));
            }
        }
        return this;
    }

    /**
     * A report of this node's entities for the run's recorder (a link's {@code MessageSent}, which the round's bytes
     * count): while a batch is handled it travels in the next answer batch, ahead of the answers that follow it,
     * so it is recovered with them; the clock cannot pass the wave before every batch of it is answered, so the
     * recorder has it before the round can end. Otherwise (a delivery that came alone through the shard region) it
     * goes to the recorder at once.
     */
    private Behavior<Object> onReport(Object report) {
        if (handling.isEmpty()) {
            recorder.tell(report);
        } else {
            reports.add(report);
        }
        return this;
    }

    private Behavior<Object> onHandled(Clock.Handled handled) {
        Pending answers = pending.remove(handled.deliveryId());
        if (answers == null) {
            return this;
        }
        answers.answers.addAll(reports);
        reports.clear();
        answers.answers.add(new Clock.Handled(handled.deliveryId(), hold(handled.scheduled())));
        if (--answers.outstanding == 0) {
            List<byte[]> parts = kryo.writeParts(answers.answers, PART_BYTES);
            handling.remove(answers.seq);
            answered.put(answers.seq, parts);
            for (int i = 0; i < parts.size(); i++) {
                answers.replyTo.tell(new HandledBatch(answers.seq, i, parts.size(), parts.get(i)));
            }
        }
        return this;
    }

    /** The messages with every {@link Held} stub replaced by the message it stands for. */
    private List<Object> release(List<Object> messages) {
        List<Object> released = messages;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof Held stub) {
                if (released == messages) {
                    released = new ArrayList<>(messages);
                }
                Object message = held.remove(stub.id());
                if (message == null) {
                    throw new IllegalStateException("held message " + stub.id() + " is not on this node");
                }
                released.set(i, message);
            }
        }
        return released;
    }

    /**
     * The events with the messages of those for a client entity's participant on this node kept here, a
     * {@link Held} sent instead. Only an entity's child qualifies, not any actor of this JVM: its deliveries come
     * back through this relay, which releases the stub; the coordinator's own participants (the aggregator) may
     * live in this JVM too, on a node with roles {@code coordinator} and {@code clients}, and the clock hands them
     * what it is given, so their messages must travel as they are.
     */
    private List<ScheduledEvent> hold(List<ScheduledEvent> scheduled) {
        List<ScheduledEvent> events = new ArrayList<>(scheduled.size());
        for (ScheduledEvent e : scheduled) {
            if (!e.awaitsResult() && entityChildren.contains(e.target())) {
                long id = nextHeld++;
                held.put(id, e.message());
                events.add(new ScheduledEvent(e.key(), e.target(), new Held(id), false));
            } else {
                events.add(e);
            }
        }
        return events;
    }
}
