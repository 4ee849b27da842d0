package org.lorasim.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.lorasim.actors.run.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lorasim run}: validate a scenario, then run it into a fresh run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario and write its run folder: config.conf, rounds.csv, metrics.jsonl,"
                + " events.jsonl, summary.json, PNG plots, report.html and checkpoint/.",
                "Settings: --set over the scenario file (or, without one, the built-in application.conf) over reference.conf."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim run                                   # the built-in default scenario",
                "  lorasim run examples/heterogeneous-ranks.conf --name flexlora",
                "  lorasim run examples/churn.conf               # system-only (cost-model), seconds",
                "  lorasim run my.conf --set lorasim.clients.count=20",
                "  lorasim run my.conf --out /tmp/my-run"})
final class RunCommand extends LorasimCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.conf",
            description = "The scenario (HOCON); without it, the built-in default scenario.")
    Path scenario;

    @Mixin
    ScenarioOverrides overrides;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (must be empty or new);"
            + " default runs/<name>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The run's name in its folder name; default the scenario file's name.")
    String name;

    @Override
    int execute() {
        Scenario loaded = ScenarioLoader.standard().load(scenario, overrides.sets);
        ScenarioValidator.validate(loaded);
        Path dir = out != null ? RunDirectories.requireEmpty(out)
                : RunDirectories.fresh(RunDirectories.RUNS, name != null ? name : loaded.name(), LocalDateTime.now());
        out().println("run folder: " + dir);
        RunSummary summary = RunLauncher.run(loaded.config(), dir, out(), System.console() != null);
        return RunLauncher.report("run", summary, dir, out(), err());
    }
}
