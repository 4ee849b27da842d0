package org.lorasim.ui.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lorasim.actors.run.CsvText;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.MessageEvents;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.ui.protocol.Messages;

/**
 * Plays a finished run folder into a {@link RunListener} (the dashboard's, so a replay draws with the same code
 * as a live run): the graph (a centralized run's star; a gossip run's links as its events name them,
 * {@code client-A->client-B}), {@code clients.csv} as the split, {@code summary.json}'s references, the starting
 * model, then {@code events.jsonl}, {@code metrics.jsonl} and {@code participation.csv} merged in simulated-time
 * order (an event at a round's end time before that round's record), then the summary. The
 * {@code message-sent} events ({@link MessageEvents}) replay as the messages themselves
 * ({@link RunListener#message}), so messages fly during a replay too; a folder written before they were
 * recorded replays without them. Round starts are not in a run folder and do not replay.
 */
public final class RunFolderReplay {

    private static final Pattern PEER_LINK = Pattern.compile("^client-(\\d+)->client-(\\d+)$");

    private RunFolderReplay() {
    }

    /** Tells {@code listener} everything {@code dir} holds, in order. */
    public static void play(Path dir, RunListener listener) {
        JsonNode summary = json(read(dir.resolve("summary.json")));
        List<List<String>> clients = CsvText.parse(read(dir.resolve("clients.csv")));
        boolean gossip = "decentralized".equals(summary.path("variant").asText());
        int count = clients.size() - 1;
        List<RunEvent> events = new ArrayList<>();
        for (String line : lines(dir.resolve("events.jsonl"))) {
            JsonNode e = json(line);
            events.add(new RunEvent(e.path("time_nanos").asLong(), e.path("round").asInt(), e.path("kind").asText(),
                    e.path("subject").asText(), e.path("detail").asText()));
        }
        List<RunGraph.Link> links = new ArrayList<>();
        for (int id = 0; id < count && !gossip; id++) {
            links.add(new RunGraph.Link("client-" + id + "-up", id, RunGraph.AGGREGATOR));
            links.add(new RunGraph.Link("client-" + id + "-down", RunGraph.AGGREGATOR, id));
        }
        if (gossip) {
            links.addAll(peerLinks(events));
        }
        listener.graph(new RunGraph(count, !gossip, links));
        listener.split(split(clients, summary.path("synthetic").asBoolean()));
        List<RoundRecord> rounds = new ArrayList<>();
        for (String line : lines(dir.resolve("metrics.jsonl"))) {
            rounds.add(round(json(line)));
        }
        if (!rounds.isEmpty() && rounds.get(0).round() == RoundRecord.BEFORE) {
            listener.initial(rounds.remove(0));
        }
        List<Reference> references = new ArrayList<>();
        summary.path("references").fields().forEachRemaining(e -> references.add(new Reference(e.getKey(),
                e.getValue().path("label").asText(), e.getValue().path("accuracy").asDouble())));
        if (!references.isEmpty()) {
            listener.references(references);
        }
        Map<Integer, Participation> participation = participation(dir.resolve("participation.csv"), count);
        int next = 0;
        for (RoundRecord r : rounds) {
            while (next < events.size() && events.get(next).timeNanos() <= r.simTimeNanos()) {
                tell(listener, events.get(next++));
            }
            listener.round(r);
            Participation p = participation.get(r.round());
            if (p != null) {
                listener.participation(p);
            }
        }
        while (next < events.size()) {
            tell(listener, events.get(next++));
        }
        listener.finished(new RunSummary(summary.path("variant").asText(), summary.path("algorithm").asText(),
                summary.path("rounds").asInt(), number(summary, "initial_accuracy"), number(summary, "final_accuracy"),
                summary.path("sim_time_nanos").asLong(), summary.path("wall_millis").asLong(),
                summary.path("bytes_up").asLong(), summary.path("bytes_down").asLong(), summary.path("events").asInt(),
                summary.path("checksum").asText(), summary.path("synthetic").asBoolean(),
                summary.path("outcome").asText()));
    }

