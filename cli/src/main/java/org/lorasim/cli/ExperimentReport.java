package org.lorasim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.cli.output.AtomicFiles;
import org.lorasim.cli.output.LineCharts;
import org.lorasim.cli.output.RunJson;
import org.lorasim.cli.output.RunPlots;

/**
 * One experiment's section of {@code docs/results.md}, made from its run folders only: how to reproduce it, its
 * seeds, wall time and machine (from {@code invocations.jsonl}), the claim's verdict ({@link Verdict}), a table
 * of every cell (mean ± sample standard deviation over the seeds that finished) and plots of the mean curves
 * over seeds, written as PNG files into {@code plotDir}. Cells that have not run are listed as "not yet run
 * here" with the command that runs them.
 */
final class ExperimentReport {

    static final String ACCURACY_PLOT = "accuracy.png";
    static final String CONSENSUS_PLOT = "consensus.png";
    static final String ACCURACY_BYTES_PLOT = "accuracy-vs-mb.png";
    static final String SIM_TIME_PLOT = "sim-time.png";

    private final Experiment experiment;
    private final Path runsDir;
    private final List<CellResults> cells = new ArrayList<>();

    ExperimentReport(Experiment experiment, Path runsDir) {
        this.experiment = experiment;
        this.runsDir = runsDir;
        for (Experiment.Cell cell : experiment.cells()) {
            cells.add(CellResults.read(runsDir, cell, experiment.seeds()));
        }
    }

    List<CellResults> cells() {
        return cells;
    }

    Experiment experiment() {
        return experiment;
    }

    boolean anyRan() {
        return cells.stream().anyMatch(CellResults::ran);
    }

    /** One verdict per claim, in the claims' order. */
    List<Verdict> verdicts() {
        return experiment.claims().stream().map(c -> Verdict.of(experiment, c, cells)).toList();
    }

    /** The command lines that reproduce this section, from the repository root. */
    String reproduce(String reportOut) {
        Path dir = experiment.dir();
        return "./lorasim experiment run " + dir + "\n./lorasim experiment report " + dir + " --out " + reportOut;
    }

    /**
     * The markdown section; plots go to {@code plotDir} and are linked as {@code linkPrefix + file}.
     *
     * @param heading e.g. {@code "## "}
     */
    String render(String heading, Path plotDir, String linkPrefix, String reportOut) {
        StringBuilder md = new StringBuilder();
        md.append(heading).append(experiment.title()).append("\n\n");
        if (!experiment.paper().isEmpty()) {
            md.append("Paper: ").append(experiment.paper()).append(".\n\n");
        }
        md.append("Sized for a small machine: ").append(experiment.sizing()).append(".\n\n");
        md.append("Reproduce (from the repository root; `lorasim.data.mirror` or `./lorasim download-datasets` for"
                + " downloaded data sets):\n\n```bash\n").append(reproduce(reportOut)).append("\n```\n\n");
        md.append("Seeds: ").append(join(experiment.seeds())).append(". Runs: ").append(runsDir).append(".\n\n");
        md.append(provenance()).append("\n\n");
        if (!anyRan()) {
            md.append("**Not yet run here.** Run the commands above.\n\n");
            return md.toString();
        }
        List<Verdict> verdicts = verdicts();
        for (int i = 0; i < verdicts.size(); i++) {
            md.append("Claim: ").append(experiment.claims().get(i).statement()).append(". **")
                    .append(verdicts.get(i).word()).append("**: ").append(verdicts.get(i).measured()).append(".\n\n");
        }
        if (!experiment.notes().isEmpty()) {
            md.append("How to read it: ").append(experiment.notes()).append(experiment.notes().endsWith(".") ? ""
                    : ".").append("\n\n");
        }
        md.append(table());
        List<String> missing = new ArrayList<>();
        for (CellResults c : cells) {
            if (!c.missing().isEmpty()) {
                missing.add(c.cell().name() + " (" + c.missing().size() + " of " + experiment.seeds().size()
                        + " seeds)");
            }
        }
        if (!missing.isEmpty()) {
            md.append("\nNot yet run here: ").append(String.join(", ", missing)).append("; `./lorasim experiment run ")
                    .append(experiment.dir()).append(" --only CELL` runs them.\n");
        }
        md.append('\n');
        if (cells.stream().anyMatch(c -> c.ran() && c.averagedAdapter())) {
            md.append("In the accuracy plots a gossip arm's solid line is its clients' own adapters (mean), its dashed"
                    + " line of the same colour their averaged adapter.\n\n");
        }
        for (String plot : plots(plotDir)) {
            md.append("![").append(plot).append("](").append(linkPrefix).append(plot).append(")\n");
        }
        return md.toString();
    }

