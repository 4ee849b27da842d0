package org.lorasim.actors.scenario;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.actors.scenario.ScenarioAction.Direction;

/**
 * Reads {@code lorasim.scenario.events} (documented in the actors module's {@code reference.conf}) into
 * {@link ScenarioEvent}s, checking every key, type, value and client id before anything runs; a problem
 * fails with a {@link ConfigException} naming the key and its file and line.
 */
public final class ScenarioSettings {
    static final String PATH = "lorasim.scenario.events";
    private static final Set<String> COMMON = Set.of("at-round", "at-time", "every", "times", "action");
    private static final Map<String, Set<String>> ACTION_KEYS = Map.ofEntries(
            Map.entry("crash", Set.of("clients", "lose-state", "recover-after")),
            Map.entry("recover", Set.of("clients")),
            Map.entry("remove-clients", Set.of("clients")),
            Map.entry("add-clients", Set.of("clients")),
            Map.entry("slow-down", Set.of("clients", "factor")),
            Map.entry("set-link", Set.of("clients", "direction", "bandwidth", "latency", "loss")),
            Map.entry("link-down", Set.of("clients", "direction")),
            Map.entry("link-up", Set.of("clients", "direction")),
            Map.entry("partition", Set.of("groups")),
            Map.entry("heal", Set.of()),
            Map.entry("crash-aggregator", Set.of("recover-after")),
            Map.entry("recover-aggregator", Set.of()));

    private ScenarioSettings() {
    }

    /** The events of {@code config}'s scenario, for a run of {@code clientCount} clients. */
    public static List<ScenarioEvent> from(Config config, int clientCount) {
        if (!config.hasPath(PATH)) {
            return List.of();
        }
        List<ScenarioEvent> events = new ArrayList<>();
        List<? extends ConfigObject> list = config.getObjectList(PATH);
        for (int i = 0; i < list.size(); i++) {
            String name = PATH + "[" + i + "]";
            try {
                events.add(read(list.get(i).toConfig(), name, clientCount));
            } catch (ConfigException.BadValue | ConfigException.BadPath e) {
                throw located(e, name);
            }
        }
        return List.copyOf(events);
    }

    private static final java.util.regex.Pattern KEYED = java.util.regex.Pattern.compile(
            "Invalid (?:value at|path) '(?<key>[^']+)': (?<problem>.*)", java.util.regex.Pattern.DOTALL);

    /** The same problem with the key's full path ({@code lorasim.scenario.events[2].clients}). */
    private static ConfigException located(ConfigException e, String event) {
        java.util.regex.Matcher m = KEYED.matcher(e.getMessage());
        if (!m.find() || m.group("key").startsWith(PATH)) {
            return e;
        }
        return new ConfigException.BadValue(e.origin(), event + "." + m.group("key"), m.group("problem"), e);
    }

