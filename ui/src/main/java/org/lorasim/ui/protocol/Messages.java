package org.lorasim.ui.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.actors.run.RunSummary;

/**
 * The dashboard protocol: every message from the server to the page is one JSON object with a {@code type}
 * (the full list with fields is in {@code docs/dashboard.md}). Times are simulated nanoseconds; NaN numbers
 * are written as {@code null}. The page only draws these messages; every state (a client's, the clock's) is
 * decided here, on the Java side.
 */
public final class Messages {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    public static ObjectNode typed(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    public static String text(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code hello}: what the page shows, whether it may control the run and whether controls need a token. */
    public static ObjectNode hello(String mode, String title, boolean tokenRequired, ObjectNode lesson) {
        return hello(mode, title, tokenRequired, lesson, null);
    }

    /**
     * As {@link #hello(String, String, boolean, ObjectNode)}, with {@code where}: where the run executes when not in
     * the dashboard's own JVM (e.g. {@code cluster pekko://lorasim@127.0.0.1:2551}), else null.
     */
    public static ObjectNode hello(String mode, String title, boolean tokenRequired, ObjectNode lesson, String where) {
        ObjectNode n = typed("hello").put("mode", mode).put("title", title).put("tokenRequired", tokenRequired);
        if (lesson != null) {
            n.set("lesson", lesson);
        }
        if (where != null) {
            n.put("where", where);
        }
        return n;
    }

    public static ObjectNode graph(RunGraph graph) {
        ObjectNode n = typed("graph").put("clients", graph.clients()).put("aggregator", graph.aggregator());
        ArrayNode links = n.putArray("links");
        for (RunGraph.Link l : graph.links()) {
            links.addObject().put("name", l.name()).put("from", l.from()).put("to", l.to());
        }
        return n;
    }

    public static ObjectNode split(ClientSplit split) {
        ObjectNode n = typed("split").put("synthetic", split.synthetic());
        ArrayNode labels = n.putArray("labels");
        split.labelNames().forEach(labels::add);
        ArrayNode clients = n.putArray("clients");
        for (ClientSplit.Client c : split.clients()) {
            ObjectNode client = clients.addObject().put("id", c.id()).put("examples", c.examples()).put("rank", c.rank());
            ArrayNode counts = client.putArray("labelCounts");
            c.labelCounts().forEach(counts::add);
            if (c.profile() != null) {
                client.putObject("profile").put("flops", c.profile().flops())
                        .put("memoryBytes", c.profile().memoryBytes())
                        .put("uplinkBytesPerSecond", c.profile().uplinkBytesPerSecond())
                        .put("downlinkBytesPerSecond", c.profile().downlinkBytesPerSecond())
                        .put("latencyNanos", c.profile().latencyNanos())
                        .put("straggler", c.profile().straggler());
            }
        }
        return n;
    }

    public static ObjectNode references(List<Reference> references) {
        ObjectNode n = typed("references");
        ArrayNode list = n.putArray("references");
        references.forEach(r -> list.addObject().put("id", r.id()).put("label", r.label()).put("accuracy", r.accuracy()));
        return n;
    }

    /**
     * {@code round}: the record of round {@code r.round()} (0-based) as it ended. Only rounds that happened are
     * sent this way; the starting model ({@link RoundRecord#BEFORE}) is a {@link #startingModel} message.
     */
    public static ObjectNode round(RoundRecord r) {
        if (r.isBefore()) {
            throw new IllegalArgumentException("the starting model is not a round: send it as startingModel");
        }
        ObjectNode n = typed("round").put("round", r.round()).put("time", r.simTimeNanos());
        number(n, "loss", r.trainLoss());
        number(n, "accuracy", r.accuracy());
        number(n, "macroF1", r.macroF1());
        number(n, "accuracySpread", r.accuracySpread());
        number(n, "consensus", r.consensusDistance());
        return n.put("bytesUp", r.bytesUp()).put("bytesDown", r.bytesDown()).put("sampled", r.sampled())
                .put("participants", r.participants()).put("stragglers", r.stragglers()).put("failures", r.failures())
                .put("synthetic", r.synthetic());
    }

    /**
     * {@code starting-model}: the model before round 0, its held-out {@code accuracy} and {@code macroF1} (null when
     * not evaluated, as in a system-only run). The page draws its accuracy as a reference line, not as a round.
     */
    public static ObjectNode startingModel(RoundRecord before) {
        ObjectNode n = typed("starting-model").put("time", before.simTimeNanos());
        number(n, "accuracy", before.accuracy());
        number(n, "macroF1", before.macroF1());
        return n.put("synthetic", before.synthetic());
    }

    public static ObjectNode participation(Participation p) {
        ObjectNode n = typed("participation").put("round", p.round());
        ObjectNode statuses = n.putObject("statuses");
        put(statuses, p.tookPart(), "took-part");
        put(statuses, p.late(), "late");
        put(statuses, p.crashed(), "crashed");
        put(statuses, p.unreachable(), "unreachable");
        put(statuses, p.removed(), "removed");
        put(statuses, p.failed(), "failed");
        return n;
    }

    public static ObjectNode roundStarted(int round, long time, List<Integer> sampled) {
        ObjectNode n = typed("round-started").put("round", round).put("time", time);
        ArrayNode list = n.putArray("sampled");
        sampled.forEach(list::add);
        return n;
    }

    /** {@code message}: bytes leaving node {@code from} for node {@code to} (-1 the aggregator) over {@code link}. */
    public static ObjectNode message(LinkActor.MessageSent sent, int from, int to) {
        return typed("message").put("link", sent.link()).put("from", from).put("to", to).put("sentAt", sent.sentAt())
                .put("arrival", sent.arrival()).put("bytes", sent.bytes()).put("payload", sent.payloadType())
                .put("round", sent.round());
    }

    public static ObjectNode event(RunEvent e) {
        return typed("event").put("time", e.timeNanos()).put("round", e.round()).put("kind", e.kind())
                .put("subject", e.subject()).put("detail", e.detail());
    }

    /** {@code client-state}: client {@code client} is now {@code state} (one of {@link ClientState}). */
    public static ObjectNode clientState(int client, ClientState state, long time, double slowdown) {
        return typed("client-state").put("client", client).put("state", state.wire()).put("time", time)
                .put("slowdown", slowdown);
    }

    /**
     * {@code link-state}: how link {@code link} from node {@code from} to node {@code to} is drawn: its bandwidth
     * (bytes/s, -1 not known), whether it is switched off ({@code down}) and whether a partition cuts it.
     */
    public static ObjectNode linkState(String link, int from, int to, long bandwidth, boolean down, boolean cut,
                                       long time) {
        return typed("link-state").put("link", link).put("from", from).put("to", to).put("bandwidth", bandwidth)
                .put("down", down).put("cut", cut).put("time", time);
    }

    /** {@code partition}: the groups cut off from everyone else (client ids), none after a heal. */
    public static ObjectNode partition(List<List<Integer>> groups, long time) {
        ObjectNode n = typed("partition").put("time", time);
        ArrayNode list = n.putArray("groups");
        groups.forEach(g -> {
            ArrayNode group = list.addArray();
            g.forEach(group::add);
        });
        return n;
    }

    /** {@code clock}: paused or not, the realtime speed, the latest simulated time seen. */
    public static ObjectNode clock(boolean paused, double speed, long time, boolean finished) {
        return typed("clock").put("paused", paused).put("speed", speed).put("time", time).put("finished", finished);
    }

    public static ObjectNode finished(RunSummary s) {
        ObjectNode n = typed("finished").put("outcome", s.outcome()).put("rounds", s.rounds())
                .put("time", s.simTimeNanos()).put("bytesUp", s.bytesUp()).put("bytesDown", s.bytesDown())
                .put("synthetic", s.synthetic());
        number(n, "finalAccuracy", s.finalAccuracy());
        return n;
    }

    /** {@code reply} to control message {@code id}: applied (at simulated {@code time}, -1 for none) or an error. */
    public static ObjectNode reply(String id, String error, long time) {
        ObjectNode n = typed("reply").put("id", id).put("ok", error == null).put("time", time);
        if (error != null) {
            n.put("error", error);
        }
        return n;
    }

    public static ObjectNode lesson(String name, String title, String text) {
        return JSON.createObjectNode().put("name", name).put("title", title).put("text", text);
    }

    private static void number(ObjectNode n, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void put(ObjectNode statuses, List<Integer> ids, String status) {
        ids.forEach(id -> statuses.put(String.valueOf(id), status));
    }

    /** Statuses of a {@code participation} message read back, by client id. */
    public static Map<Integer, String> statuses(ObjectNode participation) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        participation.path("statuses").fields().forEachRemaining(e -> out.put(Integer.parseInt(e.getKey()),
                e.getValue().asText()));
        return out;
    }
}
