package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every built-in dataset and a user's own file through {@code lorasim run}, with real training at the
 * smallest sizes (2 clients, 1 round, 2 steps of 4 examples, 16 tokens): on files the tests write in each
 * layout, and on the project's mirror ({@code ../shared/datasets}) when it is there.
 */
class DatasetRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String tiny(String data, String more) {
        return "lorasim {\n"
                + "  run.rounds = 1\n"
                + "  clients.count = 2\n"
                + "  model.rank = 2\n"
                + "  training { local-steps = 2, batch-size = 4, max-length = 16 }\n"
                + "  trainer-slots.count = 1\n"
                + "  data { partition = iid, max-examples-per-client = 8, eval-examples = 8\n" + data + " }\n"
                + more + "}\n";
    }

    /** Runs the scenario and returns its summary.json, after checking the run finished. */
    private JsonNode run(String name, String scenario) throws IOException {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, scenario);
        Path out = dir.resolve("run-" + name);
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("outcome").asText()).isEqualTo("finished");
        assertThat(summary.get("final_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.out()).contains("held out: " + summary.get("held_out").asText());
        return summary;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "languagetool | languagetool-en-acceptability, validation split: 8 of",
            "sst2         | sst2, validation split: 3 of 3 examples",
            "banking77    | banking77, test split: 3 of 3 examples",
            "agnews       | agnews, test split: 4 of 4 examples"})
    void everyBuiltInDatasetRunsOnFilesInItsLayout(String dataset, String heldOut) throws IOException {
        // Prepare
        Path mirror = dir.resolve("mirror");
        DatasetLayouts.sst2(mirror);
        DatasetLayouts.banking77(mirror);
        DatasetLayouts.agNews(mirror);

        // Execute
        JsonNode summary = run(dataset, tiny("dataset = " + dataset + ", mirror = \"" + mirror + "\", cache = \""
                + dir.resolve("empty-cache") + "\"", ""));

        // Assert
        assertThat(summary.get("held_out").asText()).startsWith(heldOut);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fedit    | lorasim.run.algorithm = fedit",
            "dec-lora | lorasim.run { variant = decentralized, algorithm = dec-lora }",
            "flexlora | lorasim.run.algorithm = flexlora\\nlorasim.algorithms.flexlora.client-ranks = [1, 2]"})
    void aUsersJsonlFileRunsWithAScenarioFileOnly(String name, String algorithm) throws IOException {
        // Prepare: the user's file beside the scenario, named relative to it; no validation or test file
        DatasetLayouts.userJsonl(dir.resolve("data/reviews.jsonl"));

        // Execute
        JsonNode summary = run(name, tiny("dataset = custom\ncustom.train = data/reviews.jsonl", "")
                + algorithm.replace("\\n", "\n") + "\n");

        // Assert: 10% of 24 rows held out by the seeded slice
        assertThat(summary.get("held_out").asText()).isEqualTo("reviews, 10% of train (seeded): 2 of 2 examples");
    }

    @Test
    void validateNamesACustomColumnThatIsNotThere() throws IOException {
        // Prepare
        DatasetLayouts.userJsonl(dir.resolve("data/reviews.jsonl"));
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "lorasim.data.dataset = custom\nlorasim.data.custom.train = data/reviews.jsonl\n"
                + "lorasim.data.custom.label-column = intent\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(file + ":3: lorasim.data.custom.label-column: no column 'intent' in "
                + dir.resolve("data/reviews.jsonl") + " (JSONL); its columns are [text, label]");
    }

    @Test
    void validateSaysWhenAClientWouldGetNoExamplesOrThereAreNoGroups() throws IOException {
        // Prepare: 24 rows, 2 labels, over 30 clients; and the default partition (group) of a file without groups
        DatasetLayouts.userJsonl(dir.resolve("data/reviews.jsonl"));
        Path many = dir.resolve("many.conf");
        Files.writeString(many, "lorasim.data { dataset = custom, custom.train = data/reviews.jsonl, partition = iid }\n"
                + "lorasim.clients.count = 30\n");
        Path grouped = dir.resolve("grouped.conf");
        Files.writeString(grouped, "lorasim.data { dataset = custom, custom.train = data/reviews.jsonl }\n");

        // Execute
        Cli.Result tooMany = Cli.execute("validate", many.toString());
        Cli.Result noGroups = Cli.execute("validate", grouped.toString());

        // Assert
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).startsWith(many + ":2: lorasim.clients.count: cannot split 22 training examples of"
                + " reviews over 30 clients");
        assertThat(noGroups.code()).isEqualTo(2);
        assertThat(noGroups.err()).startsWith(grouped + ":1: lorasim.data.partition: is group (the default), but reviews"
                + " has no groups: set lorasim.data.partition = iid or dirichlet")
                .contains("lorasim.data.custom.group-column");
    }

    @ParameterizedTest(name = "{0} on the mirror")
    @CsvSource({"sst2", "banking77", "agnews"})
    void everyDownloadedDatasetRunsOnTheRealMirrorWhenItIsThere(String dataset) throws IOException {
        // Prepare
        Path mirror = Path.of(System.getProperty("basedir", ".")).resolve("../../shared/datasets").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(mirror.resolve("README.md")), () -> "skipped: needs the dataset mirror at " + mirror
                + "; run from a checkout with shared/datasets beside it");

        // Execute
        JsonNode summary = run(dataset, tiny("dataset = " + dataset + ", mirror = \"" + mirror + "\"", ""));

        // Assert: README of the mirror: SST-2 has dev.tsv (6,735), Banking77 3,080 test rows, AG News 7,600
        String split = dataset.equals("sst2") ? "validation split: 8 of 6735" : dataset.equals("banking77")
                ? "test split: 8 of 3080" : "test split: 8 of 7600";
        assertThat(summary.get("held_out").asText()).isEqualTo(dataset + ", " + split + " examples");
    }
}
