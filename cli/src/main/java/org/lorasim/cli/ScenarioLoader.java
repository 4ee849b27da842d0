package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a scenario in layers, each over the next: the {@code --set key=value} overrides (a later one over an
 * earlier one), then either the user's scenario file or, when none is given, the classpath
 * {@code application.conf} (the embedded default scenario), and last {@code ConfigFactory.defaultReference()}
 * (every module's {@code reference.conf}, where every key has its documented default); then resolves
 * substitutions across all of them. A scenario file therefore starts from the documented defaults, not from
 * the default scenario's choices (its clients, its stragglers, its scripted crash). Values keep their origin: {@code FILE:LINE} for the file, and
 * {@code --set KEY=VALUE} for an override, so every later message can say where a bad value was set.
 *
 * <p>A missing or unparsable file and a malformed {@code --set} throw {@link UserInputException}.
 */
public final class ScenarioLoader {

    private final Config defaults;
    private final Config reference;

    /** @param defaults the layers under the user's: unresolved, resolved together with the user's */
    public ScenarioLoader(Config defaults) {
        this(defaults, defaults);
    }

    /**
     * @param embedded  the default scenario over the reference, for a run without a file
     * @param reference the documented defaults alone, under a user's file
     */
    public ScenarioLoader(Config embedded, Config reference) {
        this.defaults = embedded;
        this.reference = reference;
    }

    /** {@code application.conf} over {@code reference.conf}, both from this class's class loader. */
    public static ScenarioLoader standard() {
        ClassLoader loader = ScenarioLoader.class.getClassLoader();
        Config reference = ConfigFactory.defaultReference(loader);
        return new ScenarioLoader(ConfigFactory.parseResources(loader, "application.conf").withFallback(reference),
                reference);
    }

    /**
     * @param file the user's scenario, or null for the defaults alone
     * @param sets {@code key=value} overrides, in command-line order
     */
    public Scenario load(Path file, List<String> sets) {
        Config overrides = ConfigFactory.empty();
        for (String set : sets) {
            overrides = parseSet(set).withFallback(overrides);
        }
        Config user = file == null ? overrides : overrides.withFallback(parseFile(file));
        Config resolved;
        Config userResolved;
        Config defaultsResolved;
        try {
            defaultsResolved = defaults.resolve();
            resolved = user.withFallback(file == null ? defaults : reference).resolve();
            userResolved = user.resolveWith(resolved);
        } catch (ConfigException e) {
            throw new UserInputException(ConfigProblems.describe(e), e);
        }
        return new Scenario(resolved, userResolved, defaultsResolved, name(file));
    }

    static String name(Path file) {
        if (file == null) {
            return "default";
        }
        String name = file.getFileName().toString();
        return name.endsWith(".conf") ? name.substring(0, name.length() - ".conf".length()) : name;
    }

    static Config parseFile(Path file) {
        if (!Files.exists(file)) {
            throw new UserInputException("scenario file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("scenario is not a file: " + file);
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new UserInputException("cannot parse " + ConfigProblems.describe(e), e);
        }
    }

    /** One {@code key=value}: the value is HOCON (a number, a string, a list, an object, a substitution). */
    static Config parseSet(String set) {
        String origin = "--set " + set;
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw badSet(set, "expected key=value");
        }
        String key = set.substring(0, eq).strip();
        String raw = set.substring(eq + 1);
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            throw badSet(set, "'" + key + "' is not a config key");
        }
        if (raw.isBlank()) {
            throw badSet(set, "no value after '='");
        }
        ConfigValue value;
        try {
            Config parsed = ConfigFactory.parseString("v = " + raw, ConfigParseOptions.defaults()
                    .setOriginDescription(origin));
            if (parsed.root().size() != 1 || !parsed.root().containsKey("v")) {
                throw badSet(set, "the value '" + raw + "' is more than one value");
            }
            value = parsed.root().get("v");
        } catch (ConfigException e) {
            throw badSet(set, "cannot parse the value '" + raw + "' as HOCON");
        }
        ConfigValue withOrigin;
        try {
            withOrigin = ConfigValueFactory.fromAnyRef(value.unwrapped(), origin);
        } catch (ConfigException.NotResolved e) {
            withOrigin = value;
        }
        return ConfigFactory.empty().withValue(key, withOrigin);
    }

    private static UserInputException badSet(String set, String why) {
        return new UserInputException("bad --set '" + set + "': " + why
                + " (e.g. --set lorasim.clients.count=20)");
    }
}
