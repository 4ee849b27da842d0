package org.lorasim.training.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's own dataset: CSV, TSV or JSONL files per split, read by {@link TabularReader}.
 * <ul>
 *   <li>Each split's files are read in the given order (a glob's matches sorted by path, {@link DataFiles})
 *       and concatenated. {@link Split#TRAIN} is required; validation and test are optional, and which split
 *       is held out is {@link HeldOutSplit}'s rule.</li>
 *   <li>The format is {@code kind} for every file, or, when empty, each file's extension
 *       ({@link TabularFormat.Kind#ofFileName}). CSV and TSV files have a header row and RFC 4180 quoting.
 *       Parquet is not read (no small, well-kept Java reader without Hadoop): convert it to JSONL.</li>
 *   <li>Labels: with {@code labelNames} given, a value is a name or, when no name reads as an integer, an
 *       index ({@link LabelMapping#byNameOrIndex}); without, the names are the distinct values of all splits
 *       sorted (numerically when all are integers, else by {@link String#compareTo}), so the indices depend
 *       only on the set of values, never on row order or on which file comes first.</li>
 *   <li>{@code groupColumn} gives each example its {@link Example#group() group}, for a natural non-IID
 *       partition; {@code pairColumn} makes each text a sentence pair.</li>
 * </ul>
 *
 * @param name the dataset's name in messages and outputs
 */
public record CustomDataset(String name, Map<Split, List<Path>> files, Optional<TabularFormat.Kind> kind,
                            String textColumn, Optional<String> pairColumn, String labelColumn,
                            Optional<String> groupColumn, List<String> labelNames) {

    public CustomDataset {
        Objects.requireNonNull(name, "name");
        EnumMap<Split, List<Path>> copy = new EnumMap<>(Split.class);
        files.forEach((split, list) -> copy.put(split, List.copyOf(list)));
        if (copy.getOrDefault(Split.TRAIN, List.of()).isEmpty()) {
            throw new IllegalArgumentException("a custom dataset needs at least one train file");
        }
        files = Map.copyOf(copy);
        labelNames = List.copyOf(labelNames);
    }

    /** Every file, split after split in {@link Split} order. */
    public List<Path> allFiles() {
        List<Path> all = new ArrayList<>();
        for (Split split : Split.values()) {
            all.addAll(files.getOrDefault(split, List.of()));
        }
        return all;
    }

    /**
     * How {@code file} is read.
     *
     * @throws DatasetException when no kind is set and the extension names none
     */
    public TabularFormat formatOf(Path file) {
        TabularFormat.Kind fileKind = kind.or(() -> TabularFormat.Kind.ofFileName(file.getFileName().toString()))
                .orElseThrow(() -> DatasetException.inFile(file, "cannot tell the format from the file name"
                        + (file.toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
                        ? " (Parquet is not supported: convert it to JSONL, e.g. with pandas' to_json(orient='records', lines=True))"
                        : "") + "; name it .csv, .tsv, .jsonl or .json, or set the format"));
        LabelMapping labels = labelNames.isEmpty() ? LabelMapping.discovered() : LabelMapping.byNameOrIndex(labelNames);
        TabularFormat format = switch (fileKind) {
            case CSV -> TabularFormat.csv(textColumn, labelColumn, labels);
            case TSV -> TabularFormat.tsv(textColumn, labelColumn, labels);
            case JSONL -> TabularFormat.jsonl(textColumn, labelColumn, labels);
        };
        format = groupColumn.map(format::withGroupColumn).orElse(format);
        return pairColumn.map(format::withPairColumn).orElse(format);
    }

    /** Reads every file. */
    public TextDataset load() {
        Map<Split, List<Path>> ordered = new EnumMap<>(files);
        return TabularReader.readDataset(name, ordered, this::formatOf);
    }
}
