package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line killed with SIGKILL in the middle of a real-training run, then resumed: the resumed run
 * ends with exactly the uninterrupted run's rounds (wall times set aside) and final model.
 */
class ResumeAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledMidwayAndResumedEndsExactlyAsAnUninterruptedRun() throws Exception {
        // Prepare
        Path scenario = dir.resolve("tiny.conf");
        Files.writeString(scenario, ChildLorasim.TINY_TRAINED);
        Path whole = dir.resolve("whole");
        assertThat(Cli.execute("run", scenario.toString(), "--out", whole.toString()).code()).isZero();

        // Execute: a separate JVM runs the same scenario and is killed (SIGKILL) once it journaled 5 of its
        // 12 trainings, inside round 1; then this JVM resumes the killed run's folder
        Path killed = dir.resolve("killed");
        Process process = ChildLorasim.start(dir, null, "run", scenario.toString(), "--out", killed.toString());
        Path journal = killed.resolve("checkpoint").resolve("training");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (ChildLorasim.journaled(journal) < 5 && process.isAlive() && System.nanoTime() < deadline) {
            process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(process.isAlive()).as("the run was still going when it was killed").isTrue();
        process.destroyForcibly().waitFor();
        long journaledWhenKilled = ChildLorasim.journaled(journal);
        Cli.Result resumed = Cli.execute("resume", killed.toString());

        // Assert
        assertThat(journaledWhenKilled).isBetween(5L, 11L);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(ChildLorasim.journaled(journal)).isEqualTo(12);
        assertThat(withoutWallTimes(killed.resolve("rounds.csv"))).isEqualTo(withoutWallTimes(whole.resolve("rounds.csv")));
        assertThat(Files.readString(killed.resolve("summary.json")).replaceAll("\"wall_millis\"\\s*:\\s*\\d+", ""))
                .isEqualTo(Files.readString(whole.resolve("summary.json")).replaceAll("\"wall_millis\"\\s*:\\s*\\d+", ""));
        assertThat(Files.list(killed).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }

    /** rounds.csv without its wall-time column. */
    private static List<String> withoutWallTimes(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int column = List.of(lines.get(0).split(",")).indexOf("wall_millis");
        return lines.stream().map(line -> {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(column);
            return String.join(",", cells);
        }).toList();
    }
}
