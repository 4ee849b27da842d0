package org.lorasim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.Machine;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cli.output.RunJson;
import org.lorasim.cli.output.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lorasim experiment run}: every cell of an experiment with every seed, one run folder each
 * ({@code RUNS/<cell>/seed-<n>}). Every run is validated before the first starts; a run whose folder already
 * holds a finished {@code summary.json} is kept, so a killed experiment continues where it stopped (an
 * unfinished folder is removed and run again). Each invocation appends a line to {@code RUNS/invocations.jsonl}:
 * its arguments, wall time and machine, which the report prints.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every cell (arm x grid combination) of an experiment with every seed. Finished runs"
                + " are kept, so running again continues. Exit 0 when every run finished, 1 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim experiment run experiments/dec-lora",
                "  lorasim experiment run experiments/dec-lora --only ring,centralized --runs runs/dl",
                "  lorasim experiment run experiments/flexlora --set lorasim.run.rounds=30"})
final class ExperimentRunCommand extends LorasimCommand {

    static final String INVOCATIONS = "invocations.jsonl";

    @Parameters(index = "0", paramLabel = "EXPERIMENT_DIR", description = "The experiment folder.")
    Path experimentDir;

    @Option(names = "--runs", paramLabel = "DIR", description = "Where the run folders go; default"
            + " runs/experiments/NAME.")
    Path runs;

    @Option(names = "--only", split = ",", paramLabel = "CELL",
            description = "Run only these cells or arms (a cell's name, e.g. ring_no-faults, or an arm's, e.g. ring).")
    List<String> only = new ArrayList<>();

    @Mixin
    ScenarioOverrides overrides;

    private record Job(Experiment.Cell cell, int seed, Scenario scenario, Path dir) {
    }

    @Override
    int execute() {
        Experiment experiment = Experiment.read(experimentDir);
        Path runsDir = runs != null ? runs : ExperimentCommand.defaultRuns(experiment);
        List<Job> jobs = new ArrayList<>();
        ScenarioLoader loader = ScenarioLoader.standard();
        for (Experiment.Cell cell : experiment.cells()) {
            if (!only.isEmpty() && !only.contains(cell.name()) && !only.contains(cell.arm().name())) {
                continue;
            }
            for (int seed : experiment.seeds()) {
                List<String> sets = Experiment.sets(cell, seed);
                sets.addAll(overrides.sets);
                try {
                    Scenario scenario = loader.load(experiment.base(), sets);
                    ScenarioValidator.validate(scenario);
                    jobs.add(new Job(cell, seed, scenario, Experiment.runDir(runsDir, cell, seed)));
                } catch (UserInputException e) {
                    throw new UserInputException("cell " + cell.name() + ", seed " + seed + ":\n" + e.getMessage(), e);
                }
            }
        }
        if (jobs.isEmpty()) {
            throw new UserInputException("--only " + String.join(",", only) + " matches no cell of "
                    + experiment.name());
        }
        long started = System.currentTimeMillis();
        out().println("experiment " + experiment.name() + ": " + jobs.size() + " runs into " + runsDir);
        int failed = 0;
        int ran = 0;
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String what = "run " + (i + 1) + "/" + jobs.size() + ": " + job.cell().name() + " seed " + job.seed();
            if (finished(job.dir())) {
                out().println(what + ": already finished, kept");
                continue;
            }
            out().println(what);
            out().flush();
            deleteRecursively(job.dir());
            ran++;
            try {
                RunSummary s = RunLauncher.run(job.scenario().config(), job.dir(), out(), false);
                out().println(RunLauncher.oneLine(s));
                failed += s.finished() ? 0 : 1;
            } catch (RuntimeException e) {
                if (debug) {
                    e.printStackTrace(err());
                }
                err().println(what + " failed: " + RunLauncher.reason(e));
                failed++;
            }
            out().flush();
        }
        appendInvocation(runsDir, experiment, ran, System.currentTimeMillis() - started);
        out().println("report: lorasim experiment report " + experimentDir + " --runs " + runsDir);
        out().flush();
        if (failed > 0) {
            err().println("lorasim experiment run: " + failed + " of " + jobs.size() + " runs did not finish");
            err().flush();
        }
        return failed == 0 ? DONE : FAILED;
    }

    private void appendInvocation(Path runsDir, Experiment experiment, int ran, long wallMillis) {
        ObjectNode line = RunJson.MAPPER.createObjectNode();
        line.put("experiment", experiment.name());
        line.put("finished_at", Instant.now().toString());
        line.put("runs", ran);
        line.put("wall_seconds", wallMillis / 1e3);
        line.put("machine", Machine.current().describe());
        line.put("only", String.join(",", only));
        line.put("set", String.join(" ", overrides.sets));
        try {
            Files.createDirectories(runsDir);
            Files.writeString(runsDir.resolve(INVOCATIONS), RunJson.line(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runsDir.resolve(INVOCATIONS) + ": " + e.getMessage(), e);
        }
    }

    static boolean finished(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunFolder.SUMMARY))) {
            return false;
        }
        try {
            return RunResults.read(dir).summary().finished();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished run " + dir + ": " + e.getMessage(), e);
        }
    }
}
