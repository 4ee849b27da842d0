package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published experiments ({@code experiments/} at the repository root): every cell of every experiment, with
 * every seed, validates as {@code lorasim validate} checks a scenario, and each has the parts the results page
 * needs (at least three seeds, a sizing note, a claim for each paper's experiment). The downloaded data sets the
 * experiments use are stood in for by a small SST-2- and Banking77-shaped mirror the test writes ({@code lorasim.data.mirror}),
 * so this runs on a clone with no data beside it; the real files only change the examples.
 */
class ExperimentFilesTest {

    @TempDir
    static Path mirror;

    @BeforeAll
    static void writeMirror() throws IOException {
        StringBuilder train = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < 2000; i++) {
            train.append(i % 2 == 0 ? "a warm and funny film number " + i + " \t1\n" : "a dull mess number " + i + " \t0\n");
        }
        Files.createDirectories(mirror.resolve("sst2"));
        Files.writeString(mirror.resolve("sst2/train.tsv"), train.toString());
        Files.writeString(mirror.resolve("sst2/dev.tsv"), "sentence\tlabel\nfine work \t1\nnot good \t0\n");
        Files.writeString(mirror.resolve("sst2/test.tsv"), "sentence\tlabel\na charming journey \t1\nbleak \t0\n");
        StringBuilder intents = new StringBuilder("text,category\n");
        for (int i = 0; i < 600; i++) {
            intents.append(i % 3 == 0 ? "where is my card " + i + ",card_arrival\n" : i % 3 == 1
                    ? "what rate did I get " + i + ",exchange_rate\n" : "is there a fee " + i + ",extra_charge_on_statement\n");
        }
        Files.createDirectories(mirror.resolve("banking77"));
        Files.writeString(mirror.resolve("banking77/train.csv"), intents.toString());
        Files.writeString(mirror.resolve("banking77/test.csv"), String.join("\n", intents.toString().lines().limit(61)
                .toList()) + "\n");
        Files.writeString(mirror.resolve("banking77/categories.json"),
                "[\"card_arrival\", \"exchange_rate\", \"extra_charge_on_statement\"]");
    }

    private static List<String> withMirror(List<String> sets) {
        List<String> all = new ArrayList<>(sets);
        all.add("lorasim.data.mirror=\"" + mirror + "\"");
        return all;
    }

    static Path experimentsDir() {
        return ExamplesTest.examplesDir().resolveSibling("experiments");
    }

    static List<Path> experiments() {
        return ExperimentSummaryCommand.experimentDirs(experimentsDir());
    }

    @Test
    void thereIsOneExperimentPerPaperAndTheSystemEffects() {
        assertThat(experiments().stream().map(p -> p.getFileName().toString()))
                .contains("dec-lora", "flexlora", "sa-fedlora", "fedpipe", "system-effects");
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void everyCellAndSeedValidates(Path dir) {
        Experiment experiment = Experiment.read(dir);
        assertThat(experiment.seeds()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(experiment.sizing()).isNotBlank();
        if (!experiment.paper().isEmpty()) {
            assertThat(experiment.claims()).as("a paper's experiment states the claim it tests").isNotEmpty();
        }
        ScenarioLoader loader = ScenarioLoader.standard();
        for (Experiment.Cell cell : experiment.cells()) {
            for (int seed : experiment.seeds()) {
                assertThatCode(() -> ScenarioValidator.validate(loader.load(experiment.base(),
                        withMirror(Experiment.sets(cell, seed))))).as(cell.name() + " seed " + seed).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void theBaseScenarioValidatesThroughTheCommandLine(Path dir) {
        Cli.Result result = Cli.execute("validate", Experiment.read(dir).base().toString(), "--set",
                "lorasim.data.mirror=\"" + mirror + "\"");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.isRegularFile(dir.resolve(Experiment.FILE))).isTrue();
    }
}
