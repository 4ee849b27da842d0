package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLocationsTest {
    @TempDir
    Path dir;

    private Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    @Test
    void mirrorIsSearchedBeforeCache() throws IOException {
        // Prepare: both hold sst2 completely
        Path mirror = dir.resolve("mirror");
        Path cache = dir.resolve("cache");
        for (Path root : List.of(mirror, cache)) {
            touch(root.resolve("sst2/train.tsv"));
            touch(root.resolve("sst2/test.tsv"));
        }
        DataLocations locations = new DataLocations(Optional.of(mirror), cache);

        // Execute, Assert
        assertThat(locations.folderWith("sst2", List.of("train.tsv", "test.tsv"))).isEqualTo(mirror.resolve("sst2"));
    }

    @Test
    void cacheIsUsedWhenTheMirrorLacksAFile() throws IOException {
        // Prepare: the mirror has only train.tsv
        Path mirror = dir.resolve("mirror");
        Path cache = dir.resolve("cache");
        touch(mirror.resolve("sst2/train.tsv"));
        touch(cache.resolve("sst2/train.tsv"));
        touch(cache.resolve("sst2/test.tsv"));
        DataLocations locations = new DataLocations(Optional.of(mirror), cache);

        // Execute, Assert
        assertThat(locations.folderWith("sst2", List.of("train.tsv", "test.tsv"))).isEqualTo(cache.resolve("sst2"));
    }

    @Test
    void missingFileMessageListsEveryPathAndTheFixes() throws IOException {
        // Prepare: the mirror has train.tsv but not test.tsv; the cache is empty
        Path mirror = dir.resolve("mirror");
        Path cache = dir.resolve("cache");
        touch(mirror.resolve("sst2/train.tsv"));
        DataLocations locations = new DataLocations(Optional.of(mirror), cache);

        // Execute, Assert
        assertThatThrownBy(() -> locations.folderWith("sst2", List.of("train.tsv", "test.tsv")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("dataset sst2: file test.tsv not found")
                .hasMessageContaining(mirror.resolve("sst2/test.tsv") + " (mirror)")
                .hasMessageContaining(cache.resolve("sst2/test.tsv") + " (cache)")
                .hasMessageContaining("`./lorasim download-datasets sst2 --cache " + cache + "`")
                .hasMessageContaining("set lorasim.data.mirror = \"<folder holding sst2/>\" in the scenario");
    }

    @Test
    void withoutMirrorTheMessageSaysSo() {
        // Prepare
        Path cache = dir.resolve("cache");
        DataLocations locations = new DataLocations(Optional.empty(), cache);

        // Execute, Assert
        assertThatThrownBy(() -> new StandardDatasets(locations).banking77())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("file train.csv not found")
                .hasMessageContaining("lorasim.data.mirror is not set")
                .hasMessageContaining(cache.resolve("banking77/train.csv").toString())
                .hasMessageContaining("./lorasim download-datasets banking77");
    }

    @Test
    void projectRootMirrorAndSystemProperties() {
        // Prepare
        Path root = dir.resolve("checkout");
        String before = System.getProperty(DataLocations.CACHE_PROPERTY);

        // Execute
        DataLocations project = DataLocations.forProjectRoot(root, dir.resolve("c"));
        System.setProperty(DataLocations.CACHE_PROPERTY, dir.resolve("from-property").toString());
        DataLocations fromProperties;
        try {
            fromProperties = DataLocations.fromSystemProperties();
        } finally {
            if (before == null) {
                System.clearProperty(DataLocations.CACHE_PROPERTY);
            } else {
                System.setProperty(DataLocations.CACHE_PROPERTY, before);
            }
        }

        // Assert: <root>/../shared/datasets
        assertThat(project.mirror()).contains(dir.resolve("shared").resolve("datasets"));
        assertThat(fromProperties.cache()).isEqualTo(dir.resolve("from-property"));
        assertThat(DataLocations.defaultCache()).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "lorasim", "datasets"));
    }
}
