package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.AtomicFiles;
import org.lorasim.cli.output.LineCharts;
import org.lorasim.cli.output.RoundsCsv;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cli.output.RunJson;
import org.lorasim.cli.output.RunResults;

/**
 * {@code lorasim experiment run | report | summary} on tiny experiments the test makes: real system-only runs
 * (the cost-model trainer) for the run command and the synthetic table, and run folders written with the
 * product's own writers ({@link RoundsCsv}, {@link RunJson}) for the accuracy columns and the verdict. Every
 * number asserted is recomputed here from the files.
 */
class ExperimentReportTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            lorasim {
              run { trainer = cost-model, rounds = 3 }
              clients.count = 4
              rounds { clients-per-round = 2 }
            }
            """;

    private Path experiment(String body) throws IOException {
        Path exp = Files.createDirectories(dir.resolve("tiny"));
        Files.writeString(exp.resolve("base.conf"), BASE);
        Files.writeString(exp.resolve(Experiment.FILE), "experiment {\n" + body + "\n}\n");
        return exp;
    }

    @Test
    void runWritesOneFolderPerCellAndSeedKeepsFinishedOnesAndTheReportTabulatesTheirFiles() throws IOException {
        Path exp = experiment("""
                title = "Tiny", sizing = "4 clients", base = base.conf, seeds = [0, 1, 2]
                arms = [ { name = two }, { name = four, set = ["lorasim.rounds.clients-per-round=4"] } ]
                conditions = [ { name = calm }, { name = slow, set = ["lorasim.clients.compute.stragglers={fraction=0.5,slowdown=10}"] } ]
                """);
        Path runs = dir.resolve("runs");
        Cli.Result first = Cli.execute("experiment", "run", exp.toString(), "--runs", runs.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("12 runs");
        for (String cell : List.of("two_calm", "two_slow", "four_calm", "four_slow")) {
            for (int seed = 0; seed < 3; seed++) {
                assertThat(runs.resolve(cell).resolve("seed-" + seed).resolve(RunFolder.SUMMARY)).isRegularFile();
            }
        }
        Cli.Result again = Cli.execute("experiment", "run", exp.toString(), "--runs", runs.toString(),
                "--only", "four");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("6 runs").contains("already finished, kept").doesNotContain("round 1/3");
        assertThat(Files.readAllLines(runs.resolve(ExperimentRunCommand.INVOCATIONS))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("cores"));

        Path out = dir.resolve("report");
        Cli.Result report = Cli.execute("experiment", "report", exp.toString(), "--runs", runs.toString(),
                "--out", out.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String md = Files.readString(out.resolve(ExperimentReportCommand.README));
        double[] mb = new double[3];
        double[] participants = new double[3];
        for (int seed = 0; seed < 3; seed++) {
            RunResults run = RunResults.read(runs.resolve("four_calm").resolve("seed-" + seed));
            mb[seed] = (run.summary().bytesUp() + run.summary().bytesDown()) / 1e6;
            participants[seed] = CellResults.trained(run).stream().mapToInt(RoundRecord::participants).average()
                    .orElseThrow();
        }
        String fourCalm = md.lines().filter(l -> l.startsWith("| `four_calm`")).findFirst().orElseThrow();
        assertThat(fourCalm).contains(CellResults.Stats.of(mb).format("%.1f"))
                .contains(CellResults.Stats.of(participants).format("%.1f"));
        assertThat(participants).containsOnly(4.0);
        assertThat(md).contains("Seeds: 0, 1, 2").contains("SYSTEM-ONLY").contains("cores")
                .contains("./lorasim experiment run " + exp);
        assertThat(out.resolve("sim-time-calm.png")).isRegularFile();
        assertThat(out.resolve("sim-time-slow.png")).isRegularFile();
        assertThat(Files.readAllBytes(out.resolve("sim-time-calm.png"))).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void accuracyColumnsAndTheVerdictComeFromTheRoundsFiles() throws IOException {
        Path exp = experiment("""
                title = "Claim", paper = "A paper", sizing = "none", base = base.conf, seeds = [0, 1, 2]
                target-accuracy = 0.7
                arms = [ { name = ours }, { name = theirs } ]
                claim { statement = "ours is as good", metric = final-accuracy, tolerance = 0.01
                        subject = [ours], versus = [theirs] }
                """);
        Path runs = dir.resolve("runs");
        double[][] ours = {{0.5, 0.72, 0.80}, {0.5, 0.65, 0.78}, {0.5, 0.71, 0.82}};
        double[][] theirs = {{0.5, 0.60, 0.85}, {0.5, 0.62, 0.86}, {0.5, 0.61, 0.84}};
        for (int seed = 0; seed < 3; seed++) {
            writeRun(runs.resolve("ours").resolve("seed-" + seed), ours[seed]);
            writeRun(runs.resolve("theirs").resolve("seed-" + seed), theirs[seed]);
        }
        Path out = dir.resolve("report");
        Cli.Result report = Cli.execute("experiment", "report", exp.toString(), "--runs", runs.toString(),
                "--out", out.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("tiny: disagree");
        String md = Files.readString(out.resolve(ExperimentReportCommand.README));
        String row = md.lines().filter(l -> l.startsWith("| `ours`")).findFirst().orElseThrow();
        // final accuracy 0.80, 0.78, 0.82: mean 0.8, sample sd 0.02; rounds to 0.7: 2, 3, 2
        assertThat(row).contains("0.8000 ± 0.0200").contains("3/3").contains("2.3 ± 0.6");
        // parameters to 0.7: 100 per round, so 200, 300, 200
        assertThat(row).contains(String.format(Locale.ROOT, "%.3g ± %.3g", 700.0 / 3, Math.sqrt(10000.0 / 3)));
        assertThat(md).contains("**disagree**").contains("ours 0.8000 vs theirs 0.8500 (-0.0500): no")
                .doesNotContain("within the seeds' spread").doesNotContain("averaged adapter");
        assertThat(out.resolve(ExperimentReport.ACCURACY_PLOT)).isRegularFile();
        assertThat(out.resolve(ExperimentReport.ACCURACY_BYTES_PLOT)).isRegularFile();

        Path page = dir.resolve("docs").resolve("results.md");
        Cli.Result summary = Cli.execute("experiment", "summary", dir.toString(), "--runs", runs.getParent()
                .resolve("by-name").toString(), "--out", page.toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(Files.readString(page)).contains("| A paper | ours is as good | not yet run here");
        Files.move(runs, Files.createDirectories(dir.resolve("by-name")).resolve("tiny"));
        Cli.execute("experiment", "summary", dir.toString(), "--runs", dir.resolve("by-name").toString(),
                "--out", page.toString());
        assertThat(Files.readString(page)).contains("| A paper | ours is as good |").contains("| **disagree** |")
                .contains("![](results/tiny/accuracy.png)");
        assertThat(dir.resolve("docs").resolve("results").resolve("tiny").resolve(ExperimentReport.ACCURACY_PLOT))
                .isRegularFile();
    }

    @Test
    void aClientsThatTookPartClaimCountsTheDistinctClientsOfParticipationCsv() throws IOException {
        Path exp = experiment("""
                title = "Fit", paper = "A paper", sizing = "none", base = base.conf, seeds = [0, 1]
                target-accuracy = 0.7
                arms = [ { name = ours }, { name = theirs } ]
                claims = [ { statement = "more of ours train", metric = clients-that-took-part, tolerance = 0
                             subject = [ours], versus = [theirs] } ]
                """);
        Path runs = dir.resolve("runs");
        for (int seed = 0; seed < 2; seed++) {
            Path ours = runs.resolve("ours").resolve("seed-" + seed);
            Path theirs = runs.resolve("theirs").resolve("seed-" + seed);
            writeRun(ours, new double[] {0.6, 0.7});
            writeRun(theirs, new double[] {0.6, 0.7});
            // ours: clients 0, 1, 2 took part over the rounds; theirs: only client 0, clients 1 and 2 do not fit
            Files.writeString(ours.resolve("participation.csv"), "round,client,status\n0,0,took-part\n0,1,took-part\n"
                    + "0,2,late\n1,0,not-sampled\n1,1,took-part\n1,2,took-part\n");
            Files.writeString(theirs.resolve("participation.csv"), "round,client,status\n0,0,took-part\n"
                    + "0,1,does-not-fit\n0,2,does-not-fit\n1,0,took-part\n1,1,does-not-fit\n1,2,does-not-fit\n");
        }
        Path out = dir.resolve("report");

        Cli.Result report = Cli.execute("experiment", "report", exp.toString(), "--runs", runs.toString(),
                "--out", out.toString());

        assertThat(report.code()).as(report.err()).isZero();
        String md = Files.readString(out.resolve(ExperimentReportCommand.README));
        assertThat(md).contains("**agree**").contains("distinct clients whose update was used in at least one round")
                .contains("ours 3.0000 vs theirs 1.0000 (+2.0000): yes");
    }

    @Test
    void theAverageAdapterClaimAndColumnComeFromTheGossipRoundsFinalAverageModelAccuracy() throws IOException {
        Path exp = experiment("""
                title = "Average", paper = "A paper", sizing = "none", base = base.conf, seeds = [0, 1, 2]
                arms = [ { name = gossip }, { name = central } ]
                claims = [
                  { statement = "own adapters are as good", metric = final-accuracy, tolerance = 0.01
                    subject = [gossip], versus = [central] }
                  { statement = "the average adapter is as good", metric = final-average-accuracy, tolerance = 0.01
                    subject = [gossip], versus = [central] } ]
                """);
        Path runs = dir.resolve("runs");
        double[][] own = {{0.6, 0.80}, {0.6, 0.78}, {0.6, 0.82}};
        double[][] average = {{0.7, 0.86}, {0.7, 0.88}, {0.7, 0.87}};
        double[][] central = {{0.6, 0.83}, {0.6, 0.85}, {0.6, 0.84}};
        for (int seed = 0; seed < 3; seed++) {
            writeRun(runs.resolve("gossip").resolve("seed-" + seed), own[seed], average[seed]);
            writeRun(runs.resolve("central").resolve("seed-" + seed), central[seed]);
        }
        Path out = dir.resolve("report");
        Cli.Result report = Cli.execute("experiment", "report", exp.toString(), "--runs", runs.toString(),
                "--out", out.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String md = Files.readString(out.resolve(ExperimentReportCommand.README));
        assertThat(md.lines().filter(l -> l.startsWith("| cell |")).findFirst().orElseThrow())
                .contains("| final acc | best acc | final avg-adapter acc | final consensus dist. |");
        // gossip: own 0.80, 0.78, 0.82 (mean 0.80, sd 0.02); average 0.86, 0.88, 0.87 (mean 0.87, sd 0.01)
        String gossip = md.lines().filter(l -> l.startsWith("| `gossip`")).findFirst().orElseThrow();
        assertThat(gossip).contains("| 0.8000 ± 0.0200 | 0.8000 ± 0.0200 | 0.8700 ± 0.0100 |");
        // centralized: the global model is the average, so both columns are its final accuracy
        String centralRow = md.lines().filter(l -> l.startsWith("| `central`")).findFirst().orElseThrow();
        assertThat(centralRow).contains("| 0.8400 ± 0.0100 | 0.8400 ± 0.0100 | 0.8400 ± 0.0100 | - |");
        assertThat(md).contains("gossip 0.8000 vs central 0.8400 (-0.0400): no")
                .contains("gossip 0.8700 vs central 0.8400 (+0.0300): yes")
                .contains("final held-out accuracy of the averaged model")
                .contains("its dashed line of the same colour their averaged adapter");
        // the accuracy plot: every arm's mean curve, and the gossip arm's averaged adapter dashed beside it
        List<LineCharts.Series> curves = ExperimentReport.accuracyCurves(
                new ExperimentReport(Experiment.read(exp), runs).cells());
        assertThat(curves).extracting(LineCharts.Series::name)
                .containsExactly("gossip", "central", "gossip (averaged adapter)");
        LineCharts.Series averaged = curves.get(2);
        assertThat(averaged.companionOf()).isEqualTo("gossip");
        assertThat(curves.get(0).dashed()).isFalse();
        assertThat(averaged.x()).containsExactly(0, 1, 2);
        assertThat(averaged.y()[0]).isNaN();
        assertThat(averaged.y()[1]).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(averaged.y()[2]).isCloseTo(0.87, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out.resolve(ExperimentReport.ACCURACY_PLOT)).isRegularFile();
    }

    /**
     * A finished gossip run folder: after round i the clients' own adapters score {@code own[i]} on average and
     * their average adapter {@code average[i]}; consensus distance 0.5, 100 parameters and 1 s each round.
     */
    private static void writeRun(Path run, double[] own, double[] average) throws IOException {
        Files.createDirectories(run);
        List<RoundRecord> rounds = new ArrayList<>();
        rounds.add(new RoundRecord(RoundRecord.BEFORE, 0, 0, Double.NaN, 0.5, Double.NaN, Double.NaN, 0, 0, 0, 0, 0,
                0, 0, Double.NaN, "c", false));
        for (int i = 0; i < own.length; i++) {
            rounds.add(new RoundRecord(i, (i + 1) * 1_000_000_000L, 10, 0.5, own[i], 0.01, Double.NaN, Double.NaN,
                    1000, 1000, 100, 2, 2, 0, 0, 0.5, "c" + i, false, average[i]));
        }
        AtomicFiles.writeString(run.resolve(RunFolder.ROUNDS), RoundsCsv.render(rounds));
        AtomicFiles.writeString(run.resolve(RunFolder.SUMMARY), RunJson.pretty(RunJson.summary(new RunSummary(
                "decentralized", "dec-lora", own.length, 0.5, own[own.length - 1], own.length * 1_000_000_000L, 30,
                1000L * own.length, 1000L * own.length, 0, "c", false, "finished"))));
    }

    /** A finished run folder whose rounds reach {@code accuracy[i]} after round i, 100 parameters and 1 s each. */
    private static void writeRun(Path run, double[] accuracy) throws IOException {
        Files.createDirectories(run);
        List<RoundRecord> rounds = new ArrayList<>();
        rounds.add(new RoundRecord(RoundRecord.BEFORE, 0, 0, Double.NaN, 0.5, Double.NaN, Double.NaN, 0, 0, 0, 0, 0,
                0, 0, Double.NaN, "c", false));
        for (int i = 0; i < accuracy.length; i++) {
            rounds.add(new RoundRecord(i, (i + 1) * 1_000_000_000L, 10, 0.5, accuracy[i], Double.NaN, Double.NaN,
                    1000, 2000, 100, 2, 2, 0, 0, Double.NaN, "c" + i, false));
        }
        AtomicFiles.writeString(run.resolve(RunFolder.ROUNDS), RoundsCsv.render(rounds));
        AtomicFiles.writeString(run.resolve(RunFolder.SUMMARY), RunJson.pretty(RunJson.summary(new RunSummary(
                "centralized", "fedit", accuracy.length, 0.5, accuracy[accuracy.length - 1],
                accuracy.length * 1_000_000_000L, 30, 3000L * accuracy.length, 0, 0, "c", false, "finished"))));
    }
}
