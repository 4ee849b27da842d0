package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aLongerFileIsReplacedWholeAndNoTmpRemains() throws IOException {
        // Prepare: the old content is longer than the new, so a write in place would leave a tail
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "x".repeat(1000));

        // Execute
        AtomicFiles.writeString(target, "{}\n");

        // Assert
        assertThat(Files.readString(target)).isEqualTo("{}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.json");
        }
    }

    @Test
    void aStaleTmpFromACrashIsOverwritten() throws IOException {
        // Prepare
        Path target = dir.resolve("rounds.csv");
        Files.writeString(dir.resolve("rounds.csv.tmp"), "half a fi");

        // Execute
        AtomicFiles.writeString(target, "round\n0\n");

        // Assert
        assertThat(Files.readString(target)).isEqualTo("round\n0\n");
        assertThat(dir.resolve("rounds.csv.tmp")).doesNotExist();
    }

    @Test
    void aFailedWriteNamesTheFileAndLeavesNoTmp() {
        // Prepare: the parent folder does not exist
        Path target = dir.resolve("missing").resolve("a.txt");

        // Execute, Assert
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "a")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString());
        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
