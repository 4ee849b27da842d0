package org.lorasim.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.ClusterFiles;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cluster.node.SeedNode;
import org.lorasim.cluster.sim.ClusterRuns;
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
                "  lorasim run my.conf --out /tmp/my-run",
                "  lorasim run examples/churn.conf --local-nodes 3  # 3 node JVMs (coordinator; standby coordinator, clients,"
                        + " trainer; clients, trainer)",
                "  lorasim run my.conf --cluster 10.0.0.5:2551     # on a running cluster (lorasim node)"})
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

    @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "Run on the running cluster that this"
            + " seed node belongs to: this process joins it without roles and submits the scenario to its coordinator"
            + " node, whose records stream back; the run folder is written here. A lost coordinator node is survived"
            + " when another node has role coordinator. Centralized runs only.")
    String cluster;

    @Option(names = "--local-nodes", paramLabel = "N", description = "Start N node JVMs on loopback (node 0"
            + " coordinator; from 3 nodes on node 1 a standby coordinator with clients, trainer; the others clients,"
            + " trainer; 1 node: all three), submit the run to them, then stop them (logs in RUN/nodes/).")
    Integer localNodes;

    @Override
    int execute() {
        if (cluster != null && localNodes != null) {
            throw new UserInputException("--cluster and --local-nodes exclude each other: use one");
        }
        if (localNodes != null && localNodes < 1) {
            throw new UserInputException("--local-nodes must be at least 1, got " + localNodes);
        }
        SeedNode seed = cluster == null ? null : parseSeed(cluster);
        Scenario loaded = ScenarioLoader.standard().load(scenario, overrides.sets);
        ScenarioValidator.validate(loaded);
        Path dir = out != null ? RunDirectories.requireEmpty(out)
                : RunDirectories.fresh(RunDirectories.RUNS, name != null ? name : loaded.name(), LocalDateTime.now());
        out().println("run folder: " + dir);
        GossipGraphLine.print(loaded.config(), out());
        MemoryCheckLine.print(loaded.config(), out());
        ClusterFiles clusterFiles = new ClusterFiles(dir);
        RunLauncher.Executor executor = seed != null ? (config, listener, checkpoint, attach) -> ClusterRuns.submit(seed, config, listener, clusterFiles)
                : localNodes != null ? (config, listener, checkpoint, attach) -> ClusterRuns.onLocalNodes(localNodes, config,
                listener, dir.resolve("nodes"), clusterFiles) : RunLauncher.IN_THIS_JVM;
        RunSummary summary = RunLauncher.run(loaded.config(), dir, dir.resolve(RunFolder.CHECKPOINT), out(),
                System.console() != null, executor);
        return RunLauncher.report("run", summary, dir, out(), err());
    }

    static SeedNode parseSeed(String text) {
        try {
            return SeedNode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--cluster " + text + ": " + e.getMessage());
        }
    }
}
