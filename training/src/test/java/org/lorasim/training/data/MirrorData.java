package org.lorasim.training.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's offline mirror for tests: {@code ../shared/datasets} from the project root, which is
 * {@code ../../shared/datasets} from this module's folder (Surefire's working directory and its
 * {@code basedir} property). {@code -Dlorasim.data.mirror=...} overrides it. A test that needs it is
 * skipped (a JUnit assumption) on a clone without it; the loaders' own tests run on {@link TinyMirror}.
 */
final class MirrorData {
    private MirrorData() {
    }

    /** The mirror; skips the calling test, saying how to run it, when there is none. */
    static Path folder() {
        String configured = System.getProperty(DataLocations.MIRROR_PROPERTY);
        Path mirror = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("basedir", ".")).resolve("..").resolve("..").resolve("shared").resolve("datasets");
        Path folder = mirror.toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(folder.resolve("README.md")), () -> "skipped: needs the dataset mirror, which is not at "
                + folder + "; run the tests from a checkout with shared/datasets beside it, or pass -D"
                + DataLocations.MIRROR_PROPERTY + "=<folder>");
        return folder;
    }

    /** The mirror, and a cache that tests never fill. */
    static DataLocations locations(Path emptyCache) {
        return new DataLocations(Optional.of(folder()), emptyCache);
    }
}
