package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.ModelEvaluator;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunSummary;

class RunFolderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Config config = ConfigFactory.parseString("lorasim { clients.count = 3, clock.mode = virtual }"
            + "\npekko.loglevel = INFO");

    /** Three rounds of a gossip run: accuracy rises, loss falls, consensus distance shrinks; round 1 not evaluated. */
    private static List<RoundRecord> gossipRounds(boolean synthetic) {
        return List.of(
                new RoundRecord(0, 2_000_000_000L, 100, 0.9, 0.60, 0.05, Double.NaN, 1_000_000, 2_000_000, 500, 3, 3, 0, 0,
                        0.4, "aa01", synthetic),
                new RoundRecord(1, 4_000_000_000L, 210, 0.7, Double.NaN, Double.NaN, Double.NaN, 1_000_000, 2_000_000, 500, 3,
                        2, 1, 0, 0.2, "aa02", synthetic),
                new RoundRecord(2, 6_500_000_000L, 330, 0.5, 0.72, 0.03, Double.NaN, 1_000_000, 2_000_000, 500, 3, 3, 0, 0,
                        0.1, "aa03", synthetic));
    }

    private static RoundRecord before(boolean synthetic) {
        return RoundRecord.before(new ModelEvaluator.Quality(0.5, 0.4), "aa00", synthetic);
    }

    private static RunSummary summary(boolean synthetic) {
        return new RunSummary("decentralized", "dec-lora", 3, 0.5, 0.72, 6_500_000_000L, 350, 3_000_000,
                6_000_000, 2, "aa03", synthetic, "finished");
    }

    private RunFolder writeRun(Path runDir, boolean synthetic) {
        RunFolder folder = new RunFolder(runDir, config);
        folder.initial(before(synthetic));
        List<RoundRecord> rounds = gossipRounds(synthetic);
        folder.round(rounds.get(0));
        folder.event(new RunEvent(3_000_000_000L, 1, "client-crashed", "client-2", "scenario <crash> & restart"));
        folder.round(rounds.get(1));
        folder.event(new RunEvent(5_000_000_000L, 2, "client-recovered", "client-2", ""));
        folder.round(rounds.get(2));
        folder.finished(summary(synthetic));
        return folder;
    }

    @Test
    void everyFileIsWrittenAndNoTmpRemains() throws IOException {
        // Execute
        writeRun(dir, false);

        // Assert
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                    "config.conf", "rounds.csv", "metrics.jsonl", "events.jsonl", "summary.json", "report.html",
                    "accuracy-round.png", "accuracy-sim-time.png", "accuracy-bytes.png", "loss-round.png",
                    "loss-sim-time.png", "loss-bytes.png", "consensus-round.png");
        }
    }

    @Test
    void csvAndJsonReadBackToTheRecords() throws IOException {
        // Execute
        writeRun(dir, false);

        // Assert
        List<RoundRecord> expected = new java.util.ArrayList<>(List.of(before(false)));
        expected.addAll(gossipRounds(false));
        assertThat(RoundsCsv.read(dir.resolve("rounds.csv"))).isEqualTo(expected);
        assertThat(Files.readAllLines(dir.resolve("rounds.csv")).get(1)).startsWith("-1,0,0,NaN,0.5,NaN,0.4,NaN,0,0,");
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(4);
        JsonNode second = JSON.readTree(metrics.get(2));
        assertThat(second.get("round").asInt()).isEqualTo(1);
        assertThat(second.get("accuracy").isNull()).isTrue();
        assertThat(second.get("sim_seconds").asDouble()).isEqualTo(4.0);
        assertThat(second.get("stragglers").asInt()).isEqualTo(1);
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(events).hasSize(2);
        assertThat(JSON.readTree(events.get(0)).get("kind").asText()).isEqualTo("client-crashed");
        assertThat(JSON.readTree(events.get(0)).has("synthetic")).isFalse();
        RunSummary read = RunJson.summary(JSON.readTree(dir.resolve("summary.json").toFile()));
        assertThat(read).isEqualTo(summary(false));
    }

    @Test
    void summaryReportAndAccuracyPlotsCarryTheReferences() throws IOException {
        // Setup: the second folder has the same name, so that only the references differ
        RunFolder folder = new RunFolder(dir, config);
        folder.initial(before(false));
        folder.references(List.of(new Reference("majority", "majority class", 0.25),
                new Reference("linear-probe", "linear probe (frozen base)", 0.8125)));
        gossipRounds(false).forEach(folder::round);
        folder.finished(summary(false));
        Path withoutDir = dir.resolve("without").resolve(dir.getFileName());
        RunFolder without = new RunFolder(withoutDir, config);
        without.initial(before(false));
        gossipRounds(false).forEach(without::round);
        without.finished(summary(false));

        // Execute
        JsonNode references = JSON.readTree(dir.resolve("summary.json").toFile()).get("references");
        String report = Files.readString(dir.resolve("report.html"));

        // Assert
        assertThat(references.get("majority").get("accuracy").asDouble()).isEqualTo(0.25);
        assertThat(references.get("majority").get("label").asText()).isEqualTo("majority class");
        assertThat(references.get("linear-probe").get("accuracy").asDouble()).isEqualTo(0.8125);
        assertThat(RunJson.summary(JSON.readTree(dir.resolve("summary.json").toFile()))).isEqualTo(summary(false));
        assertThat(report).contains("<h2>References</h2>").contains("linear-probe (linear probe (frozen base))")
                .contains("0.8125");
        assertThat(Files.readAllBytes(dir.resolve("accuracy-round.png")))
                .isNotEqualTo(Files.readAllBytes(withoutDir.resolve("accuracy-round.png")));
        assertThat(Files.readAllBytes(dir.resolve("loss-round.png")))
                .isEqualTo(Files.readAllBytes(withoutDir.resolve("loss-round.png")));
        assertThat(JSON.readTree(withoutDir.resolve("summary.json").toFile()).get("references").size())
                .isZero();
    }

    @Test
    void configHoldsTheLorasimSubtreeOnlyAndParsesBack() throws IOException {
        // Execute
        writeRun(dir, false);

        // Assert
        Config written = ConfigFactory.parseFile(dir.resolve("config.conf").toFile());
        assertThat(written.getInt("lorasim.clients.count")).isEqualTo(3);
        assertThat(written.getString("lorasim.clock.mode")).isEqualTo("virtual");
        assertThat(written.hasPath("pekko")).isFalse();
        assertThat(Files.readString(dir.resolve("config.conf"))).doesNotContain("#");
    }

    @Test
    void everyPngDecodesToANonEmptyImage() throws IOException {
        // Execute
        writeRun(dir, false);

        // Assert
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
            assertThat(pngs).hasSize(7);
            for (Path png : pngs) {
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image).as(png.toString()).isNotNull();
                assertThat(image.getWidth() * image.getHeight()).as(png.toString()).isPositive();
            }
        }
    }

    @Test
    void reportReferencesEveryPngAndShowsTheSummary() throws IOException {
        // Execute
        writeRun(dir, false);

        // Assert
        String html = Files.readString(dir.resolve("report.html"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                assertThat(html).contains("<img src=\"" + png.getFileName() + "\"");
            }
        }
        assertThat(html).contains("dec-lora").contains("decentralized").contains("0.5000 -&gt; 0.7200")
                .contains("finished").contains("3.000 MB").contains("6.500 s")
                .contains("scenario &lt;crash&gt; &amp; restart").contains("aa02");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link");
        assertThat(html).doesNotContain("SYSTEM-ONLY");
    }

    @Test
    void noConsensusPlotWithoutConsensusAndNoAccuracyPlotsWithoutAccuracy() throws IOException {
        // Prepare: a synthetic centralized run: no accuracy, no consensus distance
        RunFolder folder = new RunFolder(dir, config);
        folder.round(new RoundRecord(0, 1_000_000_000L, 5, 0.8, Double.NaN, Double.NaN, Double.NaN, 10, 20, 1, 2, 2, 0, 0,
                Double.NaN, "x", true));
        folder.round(new RoundRecord(1, 2_000_000_000L, 9, 0.6, Double.NaN, Double.NaN, Double.NaN, 10, 20, 1, 2, 2, 0, 0,
                Double.NaN, "y", true));

        // Execute
        folder.finished(new RunSummary("centralized", "fedavg", 2, Double.NaN, Double.NaN, 2_000_000_000L, 9, 20, 40,
                0, "y", true, "finished"));

        // Assert
        assertThat(dir.resolve("consensus-round.png")).doesNotExist();
        assertThat(dir.resolve("accuracy-round.png")).doesNotExist();
        assertThat(dir.resolve("loss-round.png")).exists();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<img src=\"loss-round.png\"").doesNotContain("accuracy-round.png");
    }

    @Test
    void aSyntheticRunSaysSoEverywhere() throws IOException {
        // Execute
        writeRun(dir, true);

        // Assert
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<title>Lorasim run " + dir.getFileName() + " - SYSTEM-ONLY (synthetic, no model trained)");
        assertThat(Files.readString(dir.resolve("rounds.csv"))).contains(",true,");
        assertThat(JSON.readTree(Files.readAllLines(dir.resolve("metrics.jsonl")).get(0)).get("synthetic")
                .asBoolean()).isTrue();
        assertThat(JSON.readTree(Files.readAllLines(dir.resolve("events.jsonl")).get(0)).get("synthetic")
                .asBoolean()).isTrue();
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile()).get("synthetic").asBoolean()).isTrue();
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("alt=\"" + dir.getFileName() + ": held-out accuracy vs rounds completed - SYSTEM-ONLY"
                        + " (synthetic, no model trained)\"");
    }

    @Test
    void aSecondFolderOverTheSameDirectoryRewritesItWhole() throws IOException {
        // Prepare: a run that got to round 2, then a resume that replays rounds 0 and 1 only so far
        writeRun(dir, false);
        RunFolder resumed = new RunFolder(dir, config);

        // Execute
        resumed.round(gossipRounds(false).get(0));
        resumed.round(gossipRounds(false).get(1));

        // Assert
        assertThat(RoundsCsv.read(dir.resolve("rounds.csv"))).isEqualTo(gossipRounds(false).subList(0, 2));
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(2);
    }

    @Test
    void aRepeatedRoundReplacesItAndWhatFollowed() throws IOException {
        // Prepare
        RunFolder folder = new RunFolder(dir, config);
        List<RoundRecord> rounds = gossipRounds(false);
        rounds.forEach(folder::round);

        // Execute
        folder.round(rounds.get(1));

        // Assert
        assertThat(RoundsCsv.read(dir.resolve("rounds.csv"))).isEqualTo(rounds.subList(0, 2));
    }

    @Test
    void aReportBeforeTheEndSaysTheRunIsNotFinished() throws IOException {
        // Prepare
        RunFolder folder = new RunFolder(dir, config);
        folder.round(gossipRounds(false).get(0));

        // Execute
        folder.writeReport();

        // Assert
        assertThat(Files.readString(dir.resolve("report.html"))).contains("running (no summary yet)");
        assertThat(dir.resolve("summary.json")).doesNotExist();
    }

    @Test
    void theSplitOfAThreeLabelTaskGivesClientsCsvALabelMixAndMacroF1OnTheAccuracyPlots() throws IOException {
        // Prepare: a run named in its configuration, 2 clients over 3 labels
        Config named = ConfigFactory.parseString("lorasim.run.name = \"my study\"");
        RunFolder folder = new RunFolder(dir, named);
        DeviceProfile device = new DeviceProfile(2e11, 1L << 32, 1e7, 5e7, 50_000_000L, false);
        ClientSplit split = new ClientSplit(List.of("en", "fr", "de, ch"), List.of(
                new ClientSplit.Client(0, 5, List.of(4, 1, 0), Map.of("europe", 5), device, 8),
                new ClientSplit.Client(1, 3, List.of(0, 1, 2), Map.of("a", 1, "b", 2), device, 4)), false);

        // Execute
        folder.split(split);
        folder.initial(before(false));
        folder.round(gossipRounds(false).get(0));
        folder.participation(new Participation(0, 2, List.of(0), List.of(), List.of(1), List.of(), List.of(),
                List.of()));
        folder.finished(summary(false));

        // Assert
        assertThat(Files.readAllLines(dir.resolve("clients.csv"))).containsExactly(
                "client,data,examples,label:en,label:fr,\"label:de, ch\",groups,flops_per_second,memory_bytes,"
                        + "uplink_bytes_per_second,downlink_bytes_per_second,latency_ms,profile_straggler,lora_rank",
                "0,real,5,4,1,0,europe=5,200000000000,4294967296,10000000,50000000,50,false,8",
                "1,real,3,0,1,2,b=2;a=1,200000000000,4294967296,10000000,50000000,50,false,4");
        assertThat(Files.readAllLines(dir.resolve("participation.csv"))).containsExactly("round,client,status",
                "0,0,took-part", "0,1,crashed");
        assertThat(dir.resolve("label-mix.png")).exists();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<title>Lorasim run my study</title>")
                .contains("alt=\"my study: held-out accuracy and macro-F1 vs rounds completed\"")
                .contains("<img src=\"label-mix.png\"").contains("<img src=\"participation.png\"")
                .contains("<td class=\"p-crashed\" title=\"crashed\">C</td>").contains("<td>before</td>");
    }

    @Test
    void aSystemOnlySplitSaysThereIsNoDataAndDrawsNoLabelMix() throws IOException {
        // Prepare
        RunFolder folder = new RunFolder(dir, config);
        DeviceProfile device = new DeviceProfile(2e11, 1L << 32, 1e7, 5e7, 50_000_000L, true);

        // Execute
        folder.split(new ClientSplit(List.of(), List.of(new ClientSplit.Client(0, 100, List.of(), Map.of(), device,
                8)), true));
        folder.finished(summary(true));

        // Assert
        assertThat(Files.readAllLines(dir.resolve("clients.csv")).get(1))
                .isEqualTo("0,synthetic,100,,200000000000,4294967296,10000000,50000000,50,true,8");
        assertThat(dir.resolve("label-mix.png")).doesNotExist();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("System-only run: there is no data");
    }
}
