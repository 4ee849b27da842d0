package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lorasim.actors.run.Simulation;
import org.lorasim.cluster.node.NodeSettings;

/**
 * Checks a scenario before anything runs, in two steps, and reports every problem of both at once.
 *
 * <ol>
 *   <li>Keys and types: every key the user set under {@code lorasim} (in the file or with {@code --set}) must
 *   exist in the defaults ({@code application.conf} + {@code reference.conf}), with a "did you mean" from
 *   {@link KeySuggestions}; its value must have the default's type. A null default or a null value accepts
 *   anything; below an empty default object (a free-form map) any key is accepted. A number or a string that
 *   reads as a number stands for a number, and a number for a duration or a size (Typesafe reads it in ms or
 *   bytes); a string default takes any scalar. Every problem is collected, one line each, ordered by where it
 *   was set.</li>
 *   <li>{@link Simulation#validate} and {@link NodeSettings#fromConfig}: the runtime's and the cluster node's own
 *   checks (ranges, algorithm names, scenario events, roles, ports, TLS files, the public-bind rule), whose
 *   {@link ConfigException} becomes {@code FILE:LINE: KEY: message} ({@link ConfigProblems#describe}). The
 *   runtime stops at its first problem, so the check repairs and retries: the keys step 1 refused, then each
 *   key the runtime refuses, are put back to their documented default (an unknown key is dropped) and the
 *   runtime is asked again, until it passes, names no key, or names a key already put back (its problem then
 *   lies in how it combines with other keys, which this report has already named).</li>
 * </ol>
 */
public final class ScenarioValidator {

    private record Problem(String where, int line, String key, String message) {
    }

    /** At most this many rounds of repair and retry: every round puts back one more key. */
    private static final int MAX_RUNTIME_PROBLEMS = 50;

    private enum Kind { NUMBER, BOOLEAN, STRING, DURATION, SIZE, LIST, OBJECT }

    private ScenarioValidator() {
    }

