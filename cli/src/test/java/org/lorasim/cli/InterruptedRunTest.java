package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line sent SIGTERM (what Ctrl-C's SIGINT also does) in the middle of a real-training run, in a child
 * JVM: the run stops after its trainings in flight, the folder gets its summary ("stopped: interrupted ..."), the JVM
 * exits, and nothing crashed (no {@code hs_err_pid*.log} in its working directory); {@code lorasim resume} then
 * finishes it.
 */
class InterruptedRunTest {
    @TempDir
    Path dir;

    @Test
    void aRunSentSigtermStopsAfterItsTrainingsInFlightWithItsSummaryAndResumes() throws Exception {
        // Prepare
        Path scenario = dir.resolve("tiny.conf");
        Files.writeString(scenario, ChildLorasim.TINY_TRAINED);
        Path run = dir.resolve("run");

        // Execute: SIGTERM once two trainings are journaled (round 0, a training in flight)
        Process process = ChildLorasim.start(dir, dir.resolve("out.txt"), "run", scenario.toString(), "--out",
                run.toString());
        Path journal = run.resolve("checkpoint").resolve("training");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (ChildLorasim.journaled(journal) < 2 && process.isAlive() && System.nanoTime() < deadline) {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        assertThat(process.isAlive()).as("the run was still going when it was sent SIGTERM").isTrue();
        process.destroy();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        String output = Files.readString(dir.resolve("out.txt"));
        String stopped = Files.readString(run.resolve("summary.json"));
        long journaledWhenStopped = ChildLorasim.journaled(journal);
        Cli.Result resumed = Cli.execute("resume", run.toString());

        // Assert
        assertThat(exited).as(output).isTrue();
        assertThat(output).contains("lorasim: interrupted: stopping the run")
                .contains("lorasim: the run stopped; its folder keeps the rounds so far");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        assertThat(stopped).contains("\"outcome\" : \"stopped: interrupted (SIGINT or SIGTERM)\"");
        assertThat(journaledWhenStopped).as("what was journaled before the signal is kept").isBetween(2L, 11L);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"outcome\" : \"finished\"");
        assertThat(ChildLorasim.journaled(journal)).isEqualTo(12);
    }
}
