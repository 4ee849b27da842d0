package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.training.data.CustomDataset;
import org.lorasim.training.data.DataLocations;
import org.lorasim.training.data.DatasetException;
import org.lorasim.training.data.DatasetStatistics;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.data.LanguageToolCorrections;
import org.lorasim.training.data.LanguageToolLanguageId;
import org.lorasim.training.data.StandardDatasets;
import org.lorasim.training.data.Split;
import org.lorasim.training.data.TabularFormat;
import org.lorasim.training.data.TabularReader;
import org.lorasim.training.data.TextDataset;
import org.lorasim.training.data.TextGenerationDatasets;

/**
 * Which {@link TextDataset} the {@code lorasim.data} settings name: {@code languagetool} and
 * {@code languagetool-langid} (built in, from LanguageTool's artifacts on the class path), the
 * downloaded {@code sst2}, {@code banking77}, {@code agnews} (looked up in {@code lorasim.data.mirror}, then
 * {@code lorasim.data.cache}; each key falls back to the {@code -D} property of the same name, then to no
 * mirror and {@code ~/.cache/lorasim/datasets}), or {@code custom}, the user's files
 * ({@link CustomDataSettings}); for a decoder, the text-generation sets of {@link TextGenerationDatasets}
 * ({@code tinyshakespeare}, {@code alpaca5000} from the same folders, {@code languagetool-corrections} built
 * in). Every problem with the data is a
 * {@link com.typesafe.config.ConfigException} at the key that causes it.
 */
public final class DatasetCatalog {
    public static final String LANGUAGETOOL = "languagetool";
    public static final String CUSTOM = "custom";
    public static final String LANGUAGETOOL_LANGID = LanguageToolLanguageId.ID;
    public static final List<String> IDS = List.of(LANGUAGETOOL, LANGUAGETOOL_LANGID, StandardDatasets.SST2, StandardDatasets.BANKING77,
            StandardDatasets.AG_NEWS, CUSTOM, TextGenerationDatasets.TINY_SHAKESPEARE, TextGenerationDatasets.ALPACA5000,
            LanguageToolCorrections.ID);

    private static final String MIRROR_KEY = "lorasim.data.mirror";
    private static final String CACHE_KEY = "lorasim.data.cache";

    private DatasetCatalog() {
    }

    /** Reads the dataset {@code lorasim.data.dataset} names. */
    public static TextDataset load(Config config) {
        String id = ConfigReading.oneOf(config, "lorasim.data.dataset", IDS);
        requireFitsModel(config, id);
        if (TextGenerationDatasets.IDS.contains(id)) {
            try {
                return new TextGenerationDatasets(locations(config)).load(id);
            } catch (DatasetException e) {
                throw bad(config, "lorasim.data.dataset", e.getMessage());
            }
        }
        if (id.equals(LANGUAGETOOL)) {
            return LanguageToolAcceptability.english().dataset();
        }
        if (id.equals(LANGUAGETOOL_LANGID)) {
            return LanguageToolLanguageId.builtIn().dataset();
        }
        if (id.equals(CUSTOM)) {
            CustomDataset custom = CustomDataSettings.from(config);
            try {
                return custom.load();
            } catch (DatasetException e) {
                throw bad(config, e.file().map(f -> CustomDataSettings.keyOfFile(custom, f)).orElse("lorasim.data.dataset"),
                        e.getMessage());
            }
        }
        try {
            return new StandardDatasets(locations(config)).load(id);
        } catch (DatasetException e) {
            throw bad(config, "lorasim.data.dataset", e.getMessage());
        }
    }

