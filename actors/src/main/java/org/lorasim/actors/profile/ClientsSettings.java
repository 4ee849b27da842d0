package org.lorasim.actors.profile;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.lorasim.policies.Checks;

/**
 * The client population's settings, read from {@code lorasim.clients} (every key is documented in the
 * actors module's {@code reference.conf}): how many clients, the distributions their device profiles are
 * drawn from (or a per-client table), and their availability model.
 *
 * @param count          number of clients, ids {@code 0 .. count - 1}; {@code > 0}
 * @param compute        compute speed, FLOP/s (may be a {@link Distribution.StragglerMix})
 * @param memoryBytes    memory budget, bytes
 * @param uplink         upload bandwidth, bytes per second
 * @param downlink       download bandwidth, bytes per second
 * @param latencySeconds one-way latency, seconds
 * @param table          per-client profiles replacing the five distributions, or null
 * @param availability   the availability model, with seed 0: use {@link #availability(long)}
 */
public record ClientsSettings(int count, Distribution compute, Distribution memoryBytes, Distribution uplink,
                              Distribution downlink, Distribution latencySeconds, DeviceTable table,
                              Availability availability) {

    static final String ROOT = "lorasim.clients";

    /** The keys that name files; a relative path resolves against the directory of the file that set it. */
    public static final List<String> FILE_KEYS = List.of(ROOT + ".table", ROOT + ".availability.file");

    /**
     * {@code config} with every {@link #FILE_KEYS file key} that is set turned into an absolute path, so that a
     * copy of the configuration written elsewhere (a run folder's {@code config.conf}, read back by resume)
     * still names the same files.
     */
    public static Config withAbsoluteFiles(Config config) {
        Config out = config;
        for (String key : FILE_KEYS) {
            if (config.hasPath(key)) {
                out = out.withValue(key, ConfigValueFactory.fromAnyRef(
                        ConfigReading.file(config, key).toAbsolutePath().normalize().toString(),
                        config.getValue(key).origin().description()));
            }
        }
        return out;
    }
    private static final Set<String> KEYS = Set.of("count", "compute", "memory", "uplink", "downlink", "latency",
            "availability", "table", "memory-check");
    private static final List<String> DISTRIBUTIONS = List.of("constant", "uniform", "lognormal");
    private static final Set<String> DISTRIBUTION_KEYS = Set.of("type", "value", "lo", "hi", "median", "sigma");
    private static final List<String> AVAILABILITIES = List.of("always", "bernoulli", "markov", "trace");
    private static final Set<String> AVAILABILITY_KEYS = Set.of("type", "p", "p-on-to-off", "p-off-to-on", "start",
            "step", "file", "missing-clients-available");

    private enum Unit { PLAIN, BYTES, RATE, SECONDS }

    public ClientsSettings {
        Checks.positive("count", count);
        for (Object part : new Object[] {compute, memoryBytes, uplink, downlink, latencySeconds, availability}) {
            Checks.require(part != null, "the distributions and the availability model must not be null");
        }
    }

    /**
     * Reads {@code lorasim.clients} from a whole configuration (the scenario with {@code reference.conf} as
     * fallback). Reads the table and trace files too, so that every problem shows before the run starts.
     *
     * @throws ConfigException naming the key and, where known, the file and line, if a key is missing,
     *                         unknown, of the wrong type or out of range, or a file is unreadable or bad
     */
    public static ClientsSettings from(Config config) {
        ConfigReading.requireKnownKeys(config, ROOT, KEYS);
        String countPath = ROOT + ".count";
        int count = ConfigReading.integer(config, countPath);
        if (count <= 0) {
            throw bad(config, countPath, "must be > 0, got " + count);
        }
        Distribution compute = distribution(config, ROOT + ".compute", Unit.PLAIN, true);
        Distribution memory = distribution(config, ROOT + ".memory", Unit.BYTES, false);
        Distribution uplink = distribution(config, ROOT + ".uplink", Unit.RATE, false);
        Distribution downlink = distribution(config, ROOT + ".downlink", Unit.RATE, false);
        Distribution latency = distribution(config, ROOT + ".latency", Unit.SECONDS, false);
        DeviceTable table = table(config, ROOT + ".table", count);
        Availability availability = availability(config, ROOT + ".availability");
        return new ClientsSettings(count, compute, memory, uplink, downlink, latency, table, availability);
    }

    /** The profile generator: the table if one is set, otherwise the distributions. */
    public ProfileGenerator profileGenerator() {
        return table != null ? new ProfileGenerator(table)
                : new ProfileGenerator(compute, memoryBytes, uplink, downlink, latencySeconds);
    }

    /** The availability model with its random answers drawn from {@code seed}. */
    public Availability availability(long seed) {
        return availability.withSeed(seed);
    }

    private static Distribution distribution(Config config, String path, Unit unit, boolean stragglers) {
        Set<String> keys = new HashSet<>(DISTRIBUTION_KEYS);
        if (stragglers) {
            keys.add("stragglers");
        }
        ConfigReading.requireKnownKeys(config, path, keys);
        String typePath = path + ".type";
        String type = ConfigReading.oneOf(config, typePath, DISTRIBUTIONS);
        Distribution base;
        try {
            base = switch (type) {
                case "constant" -> new Distribution.Constant(unit == Unit.PLAIN || unit == Unit.RATE
                        ? positive(config, path + ".value", unit) : quantity(config, path + ".value", unit));
                case "uniform" -> uniform(config, path, unit);
                default -> new Distribution.LogNormal(positive(config, path + ".median", unit),
                        ConfigReading.nonNegative(config, path + ".sigma"));
            };
        } catch (IllegalArgumentException e) {
            throw bad(config, typePath, e.getMessage(), e);
        }
        if (!stragglers || !config.hasPath(path + ".stragglers")) {
            return base;
        }
        String mix = path + ".stragglers";
        ConfigReading.requireKnownKeys(config, mix, Set.of("fraction", "slowdown"));
        double fraction = ConfigReading.probability(config, mix + ".fraction");
        String slowdownPath = mix + ".slowdown";
        double slowdown = config.getDouble(slowdownPath);
        if (!(slowdown >= 1) || !Double.isFinite(slowdown)) {
            throw bad(config, slowdownPath, "must be a finite number >= 1 (speed is divided by it), got " + slowdown);
        }
        return fraction == 0 ? base : new Distribution.StragglerMix(base, fraction, slowdown);
    }

    private static Distribution uniform(Config config, String path, Unit unit) {
        double lo = quantity(config, path + ".lo", unit);
        double hi = quantity(config, path + ".hi", unit);
        if (hi < lo) {
            throw bad(config, path + ".hi", "must be >= lo (" + lo + "), got " + hi);
        }
        if ((unit == Unit.PLAIN || unit == Unit.RATE) && !(lo > 0)) {
            throw bad(config, path + ".lo", "must be > 0, got " + lo);
        }
        return new Distribution.Uniform(lo, hi);
    }

    private static double positive(Config config, String path, Unit unit) {
        double value = quantity(config, path, unit);
        if (!(value > 0)) {
            throw bad(config, path, "must be > 0, got " + value);
        }
        return value;
    }

    private static double quantity(Config config, String path, Unit unit) {
        return switch (unit) {
            case PLAIN -> ConfigReading.nonNegative(config, path);
            case BYTES -> ConfigReading.bytes(config, path, false);
            case RATE -> ConfigReading.bytes(config, path, true);
            case SECONDS -> ConfigReading.seconds(config, path);
        };
    }

    private static DeviceTable table(Config config, String path, int count) {
        if (!config.hasPath(path)) {
            return null;
        }
        Path file = ConfigReading.file(config, path);
        DeviceTable table;
        try {
            table = DeviceTable.read(file);
        } catch (IllegalArgumentException e) {
            throw bad(config, path, e.getMessage(), e);
        }
        for (int client = 0; client < count; client++) {
            if (table.get(client) == null) {
                throw bad(config, path, file + " has no row for client " + client + " (count = " + count
                        + ", so it needs clients 0 to " + (count - 1) + ")");
            }
        }
        return table;
    }

    private static Availability availability(Config config, String path) {
        ConfigReading.requireKnownKeys(config, path, AVAILABILITY_KEYS);
        String type = ConfigReading.oneOf(config, path + ".type", AVAILABILITIES);
        return switch (type) {
            case "always" -> new Availability.Always();
            case "bernoulli" -> new Availability.Bernoulli(ConfigReading.probability(config, path + ".p"), 0);
            case "markov" -> markov(config, path);
            default -> {
                String filePath = path + ".file";
                Path file = ConfigReading.file(config, filePath);
                try {
                    yield IntervalTrace.read(file, config.getBoolean(path + ".missing-clients-available"));
                } catch (IllegalArgumentException e) {
                    throw bad(config, filePath, e.getMessage(), e);
                }
            }
        };
    }

    private static OnOffMarkov markov(Config config, String path) {
        double onToOff = ConfigReading.probability(config, path + ".p-on-to-off");
        double offToOn = ConfigReading.probability(config, path + ".p-off-to-on");
        String startPath = path + ".start";
        OnOffMarkov.Start start = OnOffMarkov.Start.valueOf(
                ConfigReading.oneOf(config, startPath, List.of("on", "off", "stationary")).toUpperCase(Locale.ROOT));
        if (start == OnOffMarkov.Start.STATIONARY && onToOff + offToOn == 0) {
            throw bad(config, startPath, "stationary needs p-on-to-off + p-off-to-on > 0, got both 0");
        }
        String stepPath = path + ".step";
        long stepNanos = 0;
        if (!"round".equals(config.getValue(stepPath).unwrapped())) {
            stepNanos = config.getDuration(stepPath, TimeUnit.NANOSECONDS);
            if (stepNanos <= 0) {
                throw bad(config, stepPath, "must be round or a duration > 0, got " + config.getValue(stepPath).unwrapped());
            }
        }
        return new OnOffMarkov(onToOff, offToOn, start, stepNanos, 0);
    }
}
