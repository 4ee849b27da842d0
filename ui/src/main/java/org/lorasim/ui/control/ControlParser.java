package org.lorasim.ui.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.lorasim.actors.scenario.ScenarioAction;

/**
 * Reads the scenario action of a control message and checks every value against the run: client ids in
 * {@code 0 .. clients-1}, factors and bandwidths finite and positive, groups disjoint. Fields:
 * {@code clients} (ids), {@code factor} (slow-down), {@code bandwidth} (bytes/s), {@code direction}
 * ({@code up}, {@code down}, {@code both}; default both), {@code groups} (partition), {@code recoverAfter}
 * (seconds, optional, crash and crash-aggregator).
 */
final class ControlParser {

    /** Actions that act on the simulation through the scenario runner. */
    static final List<String> SCENARIO_ACTIONS = List.of("crash", "recover", "slow-down", "link-down", "link-up",
            "set-bandwidth", "partition", "heal", "crash-aggregator", "recover-aggregator");

    private final int clients;
    private final boolean aggregator;

    ControlParser(int clients, boolean aggregator) {
        this.clients = clients;
        this.aggregator = aggregator;
    }

    ScenarioAction action(String name, JsonNode m) throws ControlError {
        return switch (name) {
            case "crash" -> new ScenarioAction.CrashClients(ids(m), false, recoverAfter(m));
            case "recover" -> new ScenarioAction.RecoverClients(ids(m));
            case "slow-down" -> new ScenarioAction.SlowDown(ids(m), positive(m, "factor"));
            case "link-down" -> new ScenarioAction.LinksDown(ids(m), direction(m), true);
            case "link-up" -> new ScenarioAction.LinksDown(ids(m), direction(m), false);
            case "set-bandwidth" -> {
                double bandwidth = positive(m, "bandwidth");
                if (bandwidth < 1) {
                    throw new ControlError("bandwidth must be at least 1 byte/s, got " + bandwidth);
                }
                yield new ScenarioAction.SetLinks(ids(m), direction(m), Math.round(bandwidth), -1, Double.NaN);
            }
            case "partition" -> new ScenarioAction.Partition(groups(m));
            case "heal" -> new ScenarioAction.Heal();
            case "crash-aggregator" -> {
                requireAggregator();
                yield new ScenarioAction.CrashAggregator(recoverAfter(m));
            }
            case "recover-aggregator" -> {
                requireAggregator();
                yield new ScenarioAction.RecoverAggregator();
            }
            default -> throw new ControlError("unknown action '" + name + "'");
        };
    }

    private void requireAggregator() throws ControlError {
        if (!aggregator) {
            throw new ControlError("this run has no aggregator (a decentralized run)");
        }
    }

    private List<Integer> ids(JsonNode m) throws ControlError {
        JsonNode list = m.path("clients");
        if (!list.isArray() || list.isEmpty()) {
            throw new ControlError("clients must be a non-empty list of client ids");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (JsonNode id : list) {
            ids.add(id(id));
        }
        return List.copyOf(ids);
    }

    private int id(JsonNode id) throws ControlError {
        if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() >= clients) {
            throw new ControlError("unknown client " + id + ": the clients are 0 to " + (clients - 1));
        }
        return id.asInt();
    }

    private List<List<Integer>> groups(JsonNode m) throws ControlError {
        JsonNode list = m.path("groups");
        if (!list.isArray() || list.isEmpty()) {
            throw new ControlError("groups must be a non-empty list of lists of client ids, e.g. [[0, 1], [2]]");
        }
        TreeSet<Integer> seen = new TreeSet<>();
        List<List<Integer>> groups = new ArrayList<>();
        for (JsonNode group : list) {
            if (!group.isArray() || group.isEmpty()) {
                throw new ControlError("each group must be a non-empty list of client ids");
            }
            List<Integer> ids = new ArrayList<>();
            for (JsonNode id : group) {
                int c = id(id);
                if (!seen.add(c)) {
                    throw new ControlError("client " + c + " is in two groups");
                }
                ids.add(c);
            }
            groups.add(ids);
        }
        return groups;
    }

    private static ScenarioAction.Direction direction(JsonNode m) throws ControlError {
        String d = m.path("direction").asText("both");
        try {
            return ScenarioAction.Direction.valueOf(d.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ControlError("direction must be up, down or both, got '" + d + "'");
        }
    }

    static double positive(JsonNode m, String field) throws ControlError {
        JsonNode v = m.path(field);
        if (!v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
            throw new ControlError(field + " must be a finite number > 0, got " + (v.isMissingNode() ? "nothing" : v));
        }
        return v.asDouble();
    }

    private static long recoverAfter(JsonNode m) throws ControlError {
        if (!m.has("recoverAfter")) {
            return 0;
        }
        return Math.round(positive(m, "recoverAfter") * 1e9);
    }
}
