package org.lorasim.cluster.sim;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.event.Logging;
import org.apache.pekko.remote.OversizedPayloadException;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.serialization.MessageRefused;
import org.lorasim.cluster.node.NodeSettings;

/**
 * Makes a message too large to cross the wire a failure of the run, at once, instead of a log line of Artery and
 * a clock that waits for an answer until its {@code ack-timeout}. Two sources, both on the sending node: the Kryo
 * serializer refuses a Lorasim message over its frame's room (or over {@code lorasim.serialization.max-bytes}) and
 * publishes a {@link MessageRefused} on the node's event stream, with the message's class and exact size; a
 * message wrapped by Pekko (a delivery to a client entity travels in sharding's envelope, whose protobuf serializer
 * writes the inner Kryo bytes straight into the frame) is dropped by Artery itself, which only logs "Failed to
 * serialize message [CLASS]" with the cause (out of space, or an {@link OversizedPayloadException}): the guard hears
 * that log event ({@link #arteryDrop}) and treats it as a refusal too, of unknown size. Every node's guard
 * ({@link #forNode}) passes what its node refused to the runs' guards on other nodes (found through the
 * Receptionist under {@link #KEY}); a run's guard on the coordinator ({@link #forRun}) hears its own node's
 * refusals and those, and fails the run through its clock ({@link Clock.Fail}) with a reason that names the
 * node, the message's class, its size, the limit and the key that raises it.
 *
 * <p>Not covered: a refusal on a node while no run's guard is known there yet (the Receptionist's view spreads
 * within about a second; a run's guard starts while the run is prepared, before anything large is sent), and a
 * frame dropped by its receiver because the receiver's {@code lorasim.cluster.frame-size} is smaller than the
 * sender's (every node must use the same).
 */
final class PayloadGuard {

    static final ServiceKey<Refused> KEY = ServiceKey.create(Refused.class, "lorasim-payload-guards");

    /** Node {@code node} refused to send a message ({@link MessageRefused}'s fields). */
    record Refused(String node, String messageClass, long bytes, long limitBytes, String limitSetting, String why)
            implements LorasimMessage {
        Refused {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(messageClass, "messageClass");
            Objects.requireNonNull(limitSetting, "limitSetting");
            Objects.requireNonNull(why, "why");
        }

        static Refused of(String node, MessageRefused r) {
            return new Refused(node, r.messageClass(), r.bytes(), r.limitBytes(), r.limitSetting(), r.why());
        }

        /** The run's failure: what was refused where, and what to raise. */
        String reason() {
            if (limitSetting.isEmpty()) {
                return "node " + node + " could not send a message of class " + messageClass + ", so the run cannot"
                        + " go on: " + why;
            }
            String raise = switch (limitSetting) {
                case MessageRefused.FRAME -> NodeSettings.key("frame-size") + " (Artery's frame for ordinary"
                        + " messages; the same on every node)";
                case MessageRefused.LARGE_FRAME -> MessageRefused.MAX_BYTES + " (Artery's large-message frame is it"
                        + " plus 64 KiB)";
                default -> MessageRefused.MAX_BYTES + " and " + NodeSettings.key("frame-size");
            };
            return "node " + node + " could not send a message of class " + messageClass + ": "
                    + (bytes >= 0 ? bytes + " bytes serialized, over" : "larger than") + " the limit of " + limitBytes
                    + " bytes (" + limitSetting + ")."
                    + " The run cannot go on without it; raise " + raise + ", or make the message smaller"
                    + " (e.g. a lower lorasim.model.rank)";
        }
    }

    private record Listed(Receptionist.Listing listing) implements NoSerializationVerificationNeeded {
    }

    private static final Pattern ARTERY_DROP =
            Pattern.compile("max allowed size (\\d+) bytes\\. Message type \\[([^\\]]*)\\]");

