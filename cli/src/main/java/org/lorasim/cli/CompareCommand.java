package org.lorasim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.AtomicFiles;
import org.lorasim.cli.output.LineCharts;
import org.lorasim.cli.output.RunPlots;
import org.lorasim.cli.output.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lorasim compare}: finished runs side by side, as a table and one accuracy-vs-round plot. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare finished runs: read each RUN_DIR's summary.json and rounds.csv, print one table"
                + " (accuracy, bytes, simulated and wall time, outcome) and write compare-accuracy.png"
                + " (accuracy vs round, one line per run) into the current folder or --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim compare runs/fedavg-20260101-120000 runs/flexlora-20260101-121500",
                "  lorasim compare runs/sweep-my-20260101-130000/* --out docs/plots"})
final class CompareCommand extends LorasimCommand {

    static final String PLOT = "compare-accuracy.png";

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders to compare.")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write " + PLOT + "; default the"
            + " current folder.")
    Path outDir = Path.of(".");

    @Override
    int execute() throws Exception {
        List<RunResults> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            try {
                runs.add(RunResults.read(dir));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunResults run : runs) {
            RunSummary s = run.summary();
            rows.add(List.of(run.name(), s.algorithm(), s.variant(), Integer.toString(s.rounds()),
                    RunLauncher.accuracy(s.initialAccuracy()), RunLauncher.accuracy(s.finalAccuracy()),
                    String.format(Locale.ROOT, "%.1f", s.bytesUp() / 1e6),
                    String.format(Locale.ROOT, "%.1f", s.bytesDown() / 1e6),
                    String.format(Locale.ROOT, "%.1f", s.simTimeNanos() / 1e9),
                    String.format(Locale.ROOT, "%.1f", s.wallMillis() / 1e3),
                    s.outcome() + (s.synthetic() ? " (synthetic)" : "")));
        }
        out().print(TextTable.render(List.of("run", "algorithm", "variant", "rounds", "initial acc", "final acc",
                "MB up", "MB down", "sim s", "wall s", "outcome"), rows));
        List<LineCharts.Series> series = new ArrayList<>();
        for (RunResults run : runs) {
            List<RoundRecord> rounds = run.rounds();
            series.add(new LineCharts.Series(run.name(), rounds.stream().mapToDouble(r -> r.round() + 1).toArray(),
                    rounds.stream().mapToDouble(RoundRecord::accuracy).toArray()));
        }
        if (LineCharts.hasPoints(series)) {
            boolean anySynthetic = runs.stream().anyMatch(r -> r.summary().synthetic());
            Files.createDirectories(outDir);
            Path plot = outDir.resolve(PLOT);
            AtomicFiles.write(plot, LineCharts.png("Accuracy vs round"
                            + (anySynthetic ? " - includes " + RunPlots.SYNTHETIC_MARK : ""),
                    "rounds completed (0 = before training)", "held-out accuracy", series,
                    LineCharts.Options.DEFAULT.unitRange().withIntegerX()));
            out().println("plot: " + plot);
        } else {
            out().println("no plot: no run has an evaluated accuracy (synthetic or not evaluated)");
        }
        out().flush();
        return DONE;
    }
}