    private static ScenarioEvent read(Config e, String name, int count) {
        String where = e.origin().description();
        if (!e.hasPath("action")) {
            throw new ConfigException.Missing(e.origin(), name + ".action");
        }
        String action = ConfigReading.oneOf(e, "action", new TreeSet<>(ACTION_KEYS.keySet()));
        Set<String> known = new TreeSet<>(COMMON);
        known.addAll(ACTION_KEYS.get(action));
        for (String key : e.root().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException.BadPath(e.getValue(key).origin(), name + "." + key, "unknown key for action '"
                        + action + "'" + ConfigReading.didYouMean(key, known) + "; its keys are " + known);
            }
        }
        boolean byRound = e.hasPath("at-round");
        if (byRound == e.hasPath("at-time")) {
            throw new ConfigException.BadValue(e.origin(), name, "give exactly one of at-round and at-time");
        }
        int atRound = byRound ? nonNegativeInt(e, "at-round") : -1;
        long atTime = byRound ? -1 : nanos(e, "at-time");
        long every = !e.hasPath("every") ? 0 : byRound ? nonNegativeInt(e, "every") : nanos(e, "every");
        int times;
        if (e.hasPath("times")) {
            times = nonNegativeInt(e, "times");
            if (times < 1 || (times > 1 && every == 0)) {
                throw bad(e, "times", "must be >= 1, and > 1 only with every > 0, got " + times);
            }
        } else if (every > 0 && byRound) {
            times = Integer.MAX_VALUE;
        } else if (every > 0) {
            throw bad(e, "every", "a repeating event at a time needs times (how many occurrences)");
        } else {
            times = 1;
        }
        return new ScenarioEvent(atRound, atTime, every, times, action(e, action, count), where);
    }

    private static ScenarioAction action(Config e, String action, int count) {
        return switch (action) {
            case "crash" -> new ScenarioAction.CrashClients(clients(e, count),
                    e.hasPath("lose-state") && e.getBoolean("lose-state"),
                    e.hasPath("recover-after") ? nanos(e, "recover-after") : 0);
            case "recover", "add-clients" -> new ScenarioAction.RecoverClients(clients(e, count));
            case "remove-clients" -> new ScenarioAction.RemoveClients(clients(e, count));
            case "slow-down" -> {
                double factor = ConfigReading.nonNegative(e, "factor");
                if (factor <= 0) {
                    throw bad(e, "factor", "must be > 0, got " + factor);
                }
                yield new ScenarioAction.SlowDown(clients(e, count), factor);
            }
            case "set-link" -> new ScenarioAction.SetLinks(clients(e, count), direction(e),
                    e.hasPath("bandwidth") ? ConfigReading.linkRate(e, "bandwidth") : -1,
                    e.hasPath("latency") ? nanos(e, "latency") : -1,
                    e.hasPath("loss") ? ConfigReading.probability(e, "loss") : Double.NaN);
            case "link-down" -> new ScenarioAction.LinksDown(clients(e, count), direction(e), true);
            case "link-up" -> new ScenarioAction.LinksDown(clients(e, count), direction(e), false);
            case "partition" -> new ScenarioAction.Partition(groups(e, count));
            case "heal" -> new ScenarioAction.Heal();
            case "crash-aggregator" -> {
                long after = e.hasPath("recover-after") ? nanos(e, "recover-after") : 0;
                yield new ScenarioAction.CrashAggregator(after);
            }
            case "recover-aggregator" -> new ScenarioAction.RecoverAggregator();
            default -> throw new IllegalStateException("action " + action);
        };
    }


    private static List<Integer> clients(Config e, int count) {
        if (!e.hasPath("clients")) {
            throw new ConfigException.BadValue(e.origin(), "clients", "this action needs clients (ids, 'all', a range or a draw)");
        }
        return ClientSelector.read(e, "clients", count);
    }

    private static Direction direction(Config e) {
        if (!e.hasPath("direction")) {
            return Direction.BOTH;
        }
        return Direction.valueOf(ConfigReading.oneOf(e, "direction", List.of("up", "down", "both")).toUpperCase());
    }

    private static List<List<Integer>> groups(Config e, int count) {
        List<List<Integer>> groups = new ArrayList<>();
        TreeSet<Integer> seen = new TreeSet<>();
        for (ConfigValue group : e.getList("groups")) {
            if (!(group instanceof ConfigList members)) {
                throw bad(e, "groups", "must be a list of lists of client ids, e.g. [[0, 1], [2, 3]]");
            }
            List<Integer> ids = new ArrayList<>();
            for (ConfigValue member : members) {
                int id = (int) ConfigReading.wholeNumber(member, e, "groups");
                if (id < 0 || id >= count) {
                    throw bad(e, "groups", "unknown client id " + id + ": the clients are 0 to " + (count - 1));
                }
                if (!seen.add(id)) {
                    throw bad(e, "groups", "client " + id + " is in two groups");
                }
                ids.add(id);
            }
            groups.add(ids);
        }
        if (groups.isEmpty()) {
            throw bad(e, "groups", "a partition needs at least one group of clients");
        }
        return groups;
    }

    private static int nonNegativeInt(Config e, String key) {
        int value = ConfigReading.integer(e, key);
        if (value < 0) {
            throw bad(e, key, "must be >= 0, got " + value);
        }
        return value;
    }

    private static long nanos(Config e, String key) {
        return Math.round(ConfigReading.seconds(e, key) * 1e9);
    }
}
