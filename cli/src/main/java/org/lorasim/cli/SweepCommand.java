package org.lorasim.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lorasim sweep}: one run per combination of the grid's values, each in its own folder under one sweep
 * folder, then {@code sweep.csv} and a table of final accuracy, bytes and simulated time. Every combination
 * is validated before the first run starts; a run that fails does not stop the others.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario once per combination of --grid values (the cartesian product), one run"
                + " folder each under a sweep folder, and write sweep.csv with final accuracy, bytes and"
                + " simulated time. Exit 0 when every run finished, 1 when one did not, 2 for bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim sweep my.conf --grid lorasim.clients.count=10,20,50",
                "  lorasim sweep my.conf --grid lorasim.clients.count=10,20 \\",
                "                        --grid lorasim.links.default.loss=0,0.1",
                "  lorasim sweep --grid lorasim.clients.count=10,20 --out sweeps/a"})
final class SweepCommand extends LorasimCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.conf",
            description = "The scenario (HOCON); without it, the built-in default scenario.")
    Path scenario;

    @Mixin
    ScenarioOverrides overrides;

    @Option(names = "--grid", required = true, paramLabel = "KEY=V1,V2,...",
            description = "A setting and the values to try; repeatable (all combinations run).")
    List<String> grids = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "The sweep folder; default runs/sweep-<name>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The sweep's name; default the scenario's.")
    String name;

    private record Outcome(List<String> combo, Path dir, RunSummary summary, String error) {
    }

    @Override
    int execute() {
        List<SweepGrid.Axis> axes = SweepGrid.parse(grids);
        List<List<String>> combos = SweepGrid.combinations(axes);
        ScenarioLoader loader = ScenarioLoader.standard();
        List<Scenario> scenarios = new ArrayList<>();
        for (List<String> combo : combos) {
            List<String> sets = new ArrayList<>(overrides.sets);
            sets.addAll(combo);
            try {
                Scenario loaded = loader.load(scenario, sets);
                ScenarioValidator.validate(loaded);
                scenarios.add(loaded);
            } catch (UserInputException e) {
                throw new UserInputException("combination " + String.join(" ", combo) + ":\n" + e.getMessage(), e);
            }
        }
        String sweepName = name != null ? name : ScenarioLoader.name(scenario);
        Path sweepDir = out != null ? RunDirectories.requireEmpty(out)
                : RunDirectories.fresh(RunDirectories.RUNS, "sweep-" + sweepName, LocalDateTime.now());
        out().println("sweep folder: " + sweepDir + " (" + combos.size() + " runs)");
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            List<String> combo = combos.get(i);
            Path dir = sweepDir.resolve(String.format(Locale.ROOT, "%02d-", i + 1) + label(combo));
            out().println("run " + (i + 1) + "/" + combos.size() + ": " + String.join(" ", combo));
            try {
                outcomes.add(new Outcome(combo, dir,
                        RunLauncher.run(scenarios.get(i).config(), dir, out(), System.console() != null), null));
            } catch (RuntimeException e) {
                if (debug) {
                    e.printStackTrace(err());
                }
                outcomes.add(new Outcome(combo, dir, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            AtomicFiles.writeString(sweepDir.resolve("sweep.csv"), csv(axes, outcomes));
        }
        List<String> header = new ArrayList<>(List.of("run"));
        axes.forEach(a -> header.add(a.key()));
        header.addAll(List.of("final acc", "MB up+down", "sim s", "outcome"));
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<String> row = new ArrayList<>(List.of(o.dir().getFileName().toString()));
            o.combo().forEach(set -> row.add(set.substring(set.indexOf('=') + 1)));
            RunSummary s = o.summary();
            row.addAll(s == null ? List.of("-", "-", "-", o.error())
                    : List.of(RunLauncher.accuracy(s.finalAccuracy()),
                    String.format(Locale.ROOT, "%.1f", (s.bytesUp() + s.bytesDown()) / 1e6),
                    String.format(Locale.ROOT, "%.1f", s.simTimeNanos() / 1e9),
                    s.outcome() + (s.synthetic() ? " (synthetic)" : "")));
            rows.add(row);
        }
        out().print(TextTable.render(header, rows));
        out().println("sweep.csv: " + sweepDir.resolve("sweep.csv"));
        out().flush();
        boolean allFinished = outcomes.stream().allMatch(o -> o.summary() != null && o.summary().finished());
        if (!allFinished) {
            err().println("lorasim sweep: " + outcomes.stream().filter(o -> o.summary() == null
                    || !o.summary().finished()).count() + " of " + outcomes.size() + " runs did not finish");
            err().flush();
        }
        return allFinished ? DONE : FAILED;
    }

    static String csv(List<SweepGrid.Axis> axes, List<Outcome> outcomes) {
        StringBuilder csv = new StringBuilder("run");
        axes.forEach(a -> csv.append(',').append(quote(a.key())));
        csv.append(",outcome,synthetic,final_accuracy,bytes_up,bytes_down,bytes,sim_seconds,wall_seconds\n");
        for (Outcome o : outcomes) {
            csv.append(quote(o.dir().getFileName().toString()));
            o.combo().forEach(set -> csv.append(',').append(quote(set.substring(set.indexOf('=') + 1))));
            RunSummary s = o.summary();
            if (s == null) {
                csv.append(',').append(quote("error: " + o.error())).append(",,,,,,,\n");
            } else {
                csv.append(',').append(quote(s.outcome())).append(',').append(s.synthetic()).append(',')
                        .append(s.finalAccuracy()).append(',').append(s.bytesUp()).append(',').append(s.bytesDown())
                        .append(',').append(s.bytesUp() + s.bytesDown()).append(',').append(s.simTimeNanos() / 1e9)
                        .append(',').append(s.wallMillis() / 1e3).append('\n');
            }
        }
        return csv.toString();
    }

    /** The folder-name part of a combination: the last key segment and the value, e.g. {@code count=10_loss=0.1}. */
    static String label(List<String> combo) {
        List<String> parts = new ArrayList<>();
        for (String set : combo) {
            int eq = set.indexOf('=');
            parts.add(KeySuggestions.lastSegment(set.substring(0, eq)) + "=" + set.substring(eq + 1));
        }
        String label = RunDirectories.safeName(String.join("_", parts));
        return label.length() <= 80 ? label : label.substring(0, 80);
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
