package org.lorasim.training.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's offline mirror for tests: {@code ../shared/datasets} from the project root, which is
 * {@code ../../shared/datasets} from this module's folder (Surefire's working directory and its
 * {@code basedir} property). {@code -Dlorasim.data.mirror=...} overrides it.
 */
final class MirrorData {
    private MirrorData() {
    }

    static Path folder() {
        String configured = System.getProperty(DataLocations.MIRROR_PROPERTY);
        Path mirror = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("basedir", ".")).resolve("..").resolve("..").resolve("shared").resolve("datasets");
        mirror = mirror.toAbsolutePath().normalize();
        if (!Files.isRegularFile(mirror.resolve("README.md"))) {
            throw new IllegalStateException("the dataset mirror is not at " + mirror + ": run the tests from a checkout "
                    + "with shared/ beside it, or pass -D" + DataLocations.MIRROR_PROPERTY + "=<folder>");
        }
        return mirror;
    }

    /** The mirror, and a cache that tests never fill. */
    static DataLocations locations(Path emptyCache) {
        return new DataLocations(Optional.of(folder()), emptyCache);
    }
}