    /** Wall time and machine of every {@code lorasim experiment run} that wrote into the runs folder. */
    String provenance() {
        Path log = runsDir.resolve(ExperimentRunCommand.INVOCATIONS);
        double runWall = cells.stream().flatMap(c -> c.runs().stream()).mapToDouble(r -> r.summary().wallMillis() / 1e3)
                .sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Wall time: %.0f s summed over the %d finished runs' own wall time", runWall,
                cells.stream().mapToInt(c -> c.runs().size()).sum()));
        Set<String> machines = new LinkedHashSet<>();
        double invocationWall = 0;
        if (Files.isRegularFile(log)) {
            try {
                for (String line : Files.readAllLines(log)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = RunJson.MAPPER.readTree(line);
                    invocationWall += node.path("wall_seconds").asDouble();
                    String sets = node.path("set").asText();
                    machines.add(node.path("machine").asText() + (sets.isEmpty() ? "" : " (with --set " + sets + ")"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
            }
            text.append(String.format(Locale.ROOT, "; %.0f s for the `experiment run` commands", invocationWall));
        }
        text.append(". Machine: ").append(machines.isEmpty() ? "not recorded" : String.join("; ", machines))
                .append('.');
        return text.toString();
    }

    private String table() {
        boolean synthetic = cells.stream().filter(CellResults::ran).allMatch(CellResults::synthetic);
        boolean gossip = cells.stream().anyMatch(CellResults::gossip);
        double target = experiment.target();
        boolean withTarget = !Double.isNaN(target) && !synthetic;
        List<String> header = new ArrayList<>(List.of("cell", "seeds"));
        if (!synthetic) {
            header.addAll(List.of("final acc", "best acc"));
        }
        boolean averaged = gossip && !synthetic;
        if (averaged) {
            header.add("final avg-adapter acc");
        }
        if (gossip) {
            header.add("final consensus dist.");
        }
        if (withTarget) {
            String t = String.format(Locale.ROOT, "%.2f", target);
            header.addAll(List.of("reached " + t, "rounds to " + t, "params to " + t, "MB to " + t, "sim s to " + t));
        }
        header.addAll(List.of("params sent", "MB up+down", "sim s", "participants / round", "clients that took part",
                "late", "failed", "wall s / run"));
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|"
                + "---|".repeat(header.size()) + "\n");
        for (CellResults c : cells) {
            if (!c.ran()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(label(c), Integer.toString(c.runs().size())));
            if (!synthetic) {
                row.add(c.finalAccuracy().format("%.4f"));
                row.add(c.bestAccuracy().format("%.4f"));
            }
            if (averaged) {
                row.add(c.finalAverageAccuracy().format("%.4f"));
            }
            if (gossip) {
                row.add(c.gossip() ? c.finalConsensus().format("%.3g") : "-");
            }
            if (withTarget) {
                row.add(c.reached(target) + "/" + c.runs().size());
                row.add(c.roundsToTarget(target).format("%.1f"));
                row.add(c.parametersToTarget(target).format("%.3g"));
                row.add(c.megabytesToTarget(target).format("%.1f"));
                row.add(c.simSecondsToTarget(target).format("%.1f"));
            }
            row.add(c.parameters().format("%.3g"));
            row.add(c.megabytes().format("%.1f"));
            row.add(c.simSeconds().format("%.1f"));
            row.add(c.participantsPerRound().format("%.1f"));
            row.add(c.clientsThatTookPart().format("%.1f") + " of "
                    + String.format(Locale.ROOT, "%.0f", c.clientsListed().mean()));
            row.add(c.stragglers().format("%.1f"));
            row.add(c.failures().format("%.1f"));
            row.add(c.wallSeconds().format("%.0f"));
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("\nMean ± sample standard deviation over the seeds that finished. ");
        if (withTarget) {
            md.append("\"To\" columns: up to the first round whose held-out accuracy reached the target; `-` when"
                    + " a seed never reached it. ");
        }
        if (averaged) {
            md.append("Gossip cells: final acc is the mean of the clients' accuracies, each with its own adapter; final"
                    + " avg-adapter acc is the accuracy of the average of the clients' adapters (each LoRA factor"
                    + " and the head averaged on its own); for the other cells both are the global model's. ");
        }
        md.append("Params: adapter parameters uploaded; clients that took part: distinct clients whose update was"
                + " used in at least one round, of all clients; late: updates that missed their deadline, summed over"
                + " rounds; failed: sampled clients that crashed, left or were unreachable, summed over rounds.");
        if (synthetic) {
            md.append(" SYSTEM-ONLY (" + RunPlots.SYNTHETIC_MARK + "): no model was trained, so there is no"
                    + " accuracy; rerun a cell with `--set lorasim.run.trainer=trained` for one.");
        }
        md.append('\n');
        return md.toString();
    }

    private static String label(CellResults c) {
        Experiment.Cell cell = c.cell();
        String words = cell.arm().label() + (cell.condition() == null ? "" : "; " + cell.condition().label());
        return "`" + cell.name() + "`" + (words.equals(cell.name()) ? "" : " (" + words + ")");
    }

    /**
     * Writes the plots that have points; returns their file names. An experiment with conditions gets one set of
     * plots per condition ({@code accuracy-CONDITION.png}), one line per arm.
     */
    List<String> plots(Path plotDir) {
        List<String> written = new ArrayList<>();
        List<CellResults> ran = cells.stream().filter(CellResults::ran).toList();
        if (experiment.conditions().isEmpty()) {
            plots(plotDir, "", "", ran, written);
        } else {
            for (Experiment.Arm condition : experiment.conditions()) {
                plots(plotDir, "-" + condition.name(), " - " + condition.label(),
                        ran.stream().filter(c -> c.cell().condition() == condition).toList(), written);
            }
        }
        return written;
    }

    private void plots(Path plotDir, String suffix, String titleSuffix, List<CellResults> ran, List<String> written) {
        LineCharts.Options rounds = LineCharts.Options.DEFAULT.withIntegerX();
        List<LineCharts.ReferenceLine> targetLine = Double.isNaN(experiment.target()) ? List.of()
                : List.of(new LineCharts.ReferenceLine("target", experiment.target()));
        write(plotDir, file(ACCURACY_PLOT, suffix), "Held-out accuracy vs round, mean over seeds" + titleSuffix,
                "rounds completed (0 = before training)", "held-out accuracy", accuracyCurves(ran),
                rounds.withReferences(targetLine), written);
        write(plotDir, file(CONSENSUS_PLOT, suffix), "Consensus distance vs round, mean over seeds (gossip)"
                        + titleSuffix, "rounds completed", "mean squared distance to the average adapter",
                curves(ran.stream().filter(CellResults::gossip).toList(), RoundRecord::consensusDistance, false),
                rounds, written);
        List<LineCharts.Series> byBytes = new ArrayList<>();
        for (CellResults c : ran) {
            double[][] acc = c.meanCurve(RoundRecord::accuracy, false);
            double[][] mb = c.meanCurve(r -> (r.bytesUp() + r.bytesDown()) / 1e6, false);
            double[] cumulative = new double[mb[1].length];
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + mb[1][i];
            }
            byBytes.add(new LineCharts.Series(c.cell().arm().name(), cumulative, acc[1]));
        }
        write(plotDir, file(ACCURACY_BYTES_PLOT, suffix), "Held-out accuracy vs MB communicated, mean over seeds"
                        + titleSuffix, "MB up + down so far", "held-out accuracy", byBytes,
                LineCharts.Options.DEFAULT.withReferences(targetLine), written);
        if (!ran.isEmpty() && ran.stream().allMatch(CellResults::synthetic)) {
            write(plotDir, file(SIM_TIME_PLOT, suffix), "Simulated time vs round" + titleSuffix + " - "
                    + RunPlots.SYNTHETIC_MARK, "rounds completed", "simulated seconds (mean over seeds)",
                    curves(ran, RoundRecord::simSeconds, false), rounds, written);
        }
    }

    /**
     * The accuracy plot's lines: each cell's mean held-out accuracy over seeds (for a gossip cell, that of the
     * clients' own adapters) and, dashed, a gossip cell's averaged adapter ({@code average_model_accuracy}),
     * named {@code ARM (averaged adapter)}.
     */
    static List<LineCharts.Series> accuracyCurves(List<CellResults> cells) {
        List<LineCharts.Series> series = new ArrayList<>(curves(cells, RoundRecord::accuracy, true));
        for (LineCharts.Series averaged : curves(cells.stream().filter(CellResults::gossip).toList(),
                RoundRecord::averageModelAccuracy, true)) {
            series.add(new LineCharts.Series(averaged.name() + " (averaged adapter)", averaged.x(), averaged.y())
                    .asCompanionOf(averaged.name()));
        }
        return series;
    }

    private static String file(String name, String suffix) {
        return name.replace(".png", suffix + ".png");
    }

    private static List<LineCharts.Series> curves(List<CellResults> cells, ToDoubleFunction<RoundRecord> value,
                                                  boolean withStart) {
        List<LineCharts.Series> series = new ArrayList<>();
        for (CellResults c : cells) {
            double[][] curve = c.meanCurve(value, withStart);
            series.add(new LineCharts.Series(c.cell().condition() == null ? c.cell().name()
                    : c.cell().arm().name(), curve[0], curve[1]));
        }
        return series;
    }

    private static void write(Path dir, String file, String title, String x, String y, List<LineCharts.Series> series,
                              LineCharts.Options options, List<String> written) {
        if (!LineCharts.hasPoints(series)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(dir.resolve(file), LineCharts.png(title, x, y, series, options));
        written.add(file);
    }

    private static String join(List<Integer> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