    private static void tell(RunListener listener, RunEvent event) {
        if (MessageEvents.isSend(event)) {
            MessageEvents.parse(event).ifPresent(listener::message);
            return;
        }
        listener.eventNow(event);
        listener.event(event);
    }

    /** The links between peers that {@code events} name ({@code client-A->client-B}), in the order first named. */
    private static List<RunGraph.Link> peerLinks(List<RunEvent> events) {
        Map<String, RunGraph.Link> links = new java.util.LinkedHashMap<>();
        for (RunEvent e : events) {
            Matcher m = PEER_LINK.matcher(e.subject());
            if (m.matches()) {
                links.putIfAbsent(e.subject(), new RunGraph.Link(e.subject(), Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2))));
            }
        }
        return List.copyOf(links.values());
    }

    private static ClientSplit split(List<List<String>> rows, boolean synthetic) {
        List<String> header = rows.get(0);
        List<String> labels = new ArrayList<>();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i), i);
            if (header.get(i).startsWith("label:")) {
                labels.add(header.get(i).substring("label:".length()));
            }
        }
        List<ClientSplit.Client> clients = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            List<Integer> counts = new ArrayList<>();
            labels.forEach(l -> counts.add(Integer.parseInt(row.get(column.get("label:" + l)))));
            Map<String, Integer> groups = new TreeMap<>();
            for (String g : row.get(column.get("groups")).split(";")) {
                int eq = g.lastIndexOf('=');
                if (eq > 0) {
                    groups.put(g.substring(0, eq), Integer.parseInt(g.substring(eq + 1)));
                }
            }
            DeviceProfile profile = new DeviceProfile(Double.parseDouble(row.get(column.get("flops_per_second"))),
                    Long.parseLong(row.get(column.get("memory_bytes"))),
                    Double.parseDouble(row.get(column.get("uplink_bytes_per_second"))),
                    Double.parseDouble(row.get(column.get("downlink_bytes_per_second"))),
                    Math.round(Double.parseDouble(row.get(column.get("latency_ms"))) * 1e6),
                    Boolean.parseBoolean(row.get(column.get("profile_straggler"))));
            clients.add(new ClientSplit.Client(Integer.parseInt(row.get(0)), Integer.parseInt(row.get(2)), counts,
                    groups, profile, Integer.parseInt(row.get(column.get("lora_rank")))));
        }
        return new ClientSplit(synthetic ? List.of() : labels, clients, synthetic);
    }

    private static RoundRecord round(JsonNode n) {
        return new RoundRecord(n.path("round").asInt(), n.path("sim_time_nanos").asLong(), n.path("wall_millis").asLong(),
                number(n, "train_loss"), number(n, "accuracy"), number(n, "accuracy_spread"), number(n, "macro_f1"),
                number(n, "perplexity"), n.path("bytes_up").asLong(), n.path("bytes_down").asLong(),
                n.path("parameters").asLong(), n.path("sampled").asInt(), n.path("participants").asInt(),
                n.path("stragglers").asInt(), n.path("failures").asInt(), number(n, "consensus_distance"),
                n.path("checksum").asText(), n.path("synthetic").asBoolean(), number(n, "average_model_accuracy"));
    }

    private static Map<Integer, Participation> participation(Path file, int clients) {
        Map<Integer, Map<String, List<Integer>>> byRound = new TreeMap<>();
        if (Files.exists(file)) {
            for (List<String> row : CsvText.parse(read(file)).stream().skip(1).toList()) {
                byRound.computeIfAbsent(Integer.parseInt(row.get(0)), k -> new HashMap<>())
                        .computeIfAbsent(row.get(2), k -> new ArrayList<>()).add(Integer.parseInt(row.get(1)));
            }
        }
        Map<Integer, Participation> out = new TreeMap<>();
        byRound.forEach((round, s) -> out.put(round, new Participation(round, clients,
                s.getOrDefault("took-part", List.of()), s.getOrDefault("late", List.of()),
                s.getOrDefault("crashed", List.of()), s.getOrDefault("unreachable", List.of()),
                s.getOrDefault("removed", List.of()), s.getOrDefault("failed", List.of()))));
        return out;
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static JsonNode json(String text) {
        try {
            return Messages.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        return read(file).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
