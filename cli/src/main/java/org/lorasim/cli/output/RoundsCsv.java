package org.lorasim.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.actors.run.CsvText;
import org.lorasim.actors.run.RoundRecord;

/**
 * {@code rounds.csv}: a header and one row per {@link RoundRecord}, every field in the record's order plus
 * {@code sim_seconds}. The first row is the starting model before training, round {@value RoundRecord#BEFORE}
 * ({@link RoundRecord#before}: its accuracy and macro-F1, no traffic), so the file alone shows where the run
 * started. {@code macro_f1} sits beside {@code accuracy}, then a decoder's {@code perplexity} (NaN for a
 * classifier); {@code average_model_accuracy} (gossip: the accuracy of the clients' average adapter, {@link
 * RoundRecord#averageModelAccuracy()}) is the last column, after {@code sim_seconds}, so readers that take the
 * columns by position still find the others where they were. A file without these optional columns (written
 * before they existed) reads them as NaN. Doubles are written with {@link Double#toString(double)} (NaN as {@code NaN}), so a row
 * reads back to the same values bit for bit. Fields holding a comma, quote or line break are quoted (RFC 4180).
 */
public final class RoundsCsv {

    public static final List<String> COLUMNS = List.of("round", "sim_time_nanos", "wall_millis", "train_loss",
            "accuracy", "accuracy_spread", "macro_f1", "perplexity", "bytes_up", "bytes_down", "parameters", "sampled", "participants",
            "stragglers", "failures", "consensus_distance", "checksum", "synthetic", "sim_seconds",
            "average_model_accuracy");

    /** Columns that older files lack: read as empty. */
    static final List<String> OPTIONAL = List.of("macro_f1", "perplexity", "average_model_accuracy");

    private RoundsCsv() {
    }

    public static String render(List<RoundRecord> records) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (RoundRecord r : records) {
            List<String> fields = List.of(Integer.toString(r.round()), Long.toString(r.simTimeNanos()),
                    Long.toString(r.wallMillis()), Double.toString(r.trainLoss()), Double.toString(r.accuracy()),
                    Double.toString(r.accuracySpread()), Double.toString(r.macroF1()), Double.toString(r.perplexity()),
                    Long.toString(r.bytesUp()), Long.toString(r.bytesDown()),
                    Long.toString(r.parameters()), Integer.toString(r.sampled()), Integer.toString(r.participants()),
                    Integer.toString(r.stragglers()), Integer.toString(r.failures()),
                    Double.toString(r.consensusDistance()), quote(r.checksum()), Boolean.toString(r.synthetic()),
                    Double.toString(r.simSeconds()), Double.toString(r.averageModelAccuracy()));
            out.append(String.join(",", fields)).append('\n');
        }
        return out.toString();
    }

    /** Reads a file written by {@link #render}; columns are found by name, so their order may change. */
    public static List<RoundRecord> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<List<String>> rows = CsvText.parse(text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty, expected a header " + COLUMNS.get(0) + ",...");
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column) && !OPTIONAL.contains(column)) {
                throw new IllegalArgumentException(file + ": no column '" + column + "'");
            }
        }
        List<RoundRecord> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Row r = new Row(row, index, file);
            records.add(new RoundRecord(r.integer("round"), r.longValue("sim_time_nanos"), r.longValue("wall_millis"),
                    r.real("train_loss"), r.real("accuracy"), r.real("accuracy_spread"), r.real("macro_f1"),
                    r.real("perplexity"), r.longValue("bytes_up"),
                    r.longValue("bytes_down"), r.longValue("parameters"), r.integer("sampled"),
                    r.integer("participants"), r.integer("stragglers"), r.integer("failures"),
                    r.real("consensus_distance"), r.text("checksum"), Boolean.parseBoolean(r.text("synthetic")),
                    r.real("average_model_accuracy")));
        }
        return records;
    }

    private record Row(List<String> fields, Map<String, Integer> index, Path file) {
        String text(String column) {
            if (!index.containsKey(column)) {
                return "";
            }
            int i = index.get(column);
            if (i >= fields.size()) {
                throw new IllegalArgumentException(file + ": a row has no value for '" + column + "'");
            }
            return fields.get(i);
        }

        int integer(String column) {
            return (int) longValue(column);
        }

        long longValue(String column) {
            try {
                return Long.parseLong(text(column));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": '" + column + "' is not an integer: " + text(column), e);
            }
        }

        double real(String column) {
            String value = text(column);
            if (value.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": '" + column + "' is not a number: " + value, e);
            }
        }
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
