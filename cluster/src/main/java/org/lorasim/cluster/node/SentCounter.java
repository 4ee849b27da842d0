package org.lorasim.cluster.node;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.remote.artery.RemoteInstrument;

/**
 * Counts what this node sends to other nodes: every remote message and its serialized size as Artery hands it
 * to the wire (Pekko's {@code RemoteInstrument} hook, set in {@code pekko.remote.artery.advanced.instruments} by
 * {@link NodeConfig}), and likewise what it receives ({@link #receivedOf}: the coordinator's received count is the
 * other half of its traffic with the nodes, for the cluster benchmark). It writes no metadata into the envelopes.
 * Pekko creates one for each encoder and decoder stage of an actor system (several per association, more as
 * associations restart), so the counts live in one {@link Counts} per system that all of them add to, found by
 * system ({@link #of}). (Before, each new instance replaced the last in the lookup, and a node's totals could read
 * 0 when the last one created was not the one that counted.)
 */
public final class SentCounter extends RemoteInstrument {

    /** Instrument ids 0..7 are Pekko's own; 8..31 are for applications. */
    static final byte IDENTIFIER = 21;

    /** Running totals. */
    public record Totals(long messages, long bytes) {
    }

    /** One actor system's running counts, shared by all its instruments. */
    private static final class Counts {
        private final LongAdder messages = new LongAdder();
        private final LongAdder bytes = new LongAdder();
        private final LongAdder receivedMessages = new LongAdder();
        private final LongAdder receivedBytes = new LongAdder();
    }

    private static final Map<ActorSystem, Counts> BY_SYSTEM = new WeakHashMap<>();

    private final Counts counts;

    public SentCounter(ExtendedActorSystem system) {
        synchronized (BY_SYSTEM) {
            counts = BY_SYSTEM.computeIfAbsent(system, s -> new Counts());
        }
    }

    /** The sent totals of {@code system}'s counter, zero when it has none (no remoting, or not installed). */
    public static Totals of(ActorSystem system) {
        Counts c = countsOf(system);
        return c == null ? new Totals(0, 0) : new Totals(c.messages.sum(), c.bytes.sum());
    }

    /** The received totals of {@code system}'s counter, zero when it has none. */
    public static Totals receivedOf(ActorSystem system) {
        Counts c = countsOf(system);
        return c == null ? new Totals(0, 0) : new Totals(c.receivedMessages.sum(), c.receivedBytes.sum());
    }

    private static Counts countsOf(ActorSystem system) {
        synchronized (BY_SYSTEM) {
            return BY_SYSTEM.get(system);
        }
    }

    @Override
    public byte identifier() {
        return IDENTIFIER;
    }

    @Override
    public void remoteWriteMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    }

    @Override
    public void remoteMessageSent(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
        counts.messages.increment();
        counts.bytes.add(size);
    }

    @Override
    public void remoteReadMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    }

    @Override
    public void remoteMessageReceived(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
        counts.receivedMessages.increment();
        counts.receivedBytes.add(size);
    }
}
