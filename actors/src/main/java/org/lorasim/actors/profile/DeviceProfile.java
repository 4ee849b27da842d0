package org.lorasim.actors.profile;

import org.lorasim.policies.Checks;

/**
 * One client's device: what it can compute, hold and send. Drawn once per client by
 * {@link ProfileGenerator} and fixed for the run (a scenario may slow a client later through its own
 * events).
 *
 * @param flops          compute speed, floating-point operations per second; {@code > 0}
 * @param memoryBytes    memory budget for training, bytes; {@code >= 0}
 * @param uplinkBytesPerSecond   upload bandwidth, bytes per second; {@code > 0}
 * @param downlinkBytesPerSecond download bandwidth, bytes per second; {@code > 0}
 * @param latencyNanos   one-way network latency, simulated nanoseconds; {@code >= 0}
 * @param straggler      whether the compute speed came from the straggler part of a
 *                       {@link Distribution.StragglerMix}
 */
public record DeviceProfile(double flops, long memoryBytes, double uplinkBytesPerSecond,
                            double downlinkBytesPerSecond, long latencyNanos, boolean straggler) {

    public DeviceProfile {
        Checks.positive("flops", flops);
        Checks.require(memoryBytes >= 0, "memoryBytes must be >= 0, got " + memoryBytes);
        Checks.positive("uplinkBytesPerSecond", uplinkBytesPerSecond);
        Checks.positive("downlinkBytesPerSecond", downlinkBytesPerSecond);
        Checks.require(latencyNanos >= 0, "latencyNanos must be >= 0, got " + latencyNanos);
    }

    /** Simulated nanoseconds to compute {@code flop} floating-point operations, rounded up. */
    public long computeNanos(double flop) {
        Checks.nonNegative("flop", flop);
        return (long) Math.ceil(flop / flops * 1e9);
    }

    /** Simulated nanoseconds to upload {@code bytes}: latency plus transfer time, rounded up. */
    public long uploadNanos(long bytes) {
        Checks.require(bytes >= 0, "bytes must be >= 0, got " + bytes);
        return latencyNanos + (long) Math.ceil(bytes / uplinkBytesPerSecond * 1e9);
    }

    /** Simulated nanoseconds to download {@code bytes}: latency plus transfer time, rounded up. */
    public long downloadNanos(long bytes) {
        Checks.require(bytes >= 0, "bytes must be >= 0, got " + bytes);
        return latencyNanos + (long) Math.ceil(bytes / downlinkBytesPerSecond * 1e9);
    }
}
