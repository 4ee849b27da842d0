package org.lorasim.actors.link;

import org.lorasim.actors.serialization.LorasimMessage;

/**
 * A snapshot of a link's settings and switches, as {@link LinkActor.LinkChanged} publishes it.
 *
 * @param bandwidthBytesPerSecond transmitter speed
 * @param latencyNanos            propagation delay
 * @param jitterNanos             half-width of the uniform jitter around the latency
 * @param lossProbability         chance that a sent message is dropped on the way
 * @param up                      whether the link carries messages at all
 * @param partitioned             whether a partition separates its two ends
 */
public record LinkState(long bandwidthBytesPerSecond, long latencyNanos, long jitterNanos, double lossProbability,
                        boolean up, boolean partitioned) implements LorasimMessage {

    /** Whether a message sent now can arrive (up and not cut). */
    public boolean carries() {
        return up && !partitioned;
    }
}
