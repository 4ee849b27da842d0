package org.lorasim.training.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loaders for the public datasets, from the folders of {@link DataLocations} (mirror first, then cache),
 * in the mirror's layout ({@code shared/datasets/README.md}):
 * <ul>
 *   <li>{@value #SST2}: SST-2 (Socher et al., EMNLP 2013; GLUE, Wang et al., arXiv:1804.07461). TSV with
 *       header {@code sentence<TAB>label}, labels 0/1 = negative/positive, no quoting (GLUE's files).
 *       {@code train.tsv} to {@link Split#TRAIN}, {@code dev.tsv} (optional) to {@link Split#VALIDATION},
 *       {@code test.tsv} to {@link Split#TEST}. In the mirror, train + dev are GLUE's train and test is GLUE's
 *       labelled dev set.</li>
 *   <li>{@value #BANKING77}: Banking77 (Casanueva et al., arXiv:2003.04807). CSV with header
 *       {@code text,category}, RFC 4180 quoting (some texts span lines); {@code categories.json} lists the 77
 *       intents, whose order gives the label indices. {@code train.csv}, {@code test.csv}.</li>
 *   <li>{@value #AG_NEWS}: AG News (Zhang et al., arXiv:1509.01626). TSV without header, columns text and
 *       label; the label column holds the class <em>name</em> (World, Sports, Business, Sci/Tech, indices 0-3
 *       in that order, the order of the original classes 1-4), not a number; texts holding a {@code "} are
 *       quoted. {@code test.tsv} to {@link Split#TEST}; {@link Split#TRAIN} from {@code train.tsv} (a
 *       download's), or, when there is none, from {@code dev.tsv} (the mirror's 10,001-row sample of train).
 *       {@code dev.tsv} is never a held-out split: its rows are rows of train.</li>
 * </ul>
 * Which split a run evaluates on is {@link HeldOutSplit}'s rule, the same for every dataset.
 * None of them has a natural group: every example's group is {@link Example#NO_GROUP}.
 */
public final class StandardDatasets {
    public static final String SST2 = "sst2";
    public static final String BANKING77 = "banking77";
    public static final String AG_NEWS = "agnews";

    public static final List<String> SST2_LABELS = List.of("negative", "positive");
    public static final List<String> AG_NEWS_LABELS = List.of("World", "Sports", "Business", "Sci/Tech");

    private final DataLocations locations;

    public StandardDatasets(DataLocations locations) {
        this.locations = Objects.requireNonNull(locations, "locations");
    }

    /** The ids {@link #load} knows. */
    public static List<String> ids() {
        return List.of(AG_NEWS, BANKING77, SST2);
    }

    /**
     * @throws DatasetException naming the known ids when {@code id} is unknown
     */
    public TextDataset load(String id) {
        return switch (id) {
            case SST2 -> sst2();
            case BANKING77 -> banking77();
            case AG_NEWS -> agNews();
            default -> throw new DatasetException("unknown dataset '" + id + "'; known: " + ids());
        };
    }

    public TextDataset sst2() {
        Path folder = locations.folderWith(SST2, List.of("train.tsv", "test.tsv"));
        Map<Split, Path> files = new EnumMap<>(Split.class);
        files.put(Split.TRAIN, folder.resolve("train.tsv"));
        putIfPresent(files, Split.VALIDATION, folder.resolve("dev.tsv"));
        files.put(Split.TEST, folder.resolve("test.tsv"));
        TabularFormat format = TabularFormat.tsv("sentence", "label", LabelMapping.byIndex(SST2_LABELS)).withoutQuoting();
        return TabularReader.readDataset(SST2, files, format);
    }

    public TextDataset banking77() {
        Path folder = locations.folderWith(BANKING77, List.of("train.csv", "test.csv", "categories.json"));
        List<String> categories = readCategories(folder.resolve("categories.json"));
        Map<Split, Path> files = new EnumMap<>(Split.class);
        files.put(Split.TRAIN, folder.resolve("train.csv"));
        files.put(Split.TEST, folder.resolve("test.csv"));
        return TabularReader.readDataset(BANKING77, files, TabularFormat.csv("text", "category", LabelMapping.byName(categories)));
    }

    public TextDataset agNews() {
        Path folder = locations.folderWith(AG_NEWS, List.of("test.tsv"));
        Path train = Files.isRegularFile(folder.resolve("train.tsv")) ? folder.resolve("train.tsv") : folder.resolve("dev.tsv");
        if (!Files.isRegularFile(train)) {
            throw new DatasetException("dataset " + AG_NEWS + ": " + folder + " holds test.tsv but neither train.tsv nor "
                    + "dev.tsv. Download it with `" + DownloadDatasets.usage(AG_NEWS) + "` or complete the folder.");
        }
        Map<Split, Path> files = new EnumMap<>(Split.class);
        files.put(Split.TRAIN, train);
        files.put(Split.TEST, folder.resolve("test.tsv"));
        TabularFormat format = TabularFormat.tsv("text", "label", LabelMapping.byName(AG_NEWS_LABELS))
                .withoutHeader(List.of("text", "label"));
        return TabularReader.readDataset(AG_NEWS, files, format);
    }

    private static void putIfPresent(Map<Split, Path> files, Split split, Path file) {
        if (Files.isRegularFile(file)) {
            files.put(split, file);
        }
    }

    /**
     * The label names of Banking77: a JSON array of distinct, non-blank strings.
     *
     * @throws DatasetException naming the file when it is anything else
     */
    static List<String> readCategories(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw DatasetException.atLine(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e, e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw DatasetException.inFile(file, "expected a non-empty JSON array of category names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode node : root) {
            if (!node.isTextual() || node.asText().isBlank()) {
                throw DatasetException.inFile(file, "category names must be non-blank strings, found " + node);
            }
            if (names.contains(node.asText())) {
                throw DatasetException.inFile(file, "category '" + node.asText() + "' is listed twice");
            }
            names.add(node.asText());
        }
        return names;
    }
}
