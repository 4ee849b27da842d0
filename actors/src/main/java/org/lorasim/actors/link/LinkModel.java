package org.lorasim.actors.link;

import java.util.random.RandomGenerator;

/**
 * The timing model of one directed network link (DESIGN.md, "LinkActor"): a FIFO transmitter of finite
 * bandwidth, followed by a propagation delay of {@code latency} plus jitter, with random loss, an up/down
 * switch and a partition cut. Pure and single-threaded: no actors, no clock, all randomness from the
 * {@link RandomGenerator} passed to {@link #transmit}.
 *
 * <p>A message of {@code b} bytes sent at time {@code s} (nanoseconds of simulated time):
 * <pre>
 *   start    = max(s, transmitterFreeAt)                       (FIFO queueing behind earlier messages)
 *   end      = start + ceil(b * 1e9 / bandwidth)               (exact integer nanoseconds, rounded up)
 *   delay    = max(0, latency + j),  j uniform in [-jitter, +jitter] (integers, both ends included)
 *   arrival  = max(end + delay, previous arrival on this link)  (delivery order stays FIFO)
 *   transmitterFreeAt = end
 * </pre>
 * Rounding up means that a non-empty message never takes zero time. Jitter is uniform and symmetric
 * around {@code latency}; a negative total delay is clamped to 0. Because a later message may draw a
 * smaller jitter than the one before it, its arrival is lifted to the previous arrival: a link never
 * reorders (as TCP would not), at the cost of a slightly positive bias of the delay under jitter.
 *
 * <p>Loss: on a link that is down or cut by a partition the message is refused at once
 * ({@link LossReason#LINK_DOWN}, {@link LossReason#PARTITIONED}); it takes no transmitter time and draws
 * no random numbers. On an up link each message draws one {@code nextDouble()}; below the loss probability
 * it is lost on the way ({@link LossReason#RANDOM_LOSS}): it still occupied the transmitter (it was sent)
 * but never arrives. A delivered message then draws one {@code nextLong} for its jitter when jitter > 0.
 *
 * <p>Changes ({@link #setBandwidth}, {@link #setLatency}, {@link #setJitter}, {@link #setLoss},
 * {@link #down}, {@link #up}, {@link #setPartitioned}) apply to messages sent after them; messages already
 * transmitted keep the times they were given (a link that goes down does not recall messages in flight).
 */
public final class LinkModel {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Why a message did not arrive. */
    public enum LossReason {
        /** Dropped on the way with the link's loss probability. */
        RANDOM_LOSS,
        /** The link was down when it was sent. */
        LINK_DOWN,
        /** A network partition separated the link's two ends when it was sent. */
        PARTITIONED
    }

    /** What happened to one message. */
    public sealed interface Outcome permits Delivered, Lost {
    }

    /**
     * The message arrives at {@code arrival}; it left the transmitter between {@code start} and {@code end}.
     */
    public record Delivered(long start, long end, long arrival) implements Outcome {
    }

    /** The message never arrives. */
    public record Lost(LossReason reason) implements Outcome {
    }

    private long bandwidth;
    private long latency;
    private long jitter;
    private double loss;
    private boolean up = true;
    private boolean partitioned;
    private long transmitterFreeAt;
    private long lastArrival;

    /**
     * An up, idle, unpartitioned link.
     *
     * @param bandwidthBytesPerSecond > 0
     * @param latencyNanos            >= 0
     * @param jitterNanos             >= 0, half-width of the uniform jitter
     * @param lossProbability         in [0, 1]
     */
    public LinkModel(long bandwidthBytesPerSecond, long latencyNanos, long jitterNanos, double lossProbability) {
        setBandwidth(bandwidthBytesPerSecond);
        setLatency(latencyNanos);
        setJitter(jitterNanos);
        setLoss(lossProbability);
    }

    /** A link with the settings' bandwidth, latency, jitter and loss. */
    public static LinkModel of(LinkSettings settings) {
        return new LinkModel(settings.bandwidthBytesPerSecond(), settings.latencyNanos(), settings.jitterNanos(),
                settings.lossProbability());
    }

    /**
     * Sends {@code bytes} at simulated time {@code sendTime} and tells when they arrive, or why they do not.
     *
     * @throws IllegalArgumentException if {@code sendTime} or {@code bytes} is negative, or
     *                                  {@code bytes * 1e9} overflows a long (more than about 9.2 GB)
     */
    public Outcome transmit(long sendTime, long bytes, RandomGenerator random) {
        if (sendTime < 0) {
            throw new IllegalArgumentException("sendTime must be >= 0, got " + sendTime);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        if (!up) {
            return new Lost(LossReason.LINK_DOWN);
        }
        if (partitioned) {
            return new Lost(LossReason.PARTITIONED);
        }
        long start = Math.max(sendTime, transmitterFreeAt);
        long end = Math.addExact(start, transmissionNanos(bytes, bandwidth));
        transmitterFreeAt = end;
        if (random.nextDouble() < loss) {
            return new Lost(LossReason.RANDOM_LOSS);
        }
        long offset = jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1);
        long delay = Math.max(0, latency + offset);
        long arrival = Math.max(Math.addExact(end, delay), lastArrival);
        lastArrival = arrival;
        return new Delivered(start, end, arrival);
    }

    /** {@code ceil(bytes * 1e9 / bandwidth)} nanoseconds, exact. */
    public static long transmissionNanos(long bytes, long bandwidthBytesPerSecond) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        if (bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be > 0, got " + bandwidthBytesPerSecond);
        }
        long byteNanos;
        try {
            byteNanos = Math.multiplyExact(bytes, NANOS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bytes = " + bytes + " is too large: bytes * 1e9 overflows a long", e);
        }
        return -Math.floorDiv(-byteNanos, bandwidthBytesPerSecond);
    }

    public void setBandwidth(long bandwidthBytesPerSecond) {
        if (bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must be > 0, got " + bandwidthBytesPerSecond);
        }
        this.bandwidth = bandwidthBytesPerSecond;
    }

    public void setLatency(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
        this.latency = latencyNanos;
    }

    public void setJitter(long jitterNanos) {
        if (jitterNanos < 0 || jitterNanos == Long.MAX_VALUE) {
            throw new IllegalArgumentException("jitterNanos must be in [0, Long.MAX_VALUE), got " + jitterNanos);
        }
        this.jitter = jitterNanos;
    }

    public void setLoss(double lossProbability) {
        if (!(lossProbability >= 0 && lossProbability <= 1)) {
            throw new IllegalArgumentException("lossProbability must be in [0, 1], got " + lossProbability);
        }
        this.loss = lossProbability;
    }

    public void down() {
        up = false;
    }

    public void up() {
        up = true;
    }

    public void setPartitioned(boolean partitioned) {
        this.partitioned = partitioned;
    }

    /** The current settings and switches, e.g. for an observer. */
    public LinkState state() {
        return new LinkState(bandwidth, latency, jitter, loss, up, partitioned);
    }

    /** When the transmitter finishes the messages sent so far. */
    public long transmitterFreeAt() {
        return transmitterFreeAt;
    }
}
