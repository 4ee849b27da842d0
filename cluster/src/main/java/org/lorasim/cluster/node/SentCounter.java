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
 * {@link NodeConfig}). It writes no metadata into the envelopes. Pekko creates one per actor system; the
 * totals are found by system ({@link #of}).
 */
public final class SentCounter extends RemoteInstrument {

    /** Instrument ids 0..7 are Pekko's own; 8..31 are for applications. */
    static final byte IDENTIFIER = 21;

    /** Running totals. */
    public record Totals(long messages, long bytes) {
    }

    private static final Map<ActorSystem, SentCounter> BY_SYSTEM = new WeakHashMap<>();

    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    public SentCounter(ExtendedActorSystem system) {
        synchronized (BY_SYSTEM) {
            BY_SYSTEM.put(system, this);
        }
    }

    /** The totals of {@code system}'s counter, zero when it has none (no remoting, or not installed). */
    public static Totals of(ActorSystem system) {
        SentCounter c;
        synchronized (BY_SYSTEM) {
            c = BY_SYSTEM.get(system);
        }
        return c == null ? new Totals(0, 0) : new Totals(c.messages.sum(), c.bytes.sum());
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
        messages.increment();
        bytes.add(size);
    }

    @Override
    public void remoteReadMetadata(ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    }

    @Override
    public void remoteMessageReceived(ActorRef recipient, Object message, ActorRef sender, int size, long time) {
    }
}
