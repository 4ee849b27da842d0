package org.lorasim.actors.link;

import com.typesafe.config.Config;
import org.lorasim.actors.profile.ConfigReading;

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

    /** The section this record is read from. */
    public static final String PATH = "lorasim.links.default";

    /**
     * Reads {@value #PATH} of {@code root} (the whole config): {@code bandwidth-per-second} (a rate,
     * {@link ConfigReading#linkRate}), {@code latency}, {@code jitter} (durations) and {@code loss} (a
     * probability). Each key is read by its full path, so a failure names it and the file and line the user
     * set it at (not the merged section's origin).
     */
    public static LinkSettings from(Config root) {
        return new LinkSettings(ConfigReading.linkRate(root, PATH + ".bandwidth-per-second"),
                Math.round(ConfigReading.seconds(root, PATH + ".latency") * 1e9),
                Math.round(ConfigReading.seconds(root, PATH + ".jitter") * 1e9),
                ConfigReading.probability(root, PATH + ".loss"));
    }
}