    /** @throws UserInputException listing every key, type and runtime problem, one per line */
    public static void validate(Scenario scenario) {
        List<Problem> keyProblems = keyProblems(scenario);
        List<String> problems = new ArrayList<>(keyProblems.stream().map(ScenarioValidator::render).toList());
        problems.addAll(runtimeProblems(scenario.config(),
                keyProblems.stream().map(Problem::key).collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
        if (!problems.isEmpty()) {
            throw new UserInputException(String.join("\n", problems));
        }
    }

    /**
     * The runtime's problems ({@link Simulation#validate}), each as {@code FILE:LINE: KEY: message}, found by
     * repairing and retrying; {@code refused} are the keys step 1 already reported, put back first.
     */
    static List<String> runtimeProblems(Config config, Set<String> refused) {
        Config reference = ConfigFactory.defaultReference(ScenarioValidator.class.getClassLoader()).resolve();
        Config repaired = config;
        Set<String> putBack = new TreeSet<>();
        for (String key : refused) {
            repaired = putBack(repaired, reference, key);
            putBack.add(key);
        }
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < MAX_RUNTIME_PROBLEMS; round++) {
            try {
                Simulation.validate(repaired);
                NodeSettings.fromConfig(repaired);
                return problems;
            } catch (ConfigException e) {
                Optional<String> key = ConfigProblems.key(e);
                if (key.isPresent() && putBack.contains(key.get())) {
                    return problems;
                }
                problems.add(ConfigProblems.describe(e));
                if (key.isEmpty() || !hasPath(repaired, key.get())) {
                    return problems;
                }
                putBack.add(key.get());
                repaired = putBack(repaired, reference, key.get());
            }
        }
        return problems;
    }

    /** False also for a key that is no path (a list element's, {@code events[0].clients}). */
    private static boolean hasPath(Config config, String key) {
        try {
            return config.hasPath(key);
        } catch (ConfigException e) {
            return false;
        }
    }

    /** {@code config} with {@code key} at its documented default, or without it when it has none. */
    private static Config putBack(Config config, Config reference, String key) {
        try {
            return reference.hasPath(key) ? config.withValue(key, reference.getValue(key)) : config.withoutPath(key);
        } catch (ConfigException e) {
            return config;
        }
    }

    /** Unknown keys and wrong types, each as {@code FILE:LINE: ...}, ordered by file and line. */
    public static List<String> keyAndTypeProblems(Scenario scenario) {
        return keyProblems(scenario).stream().map(ScenarioValidator::render).toList();
    }

    private static String render(Problem p) {
        return p.where() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message();
    }

    private static List<Problem> keyProblems(Scenario scenario) {
        List<Problem> problems = new ArrayList<>();
        ConfigObject defaults = scenario.defaults().root();
        Set<String> known = new TreeSet<>();
        collectPaths(defaults, List.of(), known);
        ConfigValue userLorasim = scenario.user().root().get("lorasim");
        if (userLorasim != null) {
            check(List.of("lorasim"), userLorasim, defaults.get("lorasim"), defaults, known, problems);
        }
        problems.sort(Comparator.comparing(Problem::where).thenComparingInt(Problem::line)
                .thenComparing(Problem::message));
        return problems;
    }

    private static void check(List<String> path, ConfigValue user, ConfigValue defaultValue, ConfigValue parentDefault,
                              Set<String> known, List<Problem> problems) {
        String key = ConfigUtil.joinPath(path);
        if (defaultValue == null) {
            boolean freeForm = parentDefault instanceof ConfigObject map && map.isEmpty();
            if (!freeForm) {
                unknown(path, user, known, problems);
            }
            return;
        }
        if (defaultValue.valueType() == ConfigValueType.NULL || user.valueType() == ConfigValueType.NULL) {
            return;
        }
        if (user instanceof ConfigObject userObject && defaultValue instanceof ConfigObject defaultObject) {
            for (String child : new TreeSet<>(userObject.keySet())) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child);
                check(childPath, userObject.get(child), defaultObject.get(child), defaultObject, known, problems);
            }
            return;
        }
        Kind expected = kindOf(defaultValue);
        if (!accepts(expected, user)) {
            problems.add(problem(user, key, key + ": expected " + expected + ", got " + user.valueType() + " "
                    + shortRender(user)));
        }
    }

    /** An unknown object is reported by its leaves, so that each full key gets its own suggestion. */
    private static void unknown(List<String> path, ConfigValue user, Set<String> known, List<Problem> problems) {
        if (user instanceof ConfigObject object && !object.isEmpty()) {
            for (String child : new TreeSet<>(object.keySet())) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child);
                unknown(childPath, object.get(child), known, problems);
            }
            return;
        }
        String key = ConfigUtil.joinPath(path);
        String hint = KeySuggestions.suggest(key, known).map(k -> "; did you mean '" + k + "'?").orElse("");
        problems.add(problem(user, key, "unknown key '" + key + "'" + hint));
    }

    private static Kind kindOf(ConfigValue defaultValue) {
        return switch (defaultValue.valueType()) {
            case NUMBER -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case LIST -> Kind.LIST;
            case OBJECT -> Kind.OBJECT;
            default -> readsAsDuration(defaultValue) ? Kind.DURATION
                    : readsAsSize(defaultValue) ? Kind.SIZE : Kind.STRING;
        };
    }

    private static boolean accepts(Kind expected, ConfigValue user) {
        ConfigValueType type = user.valueType();
        boolean scalar = type == ConfigValueType.NUMBER || type == ConfigValueType.STRING
                || type == ConfigValueType.BOOLEAN;
        return switch (expected) {
            case NUMBER -> type == ConfigValueType.NUMBER || type == ConfigValueType.STRING && readsAsNumber(user);
            case BOOLEAN -> type == ConfigValueType.BOOLEAN
                    || type == ConfigValueType.STRING && readsAsBoolean(user);
            case DURATION -> type == ConfigValueType.NUMBER || type == ConfigValueType.STRING && readsAsDuration(user);
            case SIZE -> type == ConfigValueType.NUMBER || type == ConfigValueType.STRING && readsAsSize(user);
            case STRING -> scalar;
            case LIST -> type == ConfigValueType.LIST;
            case OBJECT -> type == ConfigValueType.OBJECT;
        };
    }

    private static boolean readsAsNumber(ConfigValue value) {
        try {
            Double.parseDouble(((String) value.unwrapped()).strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean readsAsBoolean(ConfigValue value) {
        return Set.of("true", "false", "yes", "no", "on", "off").contains((String) value.unwrapped());
    }

    private static boolean readsAsDuration(ConfigValue value) {
        try {
            ConfigFactory.empty().withValue("v", value).getDuration("v");
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static boolean readsAsSize(ConfigValue value) {
        try {
            ConfigFactory.empty().withValue("v", value).getMemorySize("v");
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static String shortRender(ConfigValue value) {
        String text = value.render(ConfigRenderOptions.concise());
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static Problem problem(ConfigValue value, String key, String message) {
        var origin = value.origin();
        if (origin != null && origin.filename() != null) {
            return new Problem(origin.filename(), origin.lineNumber(), key, message);
        }
        return new Problem(ConfigProblems.where(origin), -1, key, message);
    }

    private static void collectPaths(ConfigObject object, List<String> prefix, Set<String> into) {
        for (var entry : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            if (!path.get(0).equals("lorasim")) {
                continue;
            }
            into.add(ConfigUtil.joinPath(path));
            if (entry.getValue() instanceof ConfigObject child) {
                collectPaths(child, path, into);
            }
        }
    }
}
