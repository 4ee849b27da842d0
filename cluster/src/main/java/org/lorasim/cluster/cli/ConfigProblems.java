package org.lorasim.cluster.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;

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

    /** {@code ORIGIN: message} of a config exception, without the library's own {@code desc: line:} prefix. */
    static String describe(ConfigException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        ConfigOrigin origin = e.origin();
        if (origin == null) {
            return message;
        }
        String prefix = origin.description() + ": ";
        String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return where(origin) + ": " + rest;
    }
}
