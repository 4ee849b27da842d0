package org.lorasim.cli.output;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunSummary;

/**
 * The JSON forms of a run's records ({@code metrics.jsonl}, {@code events.jsonl}, {@code summary.json}). Field
 * names are snake_case, the same as the columns of {@code rounds.csv}; a NaN (not evaluated) is written as
 * {@code null}, so every line is standard JSON, and read back as NaN.
 */
public final class RunJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RunJson() {
    }

    public static ObjectNode round(RoundRecord r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("round", r.round());
        node.put("sim_time_nanos", r.simTimeNanos());
        node.put("sim_seconds", r.simSeconds());
        node.put("wall_millis", r.wallMillis());
        putDouble(node, "train_loss", r.trainLoss());
        putDouble(node, "accuracy", r.accuracy());
        putDouble(node, "accuracy_spread", r.accuracySpread());
        putDouble(node, "macro_f1", r.macroF1());
        putDouble(node, "perplexity", r.perplexity());
        node.put("bytes_up", r.bytesUp());
        node.put("bytes_down", r.bytesDown());
        node.put("parameters", r.parameters());
        node.put("sampled", r.sampled());
        node.put("participants", r.participants());
        node.put("stragglers", r.stragglers());
        node.put("failures", r.failures());
        putDouble(node, "consensus_distance", r.consensusDistance());
        node.put("checksum", r.checksum());
        node.put("synthetic", r.synthetic());
        putDouble(node, "average_model_accuracy", r.averageModelAccuracy());
        return node;
    }

    /** An event line; {@code synthetic} is added when the run is known to be system-only. */
    public static ObjectNode event(RunEvent e, boolean synthetic) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("time_nanos", e.timeNanos());
        node.put("sim_seconds", e.timeNanos() / 1e9);
        node.put("round", e.round());
        node.put("kind", e.kind());
        node.put("subject", e.subject());
        node.put("detail", e.detail());
        if (synthetic) {
            node.put("synthetic", true);
        }
        return node;
    }

    public static ObjectNode summary(RunSummary s) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("variant", s.variant());
        node.put("algorithm", s.algorithm());
        node.put("rounds", s.rounds());
        putDouble(node, "initial_accuracy", s.initialAccuracy());
        putDouble(node, "final_accuracy", s.finalAccuracy());
        node.put("sim_time_nanos", s.simTimeNanos());
        node.put("sim_seconds", s.simTimeNanos() / 1e9);
        node.put("wall_millis", s.wallMillis());
        node.put("bytes_up", s.bytesUp());
        node.put("bytes_down", s.bytesDown());
        node.put("events", s.events());
        node.put("checksum", s.checksum());
        node.put("synthetic", s.synthetic());
        node.put("outcome", s.outcome());
        return node;
    }

    /** {@code {"majority": {"label": ..., "accuracy": ...}, ...}} in the references' order. */
    public static ObjectNode references(List<Reference> references) {
        ObjectNode node = MAPPER.createObjectNode();
        for (Reference r : references) {
            ObjectNode entry = node.putObject(r.id());
            entry.put("label", r.label());
            putDouble(entry, "accuracy", r.accuracy());
        }
        return node;
    }

    public static RunSummary summary(JsonNode node) {
        return new RunSummary(text(node, "variant"), text(node, "algorithm"), node.path("rounds").asInt(),
                doubleOrNaN(node, "initial_accuracy"), doubleOrNaN(node, "final_accuracy"),
                node.path("sim_time_nanos").asLong(), node.path("wall_millis").asLong(),
                node.path("bytes_up").asLong(), node.path("bytes_down").asLong(), node.path("events").asInt(),
                text(node, "checksum"), node.path("synthetic").asBoolean(), text(node, "outcome"));
    }

    /**
     * A generations.jsonl line: the round (-1 before training), the client whose own adapter wrote it (only in a
     * decentralized run: absent for the global model), the sample's index, prompt and completion.
     */
    public static ObjectNode generation(int round, int index, org.lorasim.actors.run.ModelEvaluator.Generation g) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("round", round);
        if (g.client() != org.lorasim.actors.run.ModelEvaluator.Generation.GLOBAL) {
            node.put("client", g.client());
        }
        node.put("sample", index);
        node.put("prompt", g.prompt());
        node.put("completion", g.completion());
        return node;
    }

    /** One line of JSON, no line break. */
    public static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putDouble(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static double doubleOrNaN(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
