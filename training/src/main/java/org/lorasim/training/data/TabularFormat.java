package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * @param pairColumn  column holding the second sentence of a sentence pair, or empty for single sentences;
 *                    a pair is given to the model as one text, {@code first + }{@value #PAIR_SEPARATOR}{@code + second},
 *                    where {@code [SEP]} is the tokenizer's separator token
 */
public record TabularFormat(Kind kind, boolean quoted, boolean header, List<String> columnNames, String textColumn,
                            String labelColumn, Optional<String> groupColumn, LabelMapping labels,
                            Optional<String> pairColumn) {

    /** Between the two sentences of a pair: the MiniLM tokenizer reads {@code [SEP]} as its separator token. */
    public static final String PAIR_SEPARATOR = " [SEP] ";

    public enum Kind {
        CSV, TSV, JSONL;

        /**
         * The kind a file's name implies: {@code .csv}; {@code .tsv} or {@code .tab}; {@code .jsonl},
         * {@code .ndjson} or {@code .json} (Hugging Face {@code datasets}' {@code to_json} writes JSON Lines);
         * empty for any other name. Case is ignored.
         */
        public static Optional<Kind> ofFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return Optional.of(CSV);
            }
            if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
                return Optional.of(TSV);
            }
            if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
                return Optional.of(JSONL);
            }
            return Optional.empty();
        }
    }

    public TabularFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(groupColumn, "groupColumn");
        Objects.requireNonNull(pairColumn, "pairColumn");
        columnNames = List.copyOf(columnNames);
        requireName("textColumn", textColumn);
        requireName("labelColumn", labelColumn);
        groupColumn.ifPresent(g -> requireName("groupColumn", g));
        pairColumn.ifPresent(p -> requireName("pairColumn", p));
        if (kind != Kind.JSONL && !header) {
            if (columnNames.isEmpty()) {
                throw new IllegalArgumentException("a " + kind + " file without header needs columnNames");
            }
            if (new HashSet<>(columnNames).size() != columnNames.size()) {
                throw new IllegalArgumentException("columnNames repeat a name: " + columnNames);
            }
            for (String column : usedColumns(textColumn, labelColumn, groupColumn, pairColumn)) {
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
        return new TabularFormat(Kind.CSV, true, true, List.of(), textColumn, labelColumn, Optional.empty(), labels, Optional.empty());
    }

    public static TabularFormat tsv(String textColumn, String labelColumn, LabelMapping labels) {
        return new TabularFormat(Kind.TSV, true, true, List.of(), textColumn, labelColumn, Optional.empty(), labels, Optional.empty());
    }

    public static TabularFormat jsonl(String textColumn, String labelColumn, LabelMapping labels) {
        return new TabularFormat(Kind.JSONL, false, true, List.of(), textColumn, labelColumn, Optional.empty(), labels, Optional.empty());
    }

    /** The same format for a file with no header row whose columns are, in order, {@code columnNames}. */
    public TabularFormat withoutHeader(List<String> names) {
        return new TabularFormat(kind, quoted, false, names, textColumn, labelColumn, groupColumn, labels, pairColumn);
    }

    /** The same format with {@code "} an ordinary character everywhere (GLUE's raw TSV files). */
    public TabularFormat withoutQuoting() {
        return new TabularFormat(kind, false, header, columnNames, textColumn, labelColumn, groupColumn, labels, pairColumn);
    }

    public TabularFormat withGroupColumn(String column) {
        return new TabularFormat(kind, quoted, header, columnNames, textColumn, labelColumn, Optional.of(column), labels, pairColumn);
    }

    public TabularFormat withLabels(LabelMapping mapping) {
        return new TabularFormat(kind, quoted, header, columnNames, textColumn, labelColumn, groupColumn, mapping, pairColumn);
    }

    /** The same format for sentence pairs whose second sentence is in {@code column}. */
    public TabularFormat withPairColumn(String column) {
        return new TabularFormat(kind, quoted, header, columnNames, textColumn, labelColumn, groupColumn, labels,
                Optional.of(column));
    }

    /** The same format for a file of another kind (CSV and TSV quoted, with a header row). */
    public TabularFormat withKind(Kind other) {
        return new TabularFormat(other, other != Kind.JSONL, true, List.of(), textColumn, labelColumn, groupColumn,
                labels, pairColumn);
    }

    /** Text, label, group and pair columns, in that order (group and pair when set). */
    public List<String> usedColumns() {
        return usedColumns(textColumn, labelColumn, groupColumn, pairColumn);
    }

    private static List<String> usedColumns(String text, String label, Optional<String> group, Optional<String> pair) {
        List<String> used = new ArrayList<>(List.of(text, label));
        group.ifPresent(used::add);
        pair.ifPresent(used::add);
        return used;
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank column name, got '" + value + "'");
        }
    }
}