    /**
     * What {@code validate} checks beyond {@link RunSettings}: the dataset is there and readable, every
     * column a custom dataset names is in each of its files (the message lists the file's columns), and the
     * training split has at least two classes. The built-in tasks are always there.
     *
     * @return the dataset read, or empty for the built-in tasks, which are not read
     */
    public static Optional<TextDataset> check(Config config) {
        String id = ConfigReading.oneOf(config, "lorasim.data.dataset", IDS);
        requireFitsModel(config, id);
        if (id.equals(LANGUAGETOOL) || id.equals(LANGUAGETOOL_LANGID)) {
            return Optional.empty();
        }
        if (TextGenerationDatasets.IDS.contains(id)) {
            return Optional.of(load(config));
        }
        if (id.equals(CUSTOM)) {
            checkColumns(config, CustomDataSettings.from(config));
        }
        TextDataset dataset = load(config);
        if (dataset.has(Split.TRAIN)) {
            DatasetStatistics statistics = dataset.statistics(Split.TRAIN);
            long classes = statistics.labelCounts().stream().filter(c -> c > 0).count();
            if (classes < 2) {
                throw bad(config, id.equals(CUSTOM) ? CustomDataSettings.ROOT + ".label-column" : "lorasim.data.dataset",
                        "the training examples of " + dataset.name() + " have " + classes + " class only ("
                                + dataset.labelNames() + "): a classifier needs at least two");
            }
        }
        return Optional.of(dataset);
    }

    /**
     * A decoder ({@code lorasim.model.kind = decoder}) trains on the text-generation data sets, the encoder on
     * the others: anything else is a mistake in {@code lorasim.data.dataset}.
     */
    private static void requireFitsModel(Config config, String id) {
        boolean decoder = config.hasPath("lorasim.model.kind")
                && config.getString("lorasim.model.kind").equals(RunSettings.Model.DECODER);
        boolean text = TextGenerationDatasets.IDS.contains(id);
        if (decoder && !text) {
            throw bad(config, "lorasim.data.dataset", "is " + id + ", a classification data set, but "
                    + "lorasim.model.kind is decoder, which trains on text: use one of " + TextGenerationDatasets.IDS);
        }
        if (!decoder && text) {
            throw bad(config, "lorasim.data.dataset", "is " + id + ", a text-generation data set for a decoder: "
                    + "set lorasim.model.kind = decoder and lorasim.model.checkpoint, or use one of "
                    + IDS.stream().filter(i -> !TextGenerationDatasets.IDS.contains(i)).toList());
        }
    }

    /** The mirror and cache from the scenario keys, else the {@code -D} properties, else the defaults. */
    public static DataLocations locations(Config config) {
        DataLocations fallback = DataLocations.fromSystemProperties();
        Optional<Path> mirror = config.hasPath(MIRROR_KEY) ? Optional.of(ConfigReading.file(config, MIRROR_KEY)) : fallback.mirror();
        Path cache = config.hasPath(CACHE_KEY) ? ConfigReading.file(config, CACHE_KEY) : fallback.cache();
        return new DataLocations(mirror, cache);
    }

    /**
     * {@code config} with its data folders and files, and a decoder's checkpoint and tokenizer, as absolute
     * paths, for a copy read elsewhere (resume).
     */
    public static Config withAbsoluteFiles(Config config) {
        Config out = CustomDataSettings.withAbsoluteFiles(config);
        for (String key : List.of(MIRROR_KEY, CACHE_KEY, "lorasim.model.checkpoint", "lorasim.model.tokenizer")) {
            if (config.hasPath(key)) {
                out = out.withValue(key, ConfigValueFactory.fromAnyRef(ConfigReading.file(config, key).toAbsolutePath()
                        .normalize().toString(), config.getValue(key).origin().description()));
            }
        }
        return out;
    }

    private static void checkColumns(Config config, CustomDataset custom) {
        for (Path file : custom.allFiles()) {
            String fileKey = CustomDataSettings.keyOfFile(custom, file);
            TabularFormat format;
            List<String> columns;
            try {
                format = custom.formatOf(file);
                columns = TabularReader.columns(file, format);
            } catch (DatasetException e) {
                throw bad(config, fileKey, e.getMessage());
            }
            for (String name : List.of("text-column", "text-pair-column", "label-column", "group-column")) {
                String key = CustomDataSettings.ROOT + "." + name;
                if (config.hasPath(key) && !columns.contains(config.getString(key))) {
                    throw bad(config, key, "no column '" + config.getString(key) + "' in " + file + " ("
                            + format.kind() + "); its columns are " + columns);
                }
            }
        }
    }
}
