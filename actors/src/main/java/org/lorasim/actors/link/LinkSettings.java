package org.lorasim.actors.link;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * A link's profile as the {@code lorasim.links.default} section of {@code reference.conf} gives it, checked
 * before anything runs.
 *
 * @param bandwidthBytesPerSecond > 0
 * @param latencyNanos            >= 0
 * @param jitterNanos             >= 0, half-width of the uniform jitter ({@link LinkModel})
 * @param lossProbability         in [0, 1]
 */
public record LinkSettings(long bandwidthBytesPerSecond, long latencyNanos, long jitterNanos, double lossProbability) {

    public LinkSettings {
        if (bandwidthBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth-per-second must be > 0, got " + bandwidthBytesPerSecond);
        }
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latencyNanos + " ns");
        }
        if (jitterNanos < 0 || jitterNanos == Long.MAX_VALUE) {
            throw new IllegalArgumentException("jitter must be >= 0 and finite, got " + jitterNanos + " ns");
        }
        if (!(lossProbability >= 0 && lossProbability <= 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1], got " + lossProbability);
        }
    }

    /**
     * Reads {@code bandwidth-per-second} (a size: {@code 10 MB} is 10^7 bytes, {@code 10 MiB} 2^20 * 10),
     * {@code latency}, {@code jitter} (durations) and {@code loss} from {@code section}, e.g.
     * {@code config.getConfig("lorasim.links.default")}. A missing key, a wrong type or an impossible value
     * fails with the key and where it was set.
     */
    public static LinkSettings from(Config section) {
        try {
            return new LinkSettings(section.getBytes("bandwidth-per-second"),
                    section.getDuration("latency").toNanos(),
                    section.getDuration("jitter").toNanos(),
                    section.getDouble("loss"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(section.origin(), "lorasim.links", e.getMessage(), e);
        }
    }
}
