package org.lorasim.actors.profile;

import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Makes each client's {@link DeviceProfile}: from a {@link DeviceTable} when one is given (every client
 * must have a row), otherwise by drawing compute, memory, uplink, downlink and latency from their
 * distributions, in that order, from the stream the caller passes, normally
 * {@code RngStreams#stream("profile", clientId)}, so a profile depends only on (seed, client id).
 *
 * <p>Draws are clamped to keep a profile valid: compute and bandwidth to at least 1 (per second), memory
 * and latency rounded to whole bytes and nanoseconds. The latency distribution is in seconds.
 */
public final class ProfileGenerator {
    private final Distribution compute;
    private final Distribution memoryBytes;
    private final Distribution uplinkBytesPerSecond;
    private final Distribution downlinkBytesPerSecond;
    private final Distribution latencySeconds;
    private final DeviceTable table;

    /** Draws every profile from the distributions. */
    public ProfileGenerator(Distribution compute, Distribution memoryBytes, Distribution uplinkBytesPerSecond,
                            Distribution downlinkBytesPerSecond, Distribution latencySeconds) {
        this.compute = require("compute", compute);
        this.memoryBytes = require("memoryBytes", memoryBytes);
        this.uplinkBytesPerSecond = require("uplinkBytesPerSecond", uplinkBytesPerSecond);
        this.downlinkBytesPerSecond = require("downlinkBytesPerSecond", downlinkBytesPerSecond);
        this.latencySeconds = require("latencySeconds", latencySeconds);
        this.table = null;
    }

    /** Takes every profile from {@code table}. */
    public ProfileGenerator(DeviceTable table) {
        this.table = require("table", table);
        this.compute = null;
        this.memoryBytes = null;
        this.uplinkBytesPerSecond = null;
        this.downlinkBytesPerSecond = null;
        this.latencySeconds = null;
    }

    /**
     * The profile of {@code clientId}; {@code rng} is that client's own stream (unused with a table).
     *
     * @throws IllegalArgumentException if the client id is negative or the table has no row for it
     */
    public DeviceProfile profileOf(int clientId, RandomGenerator rng) {
        Checks.require(clientId >= 0, "clientId must be >= 0, got " + clientId);
        if (table != null) {
            DeviceProfile profile = table.get(clientId);
            Checks.require(profile != null, "clientId " + clientId + " has no row in the device table");
            return profile;
        }
        Checks.require(rng != null, "rng must not be null");
        Distribution.Draw speed = compute.draw(rng);
        double memory = memoryBytes.sample(rng);
        double up = uplinkBytesPerSecond.sample(rng);
        double down = downlinkBytesPerSecond.sample(rng);
        double latency = latencySeconds.sample(rng);
        return new DeviceProfile(Math.max(1, speed.value()), Math.round(memory), Math.max(1, up),
                Math.max(1, down), Math.round(latency * 1e9), speed.straggler());
    }

    /** Whether profiles come from a table rather than from distributions. */
    public boolean usesTable() {
        return table != null;
    }

    private static <T> T require(String name, T value) {
        Checks.require(value != null, name + " must not be null");
        return value;
    }
}
