package org.lorasim.cli.output;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's scenario in plain sentences for {@code report.html}, read from its resolved configuration: the
 * algorithm and model, the data and its split (or that a system-only run has none), the clients and their
 * devices, the rounds, and one sentence per scripted event. Only what the configuration says; what happened is
 * in the run's records.
 */
public final class ScenarioWords {

    private ScenarioWords() {
    }

    /** The run's name, {@code lorasim.run.name}, or {@code fallback} when the configuration has none. */
    public static String runName(Config config, String fallback) {
        return config.hasPath("lorasim.run.name") ? config.getString("lorasim.run.name") : fallback;
    }

    /** Sentences describing the scenario; empty when {@code config} has no {@code lorasim.run}. */
    public static List<String> describe(Config config) {
        if (!config.hasPath("lorasim.run")) {
            return List.of();
        }
        Config l = config.getConfig("lorasim");
        List<String> out = new ArrayList<>();
        boolean synthetic = "cost-model".equals(text(l, "run.trainer"));
        out.add(text(l, "run.algorithm") + " (" + text(l, "run.variant") + "), " + text(l, "run.rounds")
                + " rounds, seed " + text(l, "run.seed") + ", over all-MiniLM-L6-v2 with rank-" + text(l, "model.rank")
                + " LoRA on " + text(l, "model.targets") + ".");
        if (synthetic) {
            out.add("System-only run: the trainer is a cost model (FAKE, no model is trained, no data is read); "
                    + "accuracies are not measured. Each client stands for " + text(l, "data.synthetic-examples-per-client")
                    + " examples.");
        } else {
            out.add("Data: " + text(l, "data.dataset") + ", split over the clients by the " + text(l, "data.partition")
                    + " partition" + (text(l, "data.partition").equals("dirichlet") ? " (alpha "
                    + text(l, "data.dirichlet-alpha") + ")" : "") + ", at most "
                    + text(l, "data.max-examples-per-client") + " training examples per client (0: all); "
                    + text(l, "data.eval-examples") + " held-out examples for evaluation.");
            out.add("Local training: " + text(l, "training.local-steps") + " steps of " + text(l, "training.batch-size")
                    + " examples, " + text(l, "training.optimizer") + " at learning rate "
                    + text(l, "training.learning-rate") + ".");
        }
        out.add(text(l, "clients.count") + " clients; " + (l.hasPath("clients.table")
                ? "device profiles from the table " + text(l, "clients.table") + "."
                : "compute " + distribution(l, "clients.compute") + " (FLOP/s); uplink "
                + distribution(l, "clients.uplink") + " (bytes/s)."));
        if (!"decentralized".equals(text(l, "run.variant"))) {
            String perRound = text(l, "rounds.clients-per-round");
            out.add((perRound.equals("0") ? "A fraction " + text(l, "rounds.fraction") : perRound)
                    + " clients sampled per round; a round waits at most " + text(l, "rounds.deadline")
                    + " (simulated) for them; late updates are " + (text(l, "rounds.late-updates").equals("drop")
                    ? "dropped." : "accepted into the next round."));
        }
        if (l.hasPath("scenario.events")) {
            List<? extends Config> events = l.getConfigList("scenario.events");
            if (events.isEmpty()) {
                out.add("No scripted event.");
            }
            for (Config e : events) {
                out.add(event(e));
            }
        }
        return out;
    }

    /** One scripted event: when, what, to whom, and its other settings. */
    static String event(Config e) {
        String when = e.hasPath("at-round") ? "At round " + e.getValue("at-round").unwrapped()
                : e.hasPath("at-time") ? "At " + e.getValue("at-time").unwrapped() + " (simulated)" : "At the start";
        if (e.hasPath("every")) {
            when += ", every " + e.getValue("every").unwrapped() + (e.hasPath("times") ? " (" + e.getValue("times")
                    .unwrapped() + " times)" : "");
        }
        String action = e.hasPath("action") ? e.getString("action") : "?";
        Map<String, String> rest = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : e.root().entrySet()) {
            String key = entry.getKey();
            if (!List.of("at-round", "at-time", "every", "times", "action").contains(key)) {
                rest.put(key, render(entry.getValue()));
            }
        }
        StringBuilder out = new StringBuilder(when).append(": ").append(action);
        String clients = rest.remove("clients");
        if (clients != null) {
            out.append(" clients ").append(clients);
        }
        rest.forEach((key, value) -> out.append(", ").append(key).append(' ').append(value));
        return out.append('.').toString();
    }

    private static String render(ConfigValue value) {
        if (value.valueType() == ConfigValueType.OBJECT) {
            Map<String, Object> map = new TreeMap<>(((ConfigObject) value).unwrapped());
            if (map.containsKey("from") && map.containsKey("to") && map.size() == 2) {
                return map.get("from") + " to " + map.get("to");
            }
            return map.toString();
        }
        return String.valueOf(value.unwrapped());
    }

    private static String distribution(Config l, String path) {
        if (!l.hasPath(path + ".type")) {
            return "?";
        }
        String type = l.getString(path + ".type");
        return switch (type) {
            case "constant" -> text(l, path + ".value");
            case "uniform" -> "uniform in [" + text(l, path + ".lo") + ", " + text(l, path + ".hi") + ")";
            case "lognormal" -> "lognormal, median " + text(l, path + ".median") + ", sigma " + text(l, path + ".sigma");
            default -> type;
        };
    }

    private static String text(Config l, String path) {
        if (!l.hasPath(path)) {
            return "?";
        }
        Object value = l.getValue(path).unwrapped();
        if (value instanceof Number n && Math.abs(n.doubleValue()) >= 1e6) {
            return String.format(Locale.ROOT, "%.3g", n.doubleValue());
        }
        return value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
