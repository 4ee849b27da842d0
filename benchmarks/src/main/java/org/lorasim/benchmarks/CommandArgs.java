package org.lorasim.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} arguments of the benchmark commands, over their defaults; an unknown key is an error. */
final class CommandArgs {
    private CommandArgs() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> a = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !a.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected key=value with key in "
                        + a.keySet());
            }
            a.put(kv[0], kv[1]);
        }
        return a;
    }
}
