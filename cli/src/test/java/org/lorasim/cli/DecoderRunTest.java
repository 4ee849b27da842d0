package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.cli.output.RoundsCsv;
import org.lorasim.training.llama.TinyLlama2c;

/**
 * {@code lorasim run} with {@code lorasim.model.kind = decoder} end to end, on a tiny random llama2.c checkpoint
 * the test writes ({@link TinyDecoder}): FedIT on the built-in LanguageTool corrections, FlexLoRA and Dec-LoRA on a
 * small TinyShakespeare-like file; then stories260K on the real TinyShakespeare when the mirror is there.
 */
class DecoderRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path scenario(String algorithmLines, String data) throws IOException {
        Path checkpoint = TinyLlama2c.write(dir.resolve("model"));
        return Cli.scenario(dir, "decoder.conf", """
                lorasim {
                  model { kind = decoder, checkpoint = "%s", rank = 4, targets = [query, value, gate, up, down],
                          samples = 2, sample-tokens = 12 }
                  training { local-steps = 4, batch-size = 4, max-length = 64, learning-rate = 1e-2 }
                  clients.count = 4
                  data { max-examples-per-client = 12, eval-examples = 8 }
                  %s
                  %s
                }
                """.formatted(checkpoint.toString().replace("\\", "/"), data, algorithmLines));
    }

    private static List<RoundRecord> rounds(Path out) {
        return RoundsCsv.read(out.resolve("rounds.csv"));
    }

    @Test
    void fedItOnCorrectionsReportsPerplexityAndGenerationsAndRepeatsBitForBit() throws IOException {
        // Prepare
        Path file = scenario("run { algorithm = fedit, rounds = 2 }",
                "data { dataset = languagetool-corrections, partition = group }");

        // Act
        Cli.Result first = Cli.execute("run", file.toString(), "--out", dir.resolve("a").toString());
        Cli.Result second = Cli.execute("run", file.toString(), "--out", dir.resolve("b").toString());

        // Assert
        assertThat(first.err()).isEmpty();
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("held-out perplexity").contains(" ppl ");
        Path a = dir.resolve("a");
        List<RoundRecord> records = rounds(a);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.perplexity()).isFinite().isGreaterThan(1));
        assertThat(records.get(2).perplexity()).isLessThan(records.get(0).perplexity());
        List<String> generations = Files.readAllLines(a.resolve("generations.jsonl"));
        assertThat(generations).hasSize(3 * 2);
        JsonNode line = JSON.readTree(generations.get(0));
        assertThat(line.get("round").asInt()).isEqualTo(-1);
        assertThat(line.get("prompt").asText()).endsWith("### Response:\n");
        JsonNode summary = JSON.readTree(a.resolve("summary.json").toFile());
        assertThat(summary.get("initial_perplexity").asDouble()).isEqualTo(records.get(0).perplexity());
        assertThat(summary.get("final_perplexity").asDouble()).isEqualTo(records.get(2).perplexity());
        assertThat(a.resolve("perplexity-round.png")).isRegularFile();
        assertThat(Files.readString(a.resolve("report.html"))).contains("<h2>Generations</h2>")
                .contains("held-out perplexity");
        assertThat(rounds(dir.resolve("b")).stream().map(RoundRecord::withoutWallTime).toList())
                .isEqualTo(records.stream().map(RoundRecord::withoutWallTime).toList());
        assertThat(Files.readAllLines(dir.resolve("b").resolve("generations.jsonl"))).isEqualTo(generations);
        assertThat(second.code()).isZero();
    }

    @Test
    void flexLoraTrainsEveryClientAtItsOwnRankAndLowersPerplexity() throws IOException {
        // Prepare
        Path mirror = TinyDecoder.shakespeareMirror(dir.resolve("mirror"));
        Path file = scenario("run { algorithm = flexlora, rounds = 3 }\nalgorithms.flexlora.client-ranks = [2, 4]",
                "data { dataset = tinyshakespeare, partition = iid, mirror = \"" + mirror.toString().replace("\\", "/") + "\" }");
        Path out = dir.resolve("flex");

        // Act
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        List<RoundRecord> records = rounds(out);
        assertThat(records).hasSize(4);
        assertThat(records.get(3).perplexity()).isLessThan(0.9 * records.get(0).perplexity());
        assertThat(records.subList(1, 4)).allSatisfy(r -> assertThat(r.participants()).isEqualTo(4));
    }

    @Test
    void decLoraGossipsDecoderAdaptersAndReportsTheMeanPerplexityAndEveryClientsGenerations() throws IOException {
        // Prepare
        Path mirror = TinyDecoder.shakespeareMirror(dir.resolve("mirror"));
        Path file = scenario("run { variant = decentralized, algorithm = dec-lora, rounds = 2 }\n"
                        + "algorithms.dec-lora.topology = ring",
                "data { dataset = tinyshakespeare, partition = iid, mirror = \"" + mirror.toString().replace("\\", "/") + "\" }");
        Path out = dir.resolve("gossip");

        // Act
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());
        Cli.Result again = Cli.execute("run", file.toString(), "--out", dir.resolve("gossip-again").toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        List<RoundRecord> records = rounds(out);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.perplexity()).isFinite());
        assertThat(records.get(2).consensusDistance()).isFinite();
        List<String> lines = Files.readAllLines(out.resolve("generations.jsonl"));
        java.util.Map<Integer, List<String>> byRound = new java.util.TreeMap<>();
        for (String text : lines) {
            JsonNode line = JSON.readTree(text);
            String who = line.has("client") ? "client-" + line.get("client").asInt() : "global";
            byRound.computeIfAbsent(line.get("round").asInt(), r -> new java.util.ArrayList<>())
                    .add(who + "/" + line.get("sample").asInt());
            assertThat(line.get("completion").isTextual()).isTrue();
        }
        assertThat(byRound.keySet()).containsExactlyElementsOf(records.stream().map(RoundRecord::round).toList());
        assertThat(byRound.get(RoundRecord.BEFORE)).containsExactly("global/0", "global/1");
        for (int round : List.of(0, 1)) {
            assertThat(byRound.get(round)).containsExactly("client-0/0", "client-0/1", "client-1/0", "client-1/1",
                    "client-2/0", "client-2/1", "client-3/0", "client-3/1");
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("<th>client</th>").contains("client-3");
        assertThat(again.code()).isZero();
        assertThat(Files.readAllLines(dir.resolve("gossip-again").resolve("generations.jsonl"))).isEqualTo(lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedprox", "hetlora", "sa-fedlora", "fedpipe"})
    void everyOtherAlgorithmRunsOnADecoder(String algorithm) throws IOException {
        // Prepare
        Path mirror = TinyDecoder.shakespeareMirror(dir.resolve("mirror"));
        String variant = algorithm.equals("fedpipe") ? "pipeline" : "centralized";
        Path file = scenario("run { variant = " + variant + ", algorithm = " + algorithm + ", rounds = 2 }\n"
                        + "algorithms.hetlora.client-ranks = [2, 4]\nalgorithms.sa-fedlora.final-rank = 2\n"
                        + "algorithms.fedpipe.ranks = [2, 4]",
                "data { dataset = tinyshakespeare, partition = iid, mirror = \"" + mirror.toString().replace("\\", "/") + "\" }");
        Path out = dir.resolve(algorithm);

        // Act
        Cli.Result result = Cli.execute("run", file.toString(), "--out", out.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        List<RoundRecord> records = rounds(out);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.perplexity()).isFinite());
        assertThat(records.get(2).participants()).isPositive();
        Path plan = out.resolve(org.lorasim.cli.output.FedPipePlanCsv.FILE);
        assertThat(Files.exists(plan)).as("a pipeline run writes its plan").isEqualTo(algorithm.equals("fedpipe"));
        if (Files.exists(plan)) {
            List<List<String>> rows = org.lorasim.actors.run.CsvText.parse(Files.readString(plan));
            assertThat(rows.get(0)).containsExactly("client", "planned", "base_precision", "ranks", "memory_bytes",
                    "memory_budget_bytes", "step_seconds", "reason");
            assertThat(rows.subList(1, rows.size())).isNotEmpty().anySatisfy(r -> {
                assertThat(r.get(1)).isEqualTo("true");
                assertThat(r.get(2)).isEqualTo("fp32");
                assertThat(r.get(3)).matches("([^=;]+=[24])(;[^=;]+=[24])*");
                assertThat(Long.parseLong(r.get(4))).isLessThanOrEqualTo(Long.parseLong(r.get(5)));
            });
        }
    }

    @Test
    void aMissingCheckpointIsABadInputNamingTheKeyAndTheFile() throws IOException {
        // Prepare
        Path missing = dir.resolve("nowhere/model.bin");
        Path file = Cli.scenario(dir, "bad.conf", """
                lorasim {
                  model { kind = decoder, checkpoint = "%s" }
                  data.dataset = languagetool-corrections
                }
                """.formatted(missing.toString().replace("\\", "/")));

        // Act
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("lorasim.model.checkpoint").contains(missing.toString())
                .contains("bad.conf:");
    }

    @Test
    void aDecoderOnAClassificationDataSetIsABadInput() throws IOException {
        // Prepare
        Path checkpoint = TinyLlama2c.write(dir.resolve("model"));
        Path file = Cli.scenario(dir, "mixed.conf", """
                lorasim.model { kind = decoder, checkpoint = "%s" }
                lorasim.data.dataset = languagetool
                """.formatted(checkpoint.toString().replace("\\", "/")));

        // Act
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("lorasim.data.dataset").contains("tinyshakespeare");
    }

    @Test
    void stories260KOnTinyShakespeareWhenTheMirrorIsThere() throws IOException {
        // Prepare
        Path example = ExamplesTest.examplesDir().resolve("decoder-flexlora.conf");
        Path shared = example.getParent().getParent().getParent().resolve("shared");
        assumeTrue(Files.isRegularFile(shared.resolve("models/stories260K/stories260K.bin"))
                        && Files.isRegularFile(shared.resolve("datasets/tinyshakespeare/input.txt")),
                "skipped: needs ../shared/models/stories260K and ../shared/datasets/tinyshakespeare beside the "
                        + "checkout; run from a checkout that has them");
        Path out = dir.resolve("stories");

        // Act
        Cli.Result result = Cli.execute("run", example.toString(), "--out", out.toString(), "--set",
                "lorasim.run.rounds=2", "--set", "lorasim.clients.count=4", "--set", "lorasim.rounds.clients-per-round=4",
                "--set", "lorasim.training.local-steps=10", "--set", "lorasim.data.eval-examples=32");

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        List<RoundRecord> records = rounds(out);
        assertThat(records.get(records.size() - 1).perplexity()).isLessThan(records.get(0).perplexity());
    }
}
