package org.lorasim.training.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where dataset files are looked for: first a local mirror folder (optional; the project's CI and
 * offline machines point it at {@code ../shared/datasets} from the project root), then a cache folder
 * (default {@code ~/.cache/lorasim/datasets}) that {@link DatasetDownloader} fills. Both hold one folder
 * per dataset id ({@code sst2/train.tsv}, {@code banking77/categories.json}, ...).
 * <p>
 * Settings: the scenario keys {@value #MIRROR_PROPERTY} and {@value #CACHE_PROPERTY} (read by the
 * runtime, which passes the paths to the constructor), or system properties of the same names.
 */
public final class DataLocations {
    public static final String MIRROR_PROPERTY = "lorasim.data.mirror";
    public static final String CACHE_PROPERTY = "lorasim.data.cache";

    private final Optional<Path> mirror;
    private final Path cache;

    public DataLocations(Optional<Path> mirror, Path cache) {
        this.mirror = Objects.requireNonNull(mirror, "mirror").map(p -> p.toAbsolutePath().normalize());
        this.cache = Objects.requireNonNull(cache, "cache").toAbsolutePath().normalize();
    }

    /** Mirror from {@value #MIRROR_PROPERTY} (none when unset), cache from {@value #CACHE_PROPERTY} or the default. */
    public static DataLocations fromSystemProperties() {
        String mirror = System.getProperty(MIRROR_PROPERTY);
        String cache = System.getProperty(CACHE_PROPERTY);
        return new DataLocations(Optional.ofNullable(mirror).filter(s -> !s.isBlank()).map(Path::of),
                cache == null || cache.isBlank() ? defaultCache() : Path.of(cache));
    }

    /** The mirror the project's own machines use: {@code ../shared/datasets} from the project root. */
    public static DataLocations forProjectRoot(Path projectRoot, Path cache) {
        return new DataLocations(Optional.of(projectRoot.resolve("..").resolve("shared").resolve("datasets")), cache);
    }

    /** {@code ~/.cache/lorasim/datasets}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "lorasim", "datasets");
    }

    public Optional<Path> mirror() {
        return mirror;
    }

    public Path cache() {
        return cache;
    }

    /** The folder a download of {@code datasetId} goes to. */
    public Path cacheFolder(String datasetId) {
        return cache.resolve(datasetId);
    }

    /** The folders searched for {@code datasetId}, mirror first. */
    public List<Path> candidates(String datasetId) {
        List<Path> folders = new ArrayList<>();
        mirror.ifPresent(m -> folders.add(m.resolve(datasetId)));
        folders.add(cacheFolder(datasetId));
        return folders;
    }

    /**
     * The first candidate folder that holds every file in {@code requiredFiles}.
     *
     * @throws DatasetException naming the missing file, every path searched and the two fixes
     */
    public Path folderWith(String datasetId, List<String> requiredFiles) {
        List<Path> candidates = candidates(datasetId);
        for (Path folder : candidates) {
            if (requiredFiles.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
                return folder;
            }
        }
        String missing = requiredFiles.stream()
                .filter(f -> candidates.stream().noneMatch(c -> Files.isRegularFile(c.resolve(f))))
                .findFirst().orElse(requiredFiles.get(0));
        StringBuilder message = new StringBuilder("dataset ").append(datasetId).append(": file ").append(missing)
                .append(" not found (needed: ").append(requiredFiles).append("). Looked in:");
        if (mirror.isEmpty()) {
            message.append("\n  (no mirror: ").append(MIRROR_PROPERTY).append(" is not set)");
        }
        for (Path folder : candidates) {
            boolean isMirror = mirror.isPresent() && folder.startsWith(mirror.get());
            message.append("\n  ").append(folder.resolve(missing)).append(isMirror ? " (mirror)" : " (cache)");
            List<String> absent = requiredFiles.stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
            if (!absent.contains(missing)) {
                message.append(" - present, but this folder lacks ").append(absent);
            }
        }
        message.append("\nDownload it with `").append(DownloadDatasets.usage(datasetId, cache)).append("` (fills ").append(cacheFolder(datasetId))
                .append("), or set ").append(MIRROR_PROPERTY).append(" = \"<folder holding ").append(datasetId)
                .append("/>\" in the scenario.");
        return failWith(message.toString());
    }

    private static Path failWith(String message) {
        throw new DatasetException(message);
    }

    @Override
    public String toString() {
        return "DataLocations[mirror=" + mirror.map(Path::toString).orElse("none") + ", cache=" + cache + "]";
    }
}
