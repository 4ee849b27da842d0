package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is refused by {@code validate} (and by {@code run} before it makes a folder) with exit 2 and
 * {@code FILE:LINE: KEY: problem}, every problem of a file at once, never a stack trace; a run that fails
 * anyway says so in its folder.
 */
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void validateReportsEveryProblemOfAFileAtOnce() throws IOException {
        // Prepare: an unknown key, a fractional round count and an impossible default link loss
        Path file = Cli.scenario(dir, "many.conf", """
                lorasim.run.trainer = cost-model
                lorasim.run.bogus = 3
                lorasim.run.rounds = 2.5
                lorasim.links.default.loss = 3
                """);

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert: before, only the unknown key was reported
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip().split("\n")).containsExactly(
                file + ":2: unknown key 'lorasim.run.bogus'",
                file + ":3: lorasim.run.rounds: must be a whole number, got 2.5",
                file + ":4: lorasim.links.default.loss: must be a probability in [0, 1], got 3.0");
    }

    @Test
    void validateRefusesEverythingRunWouldRefuseNamingTheKeyAtTheUsersLine() throws IOException {
        String gossip = "lorasim.run { trainer = cost-model, variant = decentralized, algorithm = dec-lora }\n";
        String[][] cases = {
                {gossip + "lorasim.clients.count = 1\nlorasim.algorithms.dec-lora.topology = ring\n",
                        ":3: lorasim.algorithms.dec-lora.topology: "},
                {gossip + "lorasim.clients.count = 4\nlorasim.algorithms.dec-lora { topology = random-regular, degree = 4 }\n",
                        ":3: lorasim.algorithms.dec-lora.topology: "},
                {"lorasim.run.trainer = cost-model\nlorasim.model.rank = 500\n", ":2: lorasim.model.rank: must be <= 384"},
                {"lorasim.run.trainer = cost-model\nlorasim.run.seed = 99999999999999999999999\n",
                        ":2: lorasim.run.seed: must be a whole number"},
                {"lorasim.run.trainer = cost-model\nlorasim.links.default.bandwidth-per-second = 0.5\n",
                        ":2: lorasim.links.default.bandwidth-per-second: must be at least 1 byte per second"},
                {"lorasim.run.trainer = cost-model\nlorasim.scenario.events = [\n"
                        + "  { at-round = 1, action = set-link, clients = [0], bandwidth = 0.5 }\n]\n",
                        ":3: lorasim.scenario.events[0].bandwidth: must be at least 1 byte per second"},
        };
        for (int i = 0; i < cases.length; i++) {
            // Prepare
            Path file = Cli.scenario(dir, "case" + i + ".conf", cases[i][0]);
            Path out = dir.resolve("out" + i);

            // Execute
            Cli.Result validate = Cli.execute("validate", file.toString());
            Cli.Result run = Cli.execute("run", file.toString(), "--out", out.toString());

            // Assert
            assertThat(validate.code()).as(cases[i][0]).isEqualTo(2);
            String expected = file + cases[i][1];
            assertThat(validate.err().strip().split("\n")).as(cases[i][0]).singleElement().satisfies(line ->
                    assertThat(line).startsWith(expected).doesNotContain("Exception"));
            assertThat(run.code()).as(cases[i][0]).isEqualTo(2);
            assertThat(out).as(cases[i][0]).doesNotExist();
        }
    }

    @Test
    void aRunThatFailsWritesSummaryJsonWithOutcomeFailedAndItsReason() throws IOException {
        // Prepare: a real-training run whose checkpoint holds a damaged journal entry, which stops it after
        // its data and model are loaded (before: no summary.json, and a report that said "running")
        Path file = Cli.scenario(dir, "tiny.conf", """
                lorasim {
                  run.rounds = 1
                  clients.count = 2
                  training { local-steps = 1, batch-size = 2, max-length = 16 }
                  data { max-examples-per-client = 4, eval-examples = 8 }
                  model.rank = 2
                }
                """);
        Scenario loaded = ScenarioLoader.standard().load(file, java.util.List.of());
        Path out = dir.resolve("failed");
        Path checkpoint = dir.resolve("checkpoint");
        Files.createDirectories(checkpoint.resolve("training"));
        Files.write(checkpoint.resolve("training").resolve("c0-r0-00.kryo"), new byte[0]);

        // Execute
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> RunLauncher.run(loaded.config(), out, checkpoint, new java.io.PrintWriter(
                        java.io.Writer.nullWriter()), false));

        // Assert
        assertThat(thrown).hasMessageContaining("damaged training journal entry");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("outcome").asText()).startsWith("failed: 1 damaged training journal entry: ")
                .contains("c0-r0-00.kryo: entry of client 0, round 0: empty file");
        assertThat(summary.path("rounds").asInt()).isZero();
        assertThat(summary.path("algorithm").asText()).isEqualTo("fedit");
        assertThat(Files.readString(out.resolve("report.html"))).contains("failed: ")
                .doesNotContain("running (no summary yet)");
    }
}
