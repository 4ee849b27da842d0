package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lorasim download-datasets} returns its exit code (it no longer ends the JVM); no test reaches the network. */
class DownloadDatasetsCommandTest {

    @Test
    void anUnknownIdIsBadInputAndNothingIsWritten(@TempDir Path dir) {
        // Execute
        Cli.Result result = Cli.execute("download-datasets", "imdb", "--cache", dir.resolve("cache").toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown dataset 'imdb'").contains("[agnews, banking77, sst2]");
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