    private static final String ENCODER = "org.apache.pekko.remote.artery.Encoder";
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]");

    /**
     * Artery's log event of a message it could not serialize, and so dropped, as a refusal; empty for any other
     * log event. Over its frame ({@link OversizedPayloadException}, whose text names the frame, or a protobuf
     * serializer's out-of-space, e.g. sharding's envelope) it names the frame's setting; the size is unknown (-1).
     * Any other cause is a refusal without a limit (e.g. a class no serializer takes).
     */
    static Optional<MessageRefused> arteryDrop(Logging.Error error, com.typesafe.config.Config config) {
        String message = String.valueOf(error.message());
        if (error.logClass() == null || !ENCODER.equals(error.logClass().getName())
                || !message.startsWith("Failed to serialize")) {
            return Optional.empty();
        }
        Matcher bracketed = BRACKETED.matcher(message);
        String type = bracketed.find() ? bracketed.group(1) : "unknown";
        Throwable cause = error.cause();
        if (cause instanceof OversizedPayloadException oversized && oversized.getMessage() != null) {
            Matcher m = ARTERY_DROP.matcher(oversized.getMessage());
            boolean found = m.find();
            long limit = found ? Long.parseLong(m.group(1)) : -1;
            return Optional.of(new MessageRefused(found ? m.group(2) : type, -1, limit, frameSetting(config, limit),
                    oversized.getMessage()));
        }
        if (cause instanceof java.nio.BufferOverflowException
                || (cause != null && cause.getClass().getSimpleName().contains("OutOfSpace"))) {
            long frame = config.hasPath(MessageRefused.FRAME) ? config.getBytes(MessageRefused.FRAME) : -1;
            return Optional.of(new MessageRefused(type, -1, frame, MessageRefused.FRAME, String.valueOf(cause)));
        }
        return Optional.of(new MessageRefused(type, -1, -1, "", "Artery could not serialize it: " + cause));
    }

    private static String frameSetting(com.typesafe.config.Config config, long limit) {
        boolean large = config.hasPath(MessageRefused.LARGE_FRAME) && config.hasPath(MessageRefused.FRAME)
                && limit == config.getBytes(MessageRefused.LARGE_FRAME) && limit != config.getBytes(MessageRefused.FRAME);
        return large ? MessageRefused.LARGE_FRAME : MessageRefused.FRAME;
    }

    private static void subscribe(org.apache.pekko.actor.typed.javadsl.ActorContext<Object> context) {
        context.getSystem().eventStream().tell(new EventStream.Subscribe<>(MessageRefused.class,
                context.getSelf().narrow()));
        context.getSystem().eventStream().tell(new EventStream.Subscribe<>(Logging.Error.class,
                context.getSelf().narrow()));
    }

    private PayloadGuard() {
    }

    /** A node's guard: its refusals to the runs' guards on other nodes. */
    static Behavior<Object> forNode() {
        return Behaviors.setup(context -> {
            String node = Cluster.get(context.getSystem()).selfMember().address().toString();
            subscribe(context);
            com.typesafe.config.Config config = context.getSystem().settings().config();
            context.getSystem().receptionist().tell(Receptionist.subscribe(KEY,
                    context.messageAdapter(Receptionist.Listing.class, Listed::new)));
            Set<ActorRef<Refused>> guards = new HashSet<>();
            return Behaviors.receive(Object.class)
                    .onMessage(Listed.class, listed -> {
                        guards.clear();
                        guards.addAll(listed.listing().getServiceInstances(KEY));
                        return Behaviors.same();
                    })
                    .onMessage(MessageRefused.class, refused -> {
                        guards.stream().filter(g -> !g.path().address().hasLocalScope())
                                .forEach(g -> g.tell(Refused.of(node, refused)));
                        return Behaviors.same();
                    })
                    .onMessage(Logging.Error.class, error -> {
                        arteryDrop(error, config).ifPresent(refused -> guards.stream()
                                .filter(g -> !g.path().address().hasLocalScope())
                                .forEach(g -> g.tell(Refused.of(node, refused))));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** A run's guard on the coordinator: the first refusal, of any node, fails the run through {@code clock}. */
    static Behavior<Object> forRun(ActorRef<Clock.Command> clock) {
        return Behaviors.setup(context -> {
            String node = Cluster.get(context.getSystem()).selfMember().address().toString();
            subscribe(context);
            com.typesafe.config.Config config = context.getSystem().settings().config();
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf().narrow()));
            return Behaviors.receive(Object.class)
                    .onMessage(MessageRefused.class, refused -> failed(clock, Refused.of(node, refused)))
                    .onMessage(Logging.Error.class, error -> arteryDrop(error, config)
                            .map(refused -> failed(clock, Refused.of(node, refused))).orElse(Behaviors.same()))
                    .onMessage(Refused.class, refused -> failed(clock, refused))
                    .build();
        });
    }

    private static Behavior<Object> failed(ActorRef<Clock.Command> clock, Refused refused) {
        clock.tell(new Clock.Fail(refused.reason()));
        return Behaviors.ignore();
    }
}
