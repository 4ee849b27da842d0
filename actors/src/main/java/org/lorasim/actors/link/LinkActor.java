package org.lorasim.actors.link;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkModel.LossReason;
import org.lorasim.actors.serialization.KryoSerializer;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * One directed network link (DESIGN.md, "Actors", LinkActor): a FIFO transfer queue with bandwidth,
 * latency, jitter, loss, an up/down switch and partitions, all timed by {@link LinkModel}, changeable at
 * run time.
 *
 * <p>The link is a clock participant, and everything it is told comes inside a {@link Clock.Delivered}:
 * a node that wants to send at simulated time {@code t} schedules "deliver {@link Send} to the link at
 * {@code t}" through its own {@link EventOutbox} (a same-time event, so it arrives in the next wave of
 * {@code t}); a scenario schedules {@link SetBandwidth}, {@link Down}, {@link Partition} and the others
 * the same way at their times. The link handles the messages of a delivery in the clock's order, at the
 * delivery's time, schedules each arrival "deliver the payload to the destination at its arrival time"
 * through its own outbox (keyed by the link's {@link LinkId#senderId() sender id} and counter), and
 * acknowledges with {@link Clock.Handled}. Nothing depends on when a message reached the link in wall
 * time, so a run with one seed repeats bit for bit.
 *
 * <p>The destination receives the payload itself, unwrapped, in a {@link Clock.Delivered} at the arrival
 * time. The size on the wire is the payload's exact Kryo-serialized size (our {@code lorasim-kryo}
 * serializer, measured at the send, with each ActorRef in it counted at a fixed size:
 * {@link KryoSerializer#simulatedSize}) unless the {@link Send} gives a precomputed size, e.g. for a
 * payload that stands for a bigger one.
 *
 * <p>Observers (read-only, they never change the simulation) hear {@link MessageSent}, {@link MessageLost}
 * and {@link LinkChanged}, in the link's handling order.
 */
public final class LinkActor extends AbstractBehavior<Clock.Delivered> {

    /** What a link accepts, always inside a {@link Clock.Delivered}. */
    public sealed interface Command extends LorasimMessage
            permits Send, SetBandwidth, SetLatency, SetJitter, SetLoss, Down, Up, Partition, Heal, Subscribe, Unsubscribe {
    }

    /** {@link Send#bytes()} value asking the link to measure the payload's serialized size. */
    public static final long MEASURE = -1;

    /**
     * Carry {@code payload} to {@code destination}; {@code bytes} is its size on the wire, or
     * {@link #MEASURE} for its Kryo-serialized size.
     */
    public record Send(Object payload, long bytes, ActorRef<Clock.Delivered> destination) implements Command {
        public Send {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(destination, "destination");
            if (bytes < MEASURE) {
                throw new IllegalArgumentException("bytes must be >= 0 (or MEASURE = -1), got " + bytes);
            }
        }

        /** Send {@code payload}, sized by its Kryo-serialized bytes. */
        public static Send measured(Object payload, ActorRef<Clock.Delivered> destination) {
            return new Send(payload, MEASURE, destination);
        }
    }

    public record SetBandwidth(long bytesPerSecond) implements Command {
    }

    public record SetLatency(long nanos) implements Command {
    }

    public record SetJitter(long nanos) implements Command {
    }

    public record SetLoss(double probability) implements Command {
    }

    public record Down() implements Command {
    }

    public record Up() implements Command {
    }

    /** The network is partitioned: node id -> group ({@link Partitions}); this link is cut if its ends differ. */
    public record Partition(Map<Long, Integer> groups) implements Command {
        public Partition {
            groups = Partitions.of(groups).groups();
        }
    }

    /** The partition is over. */
    public record Heal() implements Command {
    }

    public record Subscribe(ActorRef<Event> observer) implements Command {
    }

    public record Unsubscribe(ActorRef<Event> observer) implements Command {
    }

    /** What observers hear. */
    public sealed interface Event extends LorasimMessage permits MessageSent, MessageLost, LinkChanged {
    }

    /**
     * A message of {@code bytes}, sent at {@code sentAt}, was transmitted from {@code start} to {@code end} and
     * arrives at {@code arrival}; {@code round} is its payload's {@link RoundTagged#round()}, -1 when untagged.
     */
    public record MessageSent(String link, long sentAt, long start, long end, long arrival, long bytes,
                              String payloadType, int round) implements Event {
    }

    /**
     * A message of {@code bytes} sent at {@code sentAt} will never arrive, for {@code reason}; {@code round} as
     * in {@link MessageSent}.
     */
    public record MessageLost(String link, long sentAt, long bytes, LossReason reason, String payloadType, int round)
            implements Event {
    }

    /** At {@code time} the link changed ({@code change}, e.g. {@code "down"}) and is now {@code state}. */
    public record LinkChanged(String link, long time, String change, LinkState state) implements Event {
    }

    private final LinkId id;
    private final LinkModel model;
    private final RandomGenerator random;
    private final EventOutbox outbox;
    private final KryoSerializer kryo;
    private final Set<ActorRef<Event>> observers = new LinkedHashSet<>();

    /**
     * A link named by {@code id}, timed by {@code model} (owned by the link from now on), drawing loss and
     * jitter from {@code random} (its own stream, e.g. {@code RngStreams.stream("link", senderId)}), with
     * {@code observers} subscribed from the start.
     */
    public static Behavior<Clock.Delivered> create(LinkId id, LinkModel model, RandomGenerator random,
                                                   List<ActorRef<Event>> observers) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(random, "random");
        List<ActorRef<Event>> initial = List.copyOf(observers);
        return Behaviors.setup(context -> new LinkActor(context, id, model, random, initial));
    }

    private LinkActor(ActorContext<Clock.Delivered> context, LinkId id, LinkModel model, RandomGenerator random,
                      List<ActorRef<Event>> initial) {
        super(context);
        this.id = id;
        this.model = model;
        this.random = random;
        this.outbox = new EventOutbox(id.senderId());
        this.kryo = kryoSerializer(context);
        this.observers.addAll(initial);
    }

    /** The serializer bound to {@link LorasimMessage} ({@code lorasim-kryo}), which sizes payloads. */
    private static KryoSerializer kryoSerializer(ActorContext<?> context) {
        try {
            Serializer bound = SerializationExtension.get(Adapter.toClassic(context.getSystem())).serializerFor(LorasimMessage.class);
            if (!(bound instanceof KryoSerializer kryo)) {
                throw new IllegalStateException(LorasimMessage.class.getName() + " is bound to " + bound.getClass().getName()
                        + ", not to Lorasim's KryoSerializer, which links size payloads with");
            }
            return kryo;
        } catch (java.io.NotSerializableException e) {
            throw new IllegalStateException("no serializer bound to " + LorasimMessage.class.getName()
                    + ": the actors module's reference.conf is missing from the classpath", e);
        }
    }

    @Override
    public Receive<Clock.Delivered> createReceive() {
        return newReceiveBuilder()
                .onMessage(Clock.Delivered.class, this::onDelivered)
                .build();
    }

    private Behavior<Clock.Delivered> onDelivered(Clock.Delivered delivered) {
        for (Object message : delivered.messages()) {
            if (message instanceof Command command) {
                try {
                    handle(delivered.time(), command);
                } catch (IllegalArgumentException e) {
                    getContext().getLog().error("link {} rejected {} at {} ns: {}", id.name(), command,
                            delivered.time(), e.getMessage());
                }
            } else {
                getContext().getLog().error("link {} ignores {} at {} ns: not a LinkActor.Command", id.name(),
                        message, delivered.time());
            }
        }
        delivered.replyTo().tell(outbox.handled(delivered));
        return this;
    }

    private void handle(long time, Command command) {
        if (command instanceof Send send) {
            send(time, send);
        } else if (command instanceof SetBandwidth set) {
            model.setBandwidth(set.bytesPerSecond());
            changed(time, "bandwidth " + set.bytesPerSecond() + " B/s");
        } else if (command instanceof SetLatency set) {
            model.setLatency(set.nanos());
            changed(time, "latency " + set.nanos() + " ns");
        } else if (command instanceof SetJitter set) {
            model.setJitter(set.nanos());
            changed(time, "jitter " + set.nanos() + " ns");
        } else if (command instanceof SetLoss set) {
            model.setLoss(set.probability());
            changed(time, "loss " + set.probability());
        } else if (command instanceof Down) {
            model.down();
            changed(time, "down");
        } else if (command instanceof Up) {
            model.up();
            changed(time, "up");
        } else if (command instanceof Partition partition) {
            boolean cut = !Partitions.of(partition.groups()).connected(id.from(), id.to());
            model.setPartitioned(cut);
            changed(time, cut ? "partitioned" : "partitioned, this link not cut");
        } else if (command instanceof Heal) {
            model.setPartitioned(false);
            changed(time, "healed");
        } else if (command instanceof Subscribe subscribe) {
            observers.add(subscribe.observer());
        } else if (command instanceof Unsubscribe unsubscribe) {
            observers.remove(unsubscribe.observer());
        }
    }

    private void send(long time, Send send) {
        long bytes = send.bytes() == MEASURE ? kryo.simulatedSize(send.payload()) : send.bytes();
        String type = send.payload().getClass().getName();
        int round = send.payload() instanceof RoundTagged tagged ? tagged.round() : -1;
        LinkModel.Outcome outcome = model.transmit(time, bytes, random);
        if (outcome instanceof LinkModel.Delivered delivered) {
            outbox.deliver(delivered.arrival(), send.destination(), send.payload());
            publish(new MessageSent(id.name(), time, delivered.start(), delivered.end(), delivered.arrival(), bytes, type, round));
        } else {
            publish(new MessageLost(id.name(), time, bytes, ((LinkModel.Lost) outcome).reason(), type, round));
        }
    }

    private void changed(long time, String change) {
        publish(new LinkChanged(id.name(), time, change, model.state()));
    }

    private void publish(Event event) {
        for (ActorRef<Event> observer : observers) {
            observer.tell(event);
        }
    }
}
