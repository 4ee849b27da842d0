package org.lorasim.actors.clock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time: a {@code long} count of nanoseconds since the start of the simulation (time 0).
 *
 * <p>Nanoseconds because every simulated delay is computed by a model (bytes over bandwidth, FLOPs over
 * a device's speed) and a finer unit never loses a short delay to rounding, while a {@code long} still
 * spans 292 years of simulated time. Simulated time is never wall time: nothing here reads a real clock.
 * Values are plain {@code long}s (no wrapper object) so that the clock's queue stays allocation-light.
 */
public final class SimTime {
    /** The start of every simulation. */
    public static final long ZERO = 0L;

    private SimTime() {
    }

    public static long ofNanos(long nanos) {
        return requireNonNegative("nanos", nanos);
    }

    public static long ofMicros(long micros) {
        return Math.multiplyExact(requireNonNegative("micros", micros), 1_000L);
    }

    public static long ofMillis(long millis) {
        return Math.multiplyExact(requireNonNegative("millis", millis), 1_000_000L);
    }

    public static long ofSeconds(long seconds) {
        return Math.multiplyExact(requireNonNegative("seconds", seconds), 1_000_000_000L);
    }

    /**
     * A duration given in (fractional) seconds, as models produce it, rounded to the nearest nanosecond.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN, infinite or beyond the range
     */
    public static long ofSeconds(double seconds) {
        if (!(seconds >= 0) || !Double.isFinite(seconds) || seconds * 1e9 >= 0x1p63) {
            throw new IllegalArgumentException(
                    "seconds must be finite, >= 0 and below 292 years, got " + seconds);
        }
        return Math.round(seconds * 1e9);
    }

    public static long of(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0, got " + duration);
        }
        return duration.toNanos();
    }

    /** {@code time + delay}, failing loudly on overflow instead of wrapping into the past. */
    public static long plus(long time, long delay) {
        requireNonNegative("delay", delay);
        return Math.addExact(time, delay);
    }

    public static Duration toDuration(long time) {
        return Duration.ofNanos(time);
    }

    public static double toSeconds(long time) {
        return time / 1e9;
    }

    /** The time in seconds with all nine decimals, e.g. {@code 12.000000500 s}. */
    public static String format(long time) {
        return format(time, TimeUnit.SECONDS);
    }

    /**
     * The time written in {@code unit} to nanosecond resolution: {@code format(1_500_000, MILLISECONDS)}
     * is {@code 1.500000 ms}, {@code format(90 s, MINUTES)} is {@code 1.50000000000 min}. Exact for ns, us,
     * ms and s; minutes and hours are rounded (half even) to as many decimals as a nanosecond needs.
     */
    public static String format(long time, TimeUnit unit) {
        long perUnit = unit.toNanos(1);
        int decimals = (int) Math.ceil(Math.log10(perUnit));
        BigDecimal value = BigDecimal.valueOf(time).divide(BigDecimal.valueOf(perUnit), decimals, RoundingMode.HALF_EVEN);
        return value.toPlainString() + " " + symbol(unit);
    }

    static String symbol(TimeUnit unit) {
        switch (unit) {
            case NANOSECONDS:
                return "ns";
            case MICROSECONDS:
                return "us";
            case MILLISECONDS:
                return "ms";
            case SECONDS:
                return "s";
            case MINUTES:
                return "min";
            case HOURS:
                return "h";
            default:
                return "d";
        }
    }

    private static long requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }
}
