package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume never replaces a finished run's files unless it finishes a new, complete record. */
class ResumeStagingTest {

    private static final String FINISHED = "{ \"outcome\" : \"finished\", \"checksum\" : \"good\" }\n";
    private static final String FAILED = "{ \"outcome\" : \"failed: participant did not acknowledge\" }\n";

    @TempDir
    Path run;

    private ResumeStaging resumeThatWrites(String summary) throws IOException {
        ResumeStaging staging = ResumeStaging.begin(run);
        Files.createDirectories(staging.dir());
        Files.writeString(staging.dir().resolve("summary.json"), summary);
        Files.writeString(staging.dir().resolve("rounds.csv"), "round\n0\n");
        return staging;
    }

    @Test
    void aFailedResumeOfAFinishedRunLeavesItsFilesAndKeepsItsOwnRecordAside() throws IOException {
        // Prepare
        Files.writeString(run.resolve("summary.json"), FINISHED);
        Files.writeString(run.resolve("rounds.csv"), "round\n0\n1\n2\n");
        ResumeStaging staging = resumeThatWrites(FAILED);

        // Execute
        Optional<String> message = staging.end(false);

        // Assert
        assertThat(Files.readString(run.resolve("summary.json"))).isEqualTo(FINISHED);
        assertThat(Files.readString(run.resolve("rounds.csv"))).isEqualTo("round\n0\n1\n2\n");
        assertThat(message).hasValueSatisfying(m -> assertThat(m).contains("unchanged").contains(".resume"));
        assertThat(staging.dir().resolve("summary.json")).hasContent(FAILED.strip());
    }

    @Test
    void aFinishedResumeReplacesTheFilesAndClearsItsStaging() throws IOException {
        // Prepare
        Files.writeString(run.resolve("summary.json"), FINISHED);
        ResumeStaging staging = resumeThatWrites("{ \"outcome\" : \"finished\", \"checksum\" : \"new\" }\n");

        // Execute
        Optional<String> message = staging.end(true);

        // Assert
        assertThat(message).isEmpty();
        assertThat(Files.readString(run.resolve("summary.json"))).contains("new");
        assertThat(run.resolve("rounds.csv")).exists();
        assertThat(staging.dir()).doesNotExist();
    }

    @Test
    void aFinishedResumeRemovesTheHalfWrittenFilesOfTheKilledRun() throws IOException {
        // Prepare: the kill landed while rounds.csv was being rewritten
        Files.writeString(run.resolve("rounds.csv.tmp"), "round\n0\n1");
        ResumeStaging staging = resumeThatWrites("{ \"outcome\" : \"finished\" }\n");

        // Execute
        staging.end(true);

        // Assert
        assertThat(run.resolve("rounds.csv.tmp")).doesNotExist();
        assertThat(run.resolve("rounds.csv")).hasContent("round\n0");
    }

    @Test
    void aFailedResumeOfAnUnfinishedRunWritesItsRecordWhichSaysWhy() throws IOException {
        // Prepare: a killed run has no summary
        Files.writeString(run.resolve("rounds.csv"), "round\n0\n");
        ResumeStaging staging = resumeThatWrites(FAILED);

        // Execute
        Optional<String> message = staging.end(false);

        // Assert
        assertThat(message).isEmpty();
        assertThat(Files.readString(run.resolve("summary.json"))).contains("failed");
    }

    @Test
    void beginClearsWhatAnEarlierResumeLeft() throws IOException {
        Files.createDirectories(run.resolve(ResumeStaging.DIR).resolve("old"));
        Files.writeString(run.resolve(ResumeStaging.DIR).resolve("old").resolve("x.png"), "x");

        ResumeStaging staging = ResumeStaging.begin(run);

        assertThat(staging.dir()).doesNotExist();
    }
}
