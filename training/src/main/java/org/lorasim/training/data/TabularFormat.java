package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the text, label and (optional) group are in a CSV, TSV or JSONL file, and how labels map to
 * indices. Read by {@link TabularReader}.
 * <ul>
 *   <li>{@link Kind#CSV}: comma-separated, RFC 4180 double-quote quoting (fields may hold commas, quotes
 *       and line breaks).</li>
 *   <li>{@link Kind#TSV}: tab-separated, with the same quoting, as pandas and Python's {@code csv} module
 *       write it (the mirror's AG News files quote every text that holds a {@code "}); or, after
 *       {@link #withoutQuoting()}, with none at all, as GLUE's raw files are: then {@code "} is an ordinary
 *       character and fields cannot hold tabs or line breaks.</li>
 *   <li>{@link Kind#JSONL}: one JSON object per line; columns are field names; blank lines are skipped.</li>
 * </ul>
 * A CSV or TSV file either starts with a header row ({@link #header()} true) or has none, in which case
 * {@link #columnNames()} names its columns in order.
 *
 * @param kind        file kind
 * @param quoted      whether a {@code "} at the start of a field opens a quoted field (doubled inside);
 *                    a {@code "} anywhere else is always an ordinary character (ignored for JSONL)
 * @param header      whether the first row names the columns (ignored for JSONL)
 * @param columnNames the column names of a headerless CSV/TSV file; empty otherwise
 * @param textColumn  column holding the text
 * @param labelColumn column holding the label value
 * @param groupColumn column holding the group, or empty for {@link Example#NO_GROUP}
 * @param labels      how label values map to indices
 */
public record TabularFormat(Kind kind, boolean quoted, boolean header, List<String> columnNames, String textColumn,
                            String labelColumn, Optional<String> groupColumn, LabelMapping labels) {

    public enum Kind { CSV, TSV, JSONL }

    public TabularFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(groupColumn, "groupColumn");
        columnNames = List.copyOf(columnNames);
        requireName("textColumn", textColumn);
        requireName("labelColumn", labelColumn);
        groupColumn.ifPresent(g -> requireName("groupColumn", g));
        if (kind != Kind.JSONL && !header) {
            if (columnNames.isEmpty()) {
                throw new IllegalArgumentException("a " + kind + " file without header needs columnNames");
            }
            if (new HashSet<>(columnNames).size() != columnNames.size()) {
                throw new IllegalArgumentException("columnNames repeat a name: " + columnNames);
            }
            for (String column : usedColumns(textColumn, labelColumn, groupColumn)) {
                if (!columnNames.contains(column)) {
                    throw new IllegalArgumentException("column '" + column + "' is not among columnNames " + columnNames);
                }
            }
        } else if (!columnNames.isEmpty()) {
            throw new IllegalArgumentException("columnNames are only for " + kind + " files without header, got "
                    + columnNames);
        }
    }

    public static TabularFormat csv(String textColumn, String labelColumn, LabelMapping labels) {
        return new TabularFormat(Kind.CSV, true, true, List.of(), textColumn, labelColumn, Optional.empty(), labels);
    }

    public static TabularFormat tsv(String textColumn, String labelColumn, LabelMapping labels) {
        return new TabularFormat(Kind.TSV, true, true, List.of(), textColumn, labelColumn, Optional.empty(), labels);
    }

    public static TabularFormat jsonl(String textColumn, String labelColumn, LabelMapping labels) {
        return new TabularFormat(Kind.JSONL, false, true, List.of(), textColumn, labelColumn, Optional.empty(), labels);
    }

    /** The same format for a file with no header row whose columns are, in order, {@code columnNames}. */
    public TabularFormat withoutHeader(List<String> names) {
        return new TabularFormat(kind, quoted, false, names, textColumn, labelColumn, groupColumn, labels);
    }

    /** The same format with {@code "} an ordinary character everywhere (GLUE's raw TSV files). */
    public TabularFormat withoutQuoting() {
        return new TabularFormat(kind, false, header, columnNames, textColumn, labelColumn, groupColumn, labels);
    }

    public TabularFormat withGroupColumn(String column) {
        return new TabularFormat(kind, quoted, header, columnNames, textColumn, labelColumn, Optional.of(column), labels);
    }

    public TabularFormat withLabels(LabelMapping mapping) {
        return new TabularFormat(kind, quoted, header, columnNames, textColumn, labelColumn, groupColumn, mapping);
    }

    /** Text, label and group columns, in that order. */
    public List<String> usedColumns() {
        return usedColumns(textColumn, labelColumn, groupColumn);
    }

    private static List<String> usedColumns(String text, String label, Optional<String> group) {
        List<String> used = new ArrayList<>(List.of(text, label));
        group.ifPresent(used::add);
        return used;
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank column name, got '" + value + "'");
        }
    }
}
