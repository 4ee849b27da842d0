package org.lorasim.actors.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a small CSV file with a header line, read with Jackson CSV, each remembering its line so
 * that errors name {@code source:line}. Blank lines are skipped; a missing or unknown column fails.
 */
final class CsvRows {
    private CsvRows() {
    }

    record Row(Map<String, String> cells, String source, long line) {

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(source + ":" + line + ": " + problem);
        }

        double number(String column) {
            String text = cells.get(column);
            if (text == null || text.isBlank()) {
                throw error("column '" + column + "' is empty");
            }
            try {
                double value = Double.parseDouble(text.trim());
                if (!Double.isFinite(value)) {
                    throw error("column '" + column + "' must be finite, got '" + text + "'");
                }
                return value;
            } catch (NumberFormatException e) {
                throw error("column '" + column + "' is not a number: '" + text + "'");
            }
        }

        int clientId(String column) {
            double value = number(column);
            if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
                throw error("column '" + column + "' must be a client id (an integer >= 0), got '"
                        + cells.get(column) + "'");
            }
            return (int) value;
        }
    }

    static List<Row> read(Reader reader, String source, List<String> columns) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            boolean headerChecked = false;
            while (it.hasNextValue()) {
                long line = it.getCurrentLocation().getLineNr();
                Map<String, String> cells = it.nextValue();
                if (!headerChecked) {
                    checkHeader(((CsvParser) it.getParser()).getSchema(), source, columns);
                    headerChecked = true;
                }
                rows.add(new Row(cells, source, line));
            }
            if (!headerChecked) {
                throw new IllegalArgumentException(source + ":1: no data rows; expected the header "
                        + String.join(",", columns) + " and one row per client");
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + ":" + line + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void checkHeader(CsvSchema header, String source, List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (CsvSchema.Column column : header) {
            if (!columns.contains(column.getName())) {
                throw new IllegalArgumentException(source + ":1: unknown column '" + column.getName()
                        + "'; the columns are " + columns);
            }
            seen.add(column.getName());
        }
        for (String column : columns) {
            if (!seen.contains(column)) {
                throw new IllegalArgumentException(source + ":1: missing column '" + column + "'; the columns are "
                        + columns);
            }
        }
    }
}
