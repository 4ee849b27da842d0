package org.lorasim.actors.clock;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Clock}'s settings, read from {@code lorasim.clock} (every key is documented in the actors
 * module's {@code reference.conf}).
 *
 * @param mode        {@link Mode#VIRTUAL}: advance as soon as a time's events are handled;
 *                    {@link Mode#REALTIME}: release the events of simulated time {@code t} no earlier than
 *                    {@code t / speed} of wall time after the run started
 * @param speed       simulated seconds per wall second in realtime mode ({@code 2.0} runs twice as fast as
 *                    real time); ignored in virtual mode; finite and {@code > 0}
 * @param ackTimeout  wall time a participant may take to acknowledge a delivery before the run fails
 * @param workTimeout wall time the clock waits, once it reaches a completion event, for the result of
 *                    eager work before the run fails; long, since it covers real training
 * @param timeUnit    the unit in which simulated times are written in logs and failure messages;
 *                    simulated time itself is always nanoseconds ({@link SimTime})
 */
public record ClockSettings(Mode mode, double speed, Duration ackTimeout, Duration workTimeout, TimeUnit timeUnit) {

    /** How simulated time relates to wall time. */
    public enum Mode {
        VIRTUAL, REALTIME
    }

    private static final String ROOT = "lorasim.clock";
    private static final Map<String, TimeUnit> UNITS = Map.of(
            "ns", TimeUnit.NANOSECONDS, "us", TimeUnit.MICROSECONDS, "ms", TimeUnit.MILLISECONDS,
            "s", TimeUnit.SECONDS, "min", TimeUnit.MINUTES, "h", TimeUnit.HOURS);
    private static final Set<String> KEYS = Set.of("mode", "speed", "ack-timeout", "work-timeout", "time-unit");

    public ClockSettings {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be VIRTUAL or REALTIME, got null");
        }
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be finite and > 0, got " + speed);
        }
        requirePositive("ackTimeout", ackTimeout);
        requirePositive("workTimeout", workTimeout);
        if (timeUnit == null || !UNITS.containsValue(timeUnit)) {
            throw new IllegalArgumentException("timeUnit must be one of " + new TreeSet<>(UNITS.values())
                    + ", got " + timeUnit);
        }
    }

    /** Virtual time, 30 s to acknowledge, 1 h for eager work, times written in seconds. */
    public static ClockSettings virtual() {
        return new ClockSettings(Mode.VIRTUAL, 1.0, Duration.ofSeconds(30), Duration.ofHours(1), TimeUnit.SECONDS);
    }

    public ClockSettings withMode(Mode newMode, double newSpeed) {
        return new ClockSettings(newMode, newSpeed, ackTimeout, workTimeout, timeUnit);
    }

    public ClockSettings withAckTimeout(Duration timeout) {
        return new ClockSettings(mode, speed, timeout, workTimeout, timeUnit);
    }

    public ClockSettings withWorkTimeout(Duration timeout) {
        return new ClockSettings(mode, speed, ackTimeout, timeout, timeUnit);
    }

    /**
     * Reads {@code lorasim.clock} from a whole configuration (the scenario with {@code reference.conf} as
     * fallback).
     *
     * @throws ConfigException naming the key (and, where known, the file and line) if a key is missing,
     *                         unknown, of the wrong type or out of range
     */
    public static ClockSettings from(Config config) {
        Config clock = config.getConfig(ROOT);
        for (String key : clock.root().keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException.BadPath(clock.getValue(key).origin(), ROOT + "." + key,
                        "unknown key; the keys of " + ROOT + " are " + new TreeSet<>(KEYS));
            }
        }
        String modePath = ROOT + ".mode";
        String modeName = config.getString(modePath);
        Mode mode;
        try {
            mode = Mode.valueOf(modeName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(config, modePath, "must be virtual or realtime, got '" + modeName + "'");
        }
        String speedPath = ROOT + ".speed";
        double speed = config.getDouble(speedPath);
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw bad(config, speedPath, "must be finite and > 0, got " + speed);
        }
        Duration ackTimeout = positiveDuration(config, ROOT + ".ack-timeout");
        Duration workTimeout = positiveDuration(config, ROOT + ".work-timeout");
        String unitPath = ROOT + ".time-unit";
        String unitName = config.getString(unitPath).trim();
        TimeUnit unit = UNITS.get(unitName);
        if (unit == null) {
            throw bad(config, unitPath, "must be one of " + new TreeSet<>(UNITS.keySet()) + ", got '" + unitName + "'");
        }
        return new ClockSettings(mode, speed, ackTimeout, workTimeout, unit);
    }

    /** {@code time} written in {@link #timeUnit()}. */
    public String format(long time) {
        return SimTime.format(time, timeUnit);
    }

    /** How often the watchdog looks at the wall clock: a quarter of the shorter timeout, 1 ms to 1 s. */
    public Duration watchdogPeriod() {
        Duration shorter = ackTimeout.compareTo(workTimeout) <= 0 ? ackTimeout : workTimeout;
        long nanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(TimeUnit.SECONDS.toNanos(1),
                shorter.toNanos() / 4));
        return Duration.ofNanos(nanos);
    }

    private static Duration positiveDuration(Config config, String path) {
        Duration value = config.getDuration(path);
        if (value.isZero() || value.isNegative()) {
            throw bad(config, path, "must be a duration > 0, got " + value);
        }
        return value;
    }

    private static ConfigException bad(Config config, String path, String problem) {
        return new ConfigException.BadValue(config.getValue(path).origin(), path, problem);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration > 0, got " + value);
        }
    }
}
