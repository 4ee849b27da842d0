package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.cluster.node.NodeSettings;

/** Where a clients node journals a submitted run's trainings, and the check of lorasim.cluster.journal-dir. */
class RunJournalsTest {

    @Test
    void aSubmissionsJournalIsItsIdUnderTheNodesJournalDirOrTheTemporaryDirectory(@TempDir Path dir) {
        assertThat(RunJournals.directory(ConfigFactory.parseString("lorasim.cluster.journal-dir = \"" + dir + "\""),
                "abc-1")).isEqualTo(dir.resolve("abc-1"));
        assertThat(RunJournals.directory(ConfigFactory.load(), "abc-1"))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "lorasim-journals", "abc-1"));
        assertThat(RunJournals.submission(ConfigFactory.load())).isEmpty();
    }

    @Test
    void aJournalDirThatIsAFileIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> NodeSettings.fromConfig(ConfigFactory.parseString(
                "lorasim.cluster.journal-dir = \"" + file + "\"").withFallback(ConfigFactory.load()).resolve()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.cluster.journal-dir").hasMessageContaining("is a file");
    }
}
