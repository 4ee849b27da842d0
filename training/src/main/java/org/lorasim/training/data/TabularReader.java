package org.lorasim.training.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads CSV, TSV and JSONL files described by a {@link TabularFormat} into {@link Example}s, with
 * Jackson (its CSV module for RFC 4180 quoting). Every problem is a {@link DatasetException} naming the
 * file and, for a row, its 1-based line (the line where a multi-line CSV record starts): a missing file,
 * a column absent from the header (the message lists the header), a row with the wrong number of fields,
 * malformed quoting or JSON, a blank text or label, an unknown label value (the message lists the known
 * ones), and a file without a single example.
 */
public final class TabularReader {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row before its label is mapped: the label's raw string value and the row's line. */
    public record Row(Path file, long line, String text, String labelValue, String group) {
    }

    private TabularReader() {
    }

    /** Reads one file whose labels are not {@link LabelMapping#discovered() discovered}. */
    public static List<Example> readExamples(Path file, TabularFormat format) {
        if (format.labels().isDiscovered()) {
            throw new IllegalArgumentException("reading " + file + " alone cannot discover labels consistently "
                    + "across splits: use readDataset, or give the label names");
        }
        return toExamples(readRows(file, format), format);
    }

    /**
     * Reads one file per split into a dataset. A {@link LabelMapping#discovered() discovered} mapping takes
     * its names from the label values of all files together.
     */
    public static TextDataset readDataset(String name, Map<Split, Path> files, TabularFormat format) {
        Map<Split, List<Path>> lists = new EnumMap<>(Split.class);
        files.forEach((split, file) -> lists.put(split, List.of(file)));
        return readDataset(name, lists, file -> format);
    }

    /**
     * Reads one or more files per split, each split's files concatenated in the given order, each file with
     * its own format (the kind may differ; the columns and label mapping are those of the first file's).
     */
    public static TextDataset readDataset(String name, Map<Split, List<Path>> files, Function<Path, TabularFormat> formats) {
        Map<Split, List<Row>> rows = new EnumMap<>(Split.class);
        TabularFormat format = formats.apply(files.values().iterator().next().get(0));
        files.forEach((split, list) -> {
            List<Row> splitRows = new ArrayList<>();
            list.forEach(file -> splitRows.addAll(readRows(file, formats.apply(file))));
            rows.put(split, splitRows);
        });
        List<String> values = new ArrayList<>();
        rows.values().forEach(list -> list.forEach(row -> values.add(row.labelValue())));
        TabularFormat resolved = format.withLabels(format.labels().discoveredFrom(values));
        Map<Split, List<Example>> splits = new EnumMap<>(Split.class);
        rows.forEach((split, list) -> splits.put(split, toExamples(list, resolved)));
        return new TextDataset(name, resolved.labels().names(), splits);
    }

