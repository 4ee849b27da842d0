package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed from a partial training journal ends exactly as the uninterrupted run (real training). */
class ResumeTest {
    private static final String TINY = """
            lorasim.run.rounds = 3
            lorasim.clients.count = 4
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.clients.compute.stragglers.fraction = 0.5
            """;

    @Test
    void aRunResumedFromWhatAKilledRunJournaledEndsWithTheUninterruptedRunsMetrics(@TempDir Path dir)
            throws IOException {
        // Prepare: an uninterrupted run, journaling every training
        Path full = dir.resolve("full");
        RecordingListener uninterrupted = new RecordingListener();
        Simulation.run(Scenarios.of(TINY), uninterrupted, full);
        List<Path> entries = entries(full.resolve("training"));
        assertThat(entries).hasSize(12);
        // what a run killed during round 1 had written: round 0, and one training of round 1
        Path partial = dir.resolve("partial").resolve("training");
        Files.createDirectories(partial);
        List<Path> kept = entries.stream().filter(p -> p.getFileName().toString().contains("-r0-")).toList();
        for (Path p : kept) {
            Files.copy(p, partial.resolve(p.getFileName()));
        }
        Path oneOfRound1 = entries.stream().filter(p -> p.getFileName().toString().contains("-r1-")).findFirst()
                .orElseThrow();
        Files.copy(oneOfRound1, partial.resolve(oneOfRound1.getFileName()));
        Files.writeString(partial.resolve("c3-r1-torn.kryo.tmp"), "a write the kill cut short");

        // Execute
        RecordingListener resumed = new RecordingListener();
        Simulation.run(Scenarios.of(TINY), resumed, dir.resolve("partial"));

        // Assert
        assertThat(resumed.deterministicRounds()).isEqualTo(uninterrupted.deterministicRounds());
        assertThat(resumed.summary.checksum()).isEqualTo(uninterrupted.summary.checksum());
        assertThat(entries(partial)).hasSize(12);
    }

    private static List<Path> entries(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".kryo")).sorted().toList();
        }
    }
}
