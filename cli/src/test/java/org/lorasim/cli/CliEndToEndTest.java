package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line over the real runtime ({@code Simulation}), with system-only scenarios (the FAKE cost-model
 * trainer, no model) so that every run takes a second or two.
 */
class CliEndToEndTest {

    /** 10 clients, 3 rounds, client 5 crashes when round 1 starts and comes back 5 simulated seconds later. */
    static final String SYSTEM_ONLY = """
            lorasim {
              run { trainer = cost-model, rounds = 3 }
              clients.count = 10
              rounds.clients-per-round = 6
              scenario.events = [
                { at-round = 1, action = crash, clients = [5], recover-after = 5s }
              ]
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runWritesEveryFileOfTheRunFolder() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "system.conf", SYSTEM_ONLY);
        Path out = dir.resolve("run");

        // Execute
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());

        // Assert: exit 0, the one-line summary, and the folder
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("centralized fedit: 3 rounds").contains("finished")
                .contains("SYSTEM-ONLY");
        assertThat(ConfigFactory.parseFile(out.resolve("config.conf").toFile()).getInt("lorasim.clients.count"))
                .isEqualTo(10);
        List<String> csv = Files.readAllLines(out.resolve("rounds.csv"));
        assertThat(csv.get(0)).startsWith("round,sim_time_nanos,");
        assertThat(csv.subList(1, csv.size())).hasSize(4)
                .extracting(line -> line.substring(0, line.indexOf(','))).containsExactly("-1", "0", "1", "2");
        List<JsonNode> metrics = jsonLines(out.resolve("metrics.jsonl"));
        assertThat(metrics).extracting(m -> m.get("round").asInt()).containsExactly(-1, 0, 1, 2);
        assertThat(metrics).allMatch(m -> m.get("synthetic").asBoolean());
        List<JsonNode> events = jsonLines(out.resolve("events.jsonl"));
        assertThat(events).extracting(e -> e.get("kind").asText()).contains("scenario-crash", "client-crashed");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("outcome").asText()).isEqualTo("finished");
        assertThat(summary.get("rounds").asInt()).isEqualTo(3);
        assertThat(summary.get("bytes_up").asLong()).isPositive();
        String report = Files.readString(out.resolve("report.html"));
        List<Path> plots;
        try (Stream<Path> files = Files.list(out)) {
            plots = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(plots).hasSizeGreaterThanOrEqualTo(3).contains(out.resolve("participation.png"));
        List<String> participation = Files.readAllLines(out.resolve("participation.csv"));
        assertThat(participation.get(0)).isEqualTo("round,client,status");
        assertThat(participation).contains("1,5,crashed").hasSize(1 + 3 * 10);
        for (Path plot : plots) {
            BufferedImage image = ImageIO.read(plot.toFile());
            assertThat(image).as(plot.toString()).isNotNull();
            assertThat(image.getWidth()).isPositive();
            assertThat(report).contains("src=\"" + plot.getFileName() + "\"");
        }
    }

    @Test
    void anAggregatorThatCrashesForGoodEndsTheRunWithExitOneAndAReason() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "crash.conf", "lorasim { run { trainer = cost-model, rounds = 3 }, clients.count = 4,"
                + " rounds.clients-per-round = 4\n"
                + "  scenario.events = [ { at-round = 1, action = crash-aggregator } ] }\n");
        Path out = dir.resolve("crashed");

        // Execute
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());

        // Assert: one line on err with the outcome, and the folder still has what arrived
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().strip().split("\n")).hasSize(1);
        assertThat(result.err()).startsWith("lorasim run: run did not finish: stopped:");
        assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("outcome").asText()).startsWith("stopped:");
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void runtimeChecksNameFileLineAndKeyAndNothingRuns() throws IOException {
        // Prepare: each scenario is valid in keys and types; the runtime's own checks reject it
        String base = "lorasim.run.trainer = cost-model\nlorasim.clients.count = 10\n";
        List<String[]> cases = List.of(
                new String[] {"lorasim.rounds.fraction = 1.5\n", ":3: lorasim.rounds.fraction: ", "1.5"},
                new String[] {"lorasim.run.algorithm = fedavgg\n", ":3: lorasim.run.algorithm: unknown value 'fedavgg'",
                        "fedit"},
                new String[] {"lorasim.scenario.events = [\n  { at-round = 1, action = crash, clients = [99] }\n]\n",
                        ":4: lorasim.scenario.events[0].clients: unknown client id 99", "0 to 9"},
                new String[] {"lorasim.scenario.events = [\n  { at-round = 1, action = explode, clients = [1] }\n]\n",
                        ":4: lorasim.scenario.events[0].action: unknown value 'explode'", "crash-aggregator"});
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            Path file = Cli.scenario(dir, "bad-" + i + ".conf", base + c[0]);
            Path out = dir.resolve("out-" + i);

            // Execute
            Cli.Result validate = Cli.execute("validate", file.toString());
            Cli.Result run = Cli.execute("run", file.toString(), "--out", out.toString());

            // Assert
            assertThat(validate.code()).as(c[0]).isEqualTo(2);
            assertThat(validate.err().strip().split("\n")).as(c[0]).hasSize(1);
            assertThat(validate.err()).as(c[0]).startsWith(file + c[1]).contains(c[2]).doesNotContain("\tat ");
            assertThat(run.code()).as(c[0]).isEqualTo(2);
            assertThat(run.err()).as(c[0]).isEqualTo(validate.err());
            assertThat(out).as(c[0]).doesNotExist();
        }
    }

    @Test
    void keyAndTypeProblemsStopARunBeforeItStarts() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "typo.conf", "lorasim.run.trainer = cost-model\nlorasim.rounds.deadlin = 5s\n"
                + "lorasim.clients.count = ten\n");
        Path out = dir.resolve("never");

        // Execute
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip().split("\n")).containsExactly(
                file + ":2: unknown key 'lorasim.rounds.deadlin'; did you mean 'lorasim.rounds.deadline'?",
                file + ":3: lorasim.clients.count: expected NUMBER, got STRING \"ten\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void keysTheReferenceDocumentsForOtherTypesAreAccepted() throws IOException {
        // Prepare: availability and distribution keys that only some types read (null in reference.conf)
        Path file = Cli.scenario(dir, "keys.conf", """
                lorasim.run.trainer = cost-model
                lorasim.clients.availability { type = markov, p-on-to-off = 0.1, p-off-to-on = 0.3 }
                lorasim.clients.memory { type = uniform, lo = 2 GiB, hi = 8 GiB }
                lorasim.clients.compute { type = constant, value = 1e12 }
                lorasim.clients.latency { type = lognormal, median = 40ms, sigma = 0.2 }
                """);
        Path bernoulliWithoutP = Cli.scenario(dir, "nop.conf", "lorasim.clients.availability.type = bernoulli\n");

        // Execute
        Cli.Result valid = Cli.execute("validate", file.toString());
        Cli.Result missing = Cli.execute("validate", bernoulliWithoutP.toString());

        // Assert
        assertThat(valid.err()).isEmpty();
        assertThat(valid.code()).isZero();
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith(bernoulliWithoutP
                + ":1: lorasim.clients.availability.p: is not set, and type = bernoulli needs it");
    }

    @Test
    void sweepRunsEveryCombinationAndCompareTabulatesThem() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "base.conf", "lorasim { run { trainer = cost-model, rounds = 2 }, clients.count = 6,"
                + " rounds.clients-per-round = 6 }\n");
        Path sweep = dir.resolve("sweep");

        // Execute
        Cli.Result result = Cli.execute("sweep", file.toString(), "--grid", "lorasim.run.seed=0,1",
                "--out", sweep.toString());

        // Assert: two run folders, each finished, and sweep.csv with a row each
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        List<Path> runs;
        try (Stream<Path> files = Files.list(sweep)) {
            runs = files.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(runs).hasSize(2);
        for (Path run : runs) {
            assertThat(JSON.readTree(run.resolve("summary.json").toFile()).get("outcome").asText())
                    .isEqualTo("finished");
            assertThat(Files.readAllLines(run.resolve("rounds.csv"))).hasSize(4);
        }
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertThat(csv.get(0)).startsWith("run,lorasim.run.seed,outcome,");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).contains(",0,finished,true,");
        assertThat(csv.get(2)).contains(",1,finished,true,");

        // Execute: compare the two runs of the sweep
        Path plots = dir.resolve("compare");
        Cli.Result compare = Cli.execute("compare", runs.get(0).toString(), runs.get(1).toString(),
                "--out", plots.toString());

        // Assert: a row per run, each finished and synthetic; no accuracy plot, as no model was evaluated
        assertThat(compare.err()).isEmpty();
        assertThat(compare.code()).isZero();
        assertThat(compare.out()).contains(runs.get(0).getFileName().toString())
                .contains(runs.get(1).getFileName().toString()).contains("finished (synthetic)")
                .contains("no plot: no run has an evaluated accuracy");
        assertThat(plots.resolve(CompareCommand.PLOT)).doesNotExist();
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException(file + ": " + line, e);
            }
        }).toList();
    }
}
