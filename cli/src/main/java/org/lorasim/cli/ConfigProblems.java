package org.lorasim.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a config value came from, as people read it: {@code FILE:LINE}, or the {@code --set} it came from. */
final class ConfigProblems {

    private ConfigProblems() {
    }

    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown origin)";
        }
        if (origin.filename() != null) {
            return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
        }
        return origin.description();
    }

    /**
     * The library's wordings of a bad key, each turned into {@code KEY: problem}: {@code Invalid value at 'K': P}
     * (BadValue), {@code Invalid path 'K': P} (BadPath), {@code No configuration setting found for key 'K'}
     * (Missing) and {@code Configuration key 'K' is set to null but expected T} (Null).
     */
    private static final List<Pattern> KEYED = List.of(
            Pattern.compile("^Invalid value at '(?<key>[^']+)': (?<problem>.*)$", Pattern.DOTALL),
            Pattern.compile("^Invalid path '(?<key>[^']+)': (?<problem>.*)$", Pattern.DOTALL),
            Pattern.compile("^No configuration setting found for key '(?<key>[^']+)'(?<problem>)$", Pattern.DOTALL),
            Pattern.compile("^Configuration key '(?<key>[^']+)' is set to null but expected (?<type>.*)$",
                    Pattern.DOTALL));

    /**
     * {@code ORIGIN: KEY: problem} of a config exception, without the library's own {@code desc: line:} prefix;
     * a wording that names no key stays {@code ORIGIN: message}.
     */
    static String describe(ConfigException e) {
        ConfigOrigin origin = e.origin();
        String rest = keyFirst(withoutOrigin(e));
        return origin == null ? rest : where(origin) + ": " + rest;
    }

    /** The key a config exception is about, when its wording names one. */
    static Optional<String> key(ConfigException e) {
        String message = withoutOrigin(e);
        for (Pattern pattern : KEYED) {
            Matcher m = pattern.matcher(message);
            if (m.matches()) {
                return Optional.of(m.group("key"));
            }
        }
        return Optional.empty();
    }

    private static String withoutOrigin(ConfigException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ConfigOrigin origin = e.origin();
        if (origin != null) {
            String prefix = origin.description() + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
        return message;
    }

    private static String keyFirst(String message) {
        for (Pattern pattern : KEYED) {
            Matcher m = pattern.matcher(message);
            if (m.matches()) {
                if (pattern.pattern().contains("(?<type>")) {
                    return m.group("key") + ": needs a value (" + m.group("type").strip() + "), it is null";
                }
                String problem = m.group("problem");
                return m.group("key") + ": " + (problem.isEmpty() ? "missing (no setting and no default)" : problem);
            }
        }
        return message;
    }
}
