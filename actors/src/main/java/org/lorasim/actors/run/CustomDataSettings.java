package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.training.data.CustomDataset;
import org.lorasim.training.data.DataFiles;
import org.lorasim.training.data.DatasetException;
import org.lorasim.training.data.Split;
import org.lorasim.training.data.TabularFormat;

/**
 * {@code lorasim.data.custom}: a user's own files as a {@link CustomDataset}. {@code train}, {@code validation}
 * and {@code test} are each a path or glob, or a list of them; a relative one resolves against the folder of
 * the scenario file that set it ({@code --set} values against the working folder). Every problem is a
 * {@link ConfigException} at the key that causes it: a file or glob that names nothing at its split's key, an
 * unknown format at {@code format}, a labels file that cannot be read at {@code labels-file}.
 */
final class CustomDataSettings {
    static final String ROOT = "lorasim.data.custom";
    static final List<String> FORMATS = List.of("auto", "csv", "tsv", "jsonl");
    private static final Map<Split, String> SPLIT_KEYS = splitKeys();

    private CustomDataSettings() {
    }

    static String keyOf(Split split) {
        return SPLIT_KEYS.get(split);
    }

    /** The dataset the keys describe, its files expanded (not yet read). */
    static CustomDataset from(Config config) {
        if (!config.hasPath(keyOf(Split.TRAIN))) {
            throw bad(config, "lorasim.data.dataset", "is custom, which needs " + keyOf(Split.TRAIN)
                    + " (a path or glob of the training file(s))");
        }
        Map<Split, List<Path>> files = new EnumMap<>(Split.class);
        SPLIT_KEYS.forEach((split, key) -> {
            if (config.hasPath(key)) {
                files.put(split, expand(config, key));
            }
        });
        String format = ConfigReading.oneOf(config, ROOT + ".format", FORMATS);
        Optional<TabularFormat.Kind> kind = format.equals("auto") ? Optional.empty()
                : Optional.of(TabularFormat.Kind.valueOf(format.toUpperCase(Locale.ROOT)));
        String name = config.hasPath(ROOT + ".name") ? config.getString(ROOT + ".name")
                : stem(files.get(Split.TRAIN).get(0));
        return new CustomDataset(name, files, kind, column(config, "text-column").orElseThrow(),
                column(config, "text-pair-column"), column(config, "label-column").orElseThrow(),
                column(config, "group-column"), labelNames(config));
    }

    /** The key whose file {@code file} is, for messages about it. */
    static String keyOfFile(CustomDataset dataset, Path file) {
        for (Map.Entry<Split, List<Path>> entry : dataset.files().entrySet()) {
            if (entry.getValue().contains(file)) {
                return keyOf(entry.getKey());
            }
        }
        return keyOf(Split.TRAIN);
    }

    /** {@code config} with every file key of this block made absolute, globs and lists kept as globs and lists. */
    static Config withAbsoluteFiles(Config config) {
        Config out = config;
        List<String> keys = new ArrayList<>(SPLIT_KEYS.values());
        keys.add(ROOT + ".labels-file");
        for (String key : keys) {
            if (!config.hasPath(key)) {
                continue;
            }
            List<String> absolute = paths(config, key).stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
            Object value = config.getValue(key).valueType() == ConfigValueType.LIST ? absolute : absolute.get(0);
            out = out.withValue(key, ConfigValueFactory.fromAnyRef(value, config.getValue(key).origin().description()));
        }
        return out;
    }

    private static List<Path> expand(Config config, String key) {
        List<Path> files = new ArrayList<>();
        for (Path pattern : paths(config, key)) {
            try {
                files.addAll(DataFiles.expand(pattern));
            } catch (DatasetException e) {
                throw bad(config, key, e.getMessage());
            }
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw bad(config, key, "file not found: " + file + (Files.isDirectory(file) ? " (it is a folder; use a glob"
                        + " such as " + file.resolve("*.jsonl") + ")" : ""));
            }
        }
        return files;
    }

    /** The path(s) at {@code key}, a string or a list of strings, each resolved against the file that set it. */
    private static List<Path> paths(Config config, String key) {
        ConfigValue value = config.getValue(key);
        List<ConfigValue> values = value instanceof ConfigList list ? list : List.of(value);
        if (values.isEmpty()) {
            throw bad(config, key, "names no file");
        }
        List<Path> paths = new ArrayList<>();
        for (ConfigValue item : values) {
            if (item.valueType() != ConfigValueType.STRING || ((String) item.unwrapped()).isBlank()) {
                throw bad(config, key, "must be a path or glob, or a list of them; got " + item.render());
            }
            Path path = Path.of((String) item.unwrapped());
            String origin = item.origin().filename();
            if (!path.isAbsolute() && origin != null && Path.of(origin).toAbsolutePath().getParent() != null) {
                path = Path.of(origin).toAbsolutePath().getParent().resolve(path);
            }
            paths.add(path.toAbsolutePath().normalize());
        }
        return paths;
    }

    private static Optional<String> column(Config config, String name) {
        String key = ROOT + "." + name;
        if (!config.hasPath(key)) {
            return Optional.empty();
        }
        String column = config.getString(key);
        if (column.isBlank()) {
            throw bad(config, key, "must name a column");
        }
        return Optional.of(column);
    }

    /** {@code labels}, or the lines of {@code labels-file} (blank lines skipped), or empty: from the data. */
    private static List<String> labelNames(Config config) {
        String listKey = ROOT + ".labels";
        String fileKey = ROOT + ".labels-file";
        List<String> names = config.getStringList(listKey);
        if (config.hasPath(fileKey)) {
            if (!names.isEmpty()) {
                throw bad(config, fileKey, "and " + listKey + " are both set: give the label names one way");
            }
            Path file = paths(config, fileKey).get(0);
            try {
                names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(s -> !s.isEmpty()).toList();
            } catch (IOException e) {
                throw bad(config, fileKey, "cannot read " + file + ": " + e.getMessage());
            }
            if (names.isEmpty()) {
                throw bad(config, fileKey, file + " holds no label names (one per line)");
            }
        }
        if (names.stream().distinct().count() != names.size() || names.stream().anyMatch(String::isBlank)) {
            throw bad(config, config.hasPath(fileKey) ? fileKey : listKey, "label names must be distinct and non-blank, got "
                    + names);
        }
        return names;
    }

    /** The file's name without extension, or its folder's name when that says nothing ({@code train.jsonl}). */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        boolean generic = stem.equalsIgnoreCase("train") || stem.equalsIgnoreCase("training");
        return generic && file.getParent() != null && file.getParent().getFileName() != null
                ? file.getParent().getFileName().toString() : stem;
    }

    private static Map<Split, String> splitKeys() {
        Map<Split, String> keys = new LinkedHashMap<>();
        keys.put(Split.TRAIN, ROOT + ".train");
        keys.put(Split.VALIDATION, ROOT + ".validation");
        keys.put(Split.TEST, ROOT + ".test");
        return keys;
    }
}
