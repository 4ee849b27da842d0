package org.lorasim.actors.profile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Small readers for Lorasim's configuration sub-trees: unknown keys and types with a did-you-mean,
 * byte sizes and rates ({@code 4 GiB}, {@code 10 MB/s}), and relative file paths. Every failure is a
 * {@link ConfigException.BadValue} carrying the value's origin (file and line) and its full path.
 */
public final class ConfigReading {
    private ConfigReading() {
    }

    public static ConfigException.BadValue bad(Config config, String path, String problem) {
        return new ConfigException.BadValue(config.getValue(path).origin(), path, problem);
    }

    public static ConfigException.BadValue bad(Config config, String path, String problem, Throwable cause) {
        return new ConfigException.BadValue(config.getValue(path).origin(), path, problem, cause);
    }

    /** Fails on a key of the object at {@code path} that is not in {@code known}. */
    public static void requireKnownKeys(Config config, String path, Set<String> known) {
        for (String key : config.getConfig(path).root().keySet()) {
            if (!known.contains(key)) {
                String full = path + "." + key;
                throw new ConfigException.BadPath(config.getValue(full).origin(), full,
                        "unknown key" + didYouMean(key, known) + "; the keys of " + path + " are " + new TreeSet<>(known));
            }
        }
    }

    /** The switch at {@code path}: {@code on} or {@code off} (HOCON's other booleans, true / yes ..., too). */
    public static boolean onOff(Config config, String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException.WrongType e) {
            throw bad(config, path, "must be on or off, got '" + config.getValue(path).unwrapped() + "'", e);
        }
    }

    /** The string at {@code path}, which must be one of {@code known}. */
    public static String oneOf(Config config, String path, Collection<String> known) {
        String value = config.getString(path).trim();
        if (!known.contains(value)) {
            throw bad(config, path, "unknown value '" + value + "'" + didYouMean(value, known)
                    + "; the known values are " + new TreeSet<>(known));
        }
        return value;
    }

    /**
     * Fails when {@code path} is unset or null (as the keys a block's {@code type} needs are by default),
     * pointing at where that {@code type} was set, since that is the choice that needs the key.
     */
    public static void requireSet(Config config, String path) {
        if (config.hasPath(path)) {
            return;
        }
        int dot = path.lastIndexOf('.');
        String typePath = dot < 0 ? "type" : path.substring(0, dot) + ".type";
        if (config.hasPath(typePath)) {
            throw new ConfigException.BadValue(config.getValue(typePath).origin(), path, "is not set, and "
                    + typePath.substring(typePath.lastIndexOf('.') + 1) + " = " + config.getString(typePath)
                    + " needs it");
        }
        throw new ConfigException.Missing(path);
    }

    /**
     * The whole number at {@code path} as an int: {@code 2.5}, {@code 1e10} or {@code "three"} are refused
     * (Typesafe's {@code getInt} would truncate the first and wrap or clamp the second).
     */
    public static int integer(Config config, String path) {
        requireSet(config, path);
        return (int) whole(config.getValue(path), Integer.MIN_VALUE, Integer.MAX_VALUE,
                problem -> bad(config, path, problem));
    }

    /** The whole number at {@code path} as a long; beyond the 64-bit range it is refused, never clamped. */
    public static long longInteger(Config config, String path) {
        requireSet(config, path);
        return whole(config.getValue(path), Long.MIN_VALUE, Long.MAX_VALUE, problem -> bad(config, path, problem));
    }

    /** Every element of the list at {@code path} as a whole int ({@link #integer}'s rule). */
    public static List<Integer> integers(Config config, String path) {
        requireSet(config, path);
        List<Integer> values = new ArrayList<>();
        for (ConfigValue element : config.getList(path)) {
            values.add((int) wholeNumber(element, config, path));
        }
        return List.copyOf(values);
    }

    /** {@code value}, an element of the list at {@code path}, as a whole int, or a failure at its own line. */
    public static long wholeNumber(ConfigValue value, Config config, String path) {
        return whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE,
                problem -> new ConfigException.BadValue(value.origin(), path, problem));
    }

    /**
     * The exact whole number a config value holds, read from its text as written (a number's original text, or
     * a string), so that nothing is rounded on the way: it must have no fraction and lie in {@code [min, max]}.
     */
    private static long whole(ConfigValue value, long min, long max, Function<String, ConfigException> failure) {
        String text = switch (value.valueType()) {
            case NUMBER -> value.render().strip();
            case STRING -> ((String) value.unwrapped()).strip();
            default -> null;
        };
        BigDecimal exact;
        try {
            exact = text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            exact = null;
        }
        if (exact == null) {
            throw failure.apply("must be a whole number, got " + value.render());
        }
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw failure.apply("must be a whole number, got " + text);
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw failure.apply("must be a whole number in [" + min + ", " + max + "], got " + text);
        }
        return exact.longValueExact();
    }

    /** A probability in [0, 1]. */
    public static double probability(Config config, String path) {
        requireSet(config, path);
        double p = config.getDouble(path);
        if (!(p >= 0 && p <= 1)) {
            throw bad(config, path, "must be a probability in [0, 1], got " + p);
        }
        return p;
    }

    /** A finite number {@code >= 0}. */
    public static double nonNegative(Config config, String path) {
        requireSet(config, path);
        double value = config.getDouble(path);
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw bad(config, path, "must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * Bytes ({@code rate == false}) or bytes per second ({@code rate == true}): a plain number, or a size
     * with a unit as Typesafe Config reads it ({@code 4 GiB}, {@code 1.5 MB}), for rates optionally
     * followed by {@code /s} ({@code 10 MB/s}). Must be {@code >= 0}.
     */
    public static double bytes(Config config, String path, boolean rate) {
        requireSet(config, path);
        ConfigValue value = config.getValue(path);
        double bytes;
        if (value.valueType() == ConfigValueType.NUMBER) {
            bytes = config.getDouble(path);
        } else {
            String text = config.getString(path).trim();
            if (rate && text.endsWith("/s")) {
                text = text.substring(0, text.length() - 2).trim();
            }
            try {
                bytes = ConfigFactory.empty().withValue("v", ConfigValueFactory.fromAnyRef(text)).getBytes("v");
            } catch (ConfigException e) {
                throw bad(config, path, "must be " + (rate ? "bytes per second such as 10 MB/s" : "a size such as 4 GiB")
                        + ", got '" + config.getString(path) + "'", e);
            }
        }
        if (!(bytes >= 0) || !Double.isFinite(bytes)) {
            throw bad(config, path, "must be >= 0, got " + bytes);
        }
        return bytes;
    }

    /**
     * A link's bandwidth in whole bytes per second, as {@link #bytes} reads a rate: links transmit whole bytes,
     * so a rate is rounded to the nearest byte per second and must be at least 1 byte/s (a rate below that
     * would round to 0, which a link cannot have).
     */
    public static long linkRate(Config config, String path) {
        double rate = bytes(config, path, true);
        if (rate < 1) {
            throw bad(config, path, "must be at least 1 byte per second (links send whole bytes), got " + rate);
        }
        return Math.round(rate);
    }

    /** A duration in seconds; a plain number is milliseconds (Typesafe Config's rule). Must be {@code >= 0}. */
    public static double seconds(Config config, String path) {
        requireSet(config, path);
        Duration duration = config.getDuration(path);
        if (duration.isNegative()) {
            throw bad(config, path, "must be a duration >= 0, got " + duration);
        }
        return duration.toNanos() / 1e9;
    }

    /** A file path; a relative one resolves against the directory of the file that set it, if known. */
    public static Path file(Config config, String path) {
        requireSet(config, path);
        Path file = Path.of(config.getString(path));
        String origin = config.getValue(path).origin().filename();
        if (!file.isAbsolute() && origin != null) {
            Path parent = Path.of(origin).toAbsolutePath().getParent();
            if (parent != null) {
                return parent.resolve(file);
            }
        }
        return file;
    }

    /** {@code "; did you mean 'x'?"} for the nearest known word within edit distance 3, else "". */
    public static String didYouMean(String word, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String k) -> editDistance(word, k)).thenComparing(k -> k))
                .filter(k -> editDistance(word, k) <= 3)
                .map(k -> "; did you mean '" + k + "'?")
                .orElse("");
    }

    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