    /** The rows of one file, in file order, labels still as strings. */
    public static List<Row> readRows(Path file, TabularFormat format) {
        if (!Files.isRegularFile(file)) {
            throw DatasetException.inFile(file, "file not found" + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        List<Row> rows = format.kind() == TabularFormat.Kind.JSONL ? readJsonLines(file, format) : readDelimited(file, format);
        if (rows.isEmpty()) {
            throw DatasetException.inFile(file, "holds no examples"
                    + (format.kind() != TabularFormat.Kind.JSONL && format.header() ? " (at most a header row)" : ""));
        }
        return rows;
    }

    /**
     * The column names of a file: a CSV or TSV file's header row (or the format's {@code columnNames} when it
     * has none), a JSONL file's first object's field names. Reads only the start of the file.
     */
    public static List<String> columns(Path file, TabularFormat format) {
        if (!Files.isRegularFile(file)) {
            throw DatasetException.inFile(file, "file not found" + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        if (format.kind() != TabularFormat.Kind.JSONL && !format.header()) {
            return format.columnNames();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String content;
            long line = 0;
            while ((content = reader.readLine()) != null) {
                line++;
                content = line == 1 ? stripBom(content) : content;
                if (content.isBlank()) {
                    continue;
                }
                if (format.kind() != TabularFormat.Kind.JSONL) {
                    CsvSchema schema = CsvSchema.emptySchema().withoutEscapeChar()
                            .withColumnSeparator(format.kind() == TabularFormat.Kind.TSV ? '\t' : ',');
                    schema = format.quoted() ? schema.withQuoteChar('"') : schema.withoutQuoteChar();
                    List<String> header = new ArrayList<>();
                    try (CsvParser parser = CSV.getFactory().createParser(content)) {
                        parser.setSchema(schema);
                        JsonToken token;
                        while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                            if (token == JsonToken.VALUE_STRING) {
                                header.add(parser.getText());
                            }
                        }
                    }
                    return header;
                }
                JsonNode node = JSON.readTree(content);
                if (node == null || !node.isObject()) {
                    throw DatasetException.atLine(file, line, "expected a JSON object, found "
                            + (node == null ? "nothing" : node.getNodeType()));
                }
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                return names;
            }
            throw DatasetException.inFile(file, "holds no examples");
        } catch (JacksonException e) {
            throw DatasetException.inFile(file, "malformed " + format.kind() + " at its start: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e, e);
        }
    }

    private static List<Example> toExamples(List<Row> rows, TabularFormat format) {
        LabelMapping labels = format.labels();
        List<Example> examples = new ArrayList<>(rows.size());
        for (Row row : rows) {
            int label = labels.indexOf(row.labelValue()).orElseThrow(() -> DatasetException.atLine(row.file(), row.line(),
                    "unknown label value '" + row.labelValue() + "' in column '" + format.labelColumn()
                            + "'; known values: " + labels.knownValues()));
            examples.add(new Example(row.text(), label, row.group()));
        }
        return examples;
    }

    private static List<Row> readDelimited(Path file, TabularFormat format) {
        CsvSchema schema = CsvSchema.emptySchema().withoutEscapeChar()
                .withColumnSeparator(format.kind() == TabularFormat.Kind.TSV ? '\t' : ',');
        schema = format.quoted() ? schema.withQuoteChar('"') : schema.withoutQuoteChar();
        List<Row> rows = new ArrayList<>();
        long line = 0;
        try (InputStream in = Files.newInputStream(file);
             CsvParser parser = CSV.getFactory().createParser(in)) {
            parser.setSchema(schema);
            ColumnIndex columns = format.header() ? null : ColumnIndex.of(file, 0, format.columnNames(), format);
            List<String> cells = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    line = parser.currentLocation().getLineNr();
                    cells.clear();
                } else if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY) {
                    if (columns == null) {
                        if (!cells.isEmpty()) {
                            cells.set(0, stripBom(cells.get(0)));
                        }
                        columns = ColumnIndex.of(file, line, List.copyOf(cells), format);
                    } else {
                        rows.add(columns.row(file, line, cells));
                    }
                }
            }
        } catch (JacksonException e) {
            long stopped = lineOf(e.getLocation(), line);
            throw DatasetException.atLine(file, line > 0 ? line : stopped, "malformed " + format.kind()
                    + (line > 0 ? " record starting here" : "") + ": " + e.getOriginalMessage()
                    + " (the parser stopped at line " + stopped + ")", e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e, e);
        }
        return rows;
    }

    private static List<Row> readJsonLines(Path file, TabularFormat format) {
        List<Row> rows = new ArrayList<>();
        long line = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String content;
            while ((content = reader.readLine()) != null) {
                line++;
                if (line == 1) {
                    content = stripBom(content);
                }
                if (content.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(content);
                if (node == null || !node.isObject()) {
                    throw DatasetException.atLine(file, line, "expected a JSON object, found "
                            + (node == null ? "nothing" : node.getNodeType()));
                }
                List<String> cells = new ArrayList<>();
                for (String column : format.usedColumns()) {
                    cells.add(jsonField(file, line, node, column));
                }
                rows.add(ColumnIndex.of(file, line, format.usedColumns(), format).row(file, line, cells));
            }
        } catch (JacksonException e) {
            throw DatasetException.atLine(file, line, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e, e);
        }
        return rows;
    }

    private static String jsonField(Path file, long line, JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            throw DatasetException.atLine(file, line, "no field '" + field + "'; fields found: " + names);
        }
        if (!value.isValueNode() || value.isNull()) {
            throw DatasetException.atLine(file, line, "field '" + field + "' must be a string or a number, found "
                    + value.getNodeType());
        }
        return value.asText();
    }

    private static long lineOf(JsonLocation location, long fallback) {
        return location != null && location.getLineNr() > 0 ? location.getLineNr() : fallback;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Positions of the used columns in a row. */
    private record ColumnIndex(List<String> columns, int text, int label, int group, int pair, TabularFormat format) {
        static ColumnIndex of(Path file, long line, List<String> columns, TabularFormat format) {
            return new ColumnIndex(columns, find(file, line, columns, format.textColumn()),
                    find(file, line, columns, format.labelColumn()),
                    format.groupColumn().map(g -> find(file, line, columns, g)).orElse(-1),
                    format.pairColumn().map(p -> find(file, line, columns, p)).orElse(-1), format);
        }

        private static int find(Path file, long line, List<String> columns, String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw DatasetException.atLine(file, line, "no column '" + column + "'; header found: " + columns);
            }
            return index;
        }

        Row row(Path file, long line, List<String> cells) {
            if (cells.size() != columns.size()) {
                throw DatasetException.atLine(file, line, "expected " + columns.size() + " fields " + columns
                        + " but found " + cells.size() + ": " + cells);
            }
            String text = cells.get(this.text);
            if (text.isBlank()) {
                throw DatasetException.atLine(file, line, "empty text in column '" + format.textColumn() + "'");
            }
            if (pair >= 0) {
                String second = cells.get(pair);
                if (second.isBlank()) {
                    throw DatasetException.atLine(file, line, "empty text in column '" + format.pairColumn().orElseThrow() + "'");
                }
                text = text + TabularFormat.PAIR_SEPARATOR + second;
            }
            String labelValue = cells.get(label).strip();
            if (labelValue.isEmpty()) {
                throw DatasetException.atLine(file, line, "empty label in column '" + format.labelColumn() + "'");
            }
            String groupValue = group < 0 ? Example.NO_GROUP : cells.get(group).strip();
            return new Row(file, line, text, labelValue, groupValue);
        }
    }
}
