package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resume} of a finished real-training run whose journal was damaged (a truncated, an emptied and a changed
 * entry): it names each damaged entry and changes nothing (before: a Kryo stack trace, a 30 s wait, and the
 * finished run's files overwritten by a one-round failed record; a changed entry was replayed into a
 * "finished" run with another model); with {@code --retrain-damaged} it trains those jobs again and ends with
 * exactly the run's own record.
 */
class ResumeDamagedJournalTest {
    private static final String TINY = """
            lorasim {
              run.rounds = 2
              clients.count = 3
              training { local-steps = 2, batch-size = 4, max-length = 24 }
              data { max-examples-per-client = 8, eval-examples = 16 }
              model.rank = 2
              trainer-slots.count = 1
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aDamagedJournalIsReportedByFileAndJobAndRetrainedOnRequest() throws Exception {
        // Prepare: a finished run, then three of its six journal entries damaged in three ways
        Path scenario = dir.resolve("tiny.conf");
        Files.writeString(scenario, TINY);
        Path run = dir.resolve("run");
        Cli.Result first = Cli.execute("run", scenario.toString(), "--out", run.toString());
        assertThat(first.code()).as(first.err()).isZero();
        String summary = Files.readString(run.resolve("summary.json"));
        String rounds = Files.readString(run.resolve("rounds.csv"));
        String report = Files.readString(run.resolve("report.html"));
        List<Path> entries = entries(run.resolve("checkpoint").resolve("training"));
        assertThat(entries).hasSize(6);
        byte[] whole = Files.readAllBytes(entries.get(0));
        Files.write(entries.get(0), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(entries.get(1), new byte[0]);
        byte[] changed = Files.readAllBytes(entries.get(2));
        changed[changed.length - 7] ^= 0x01;
        Files.write(entries.get(2), changed);

        // Execute
        Cli.Result refused = Cli.execute("resume", run.toString());

        // Assert: exit 2, each entry by file and job, the way on, no stack trace; the folder untouched
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("3 damaged training journal entries")
                .contains(entries.get(0) + ": entry of client ").contains("truncated")
                .contains(entries.get(1) + ": entry of client ").contains("empty file")
                .contains(entries.get(2) + ": entry of client ").contains("checksum mismatch")
                .contains("lorasim resume --retrain-damaged " + run)
                .doesNotContain("\tat ").doesNotContain("Kryo");
        assertThat(Files.readString(run.resolve("summary.json"))).isEqualTo(summary);
        assertThat(Files.readString(run.resolve("rounds.csv"))).isEqualTo(rounds);
        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(report);

        // Execute
        Cli.Result retrained = Cli.execute("resume", "--retrain-damaged", run.toString());

        // Assert: the same record as the run's own (wall times aside), the damaged entries set aside
        assertThat(retrained.code()).as(retrained.err()).isZero();
        assertThat(retrained.out()).contains("moved 3 damaged journal entries");
        assertThat(withoutWallTimes(Files.readString(run.resolve("summary.json")))).isEqualTo(withoutWallTimes(summary));
        assertThat(entries(run.resolve("checkpoint").resolve("damaged"))).hasSize(3);
        assertThat(entries(run.resolve("checkpoint").resolve("training"))).hasSize(6);
        assertThat(run.resolve(ResumeStaging.DIR)).doesNotExist();
    }

    private static List<Path> entries(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(p -> p.toString().endsWith(".kryo")).sorted().toList();
        }
    }

    private static String withoutWallTimes(String summary) {
        return summary.replaceAll("\"wall_millis\"\\s*:\\s*\\d+", "");
    }
}
