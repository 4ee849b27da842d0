package org.lorasim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.ClusterFiles;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SeedNode;
import org.lorasim.cluster.sim.ClusterRuns;
import org.lorasim.cluster.sim.RemoteRun;
import org.lorasim.ui.Dashboard;
import org.lorasim.ui.Lessons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lorasim ui}: run a scenario (or a lesson) in realtime mode behind the teaching dashboard, writing its run
 * folder as {@code run} does, or replay a finished run folder. Every action taken on the page is appended to
 * the folder's {@code config.conf} as a timed scenario event ({@link SavedScenario}), so {@code lorasim run DIR/config.conf} replays it.
 * A lesson started from the page's picker stops the run being shown (if it still goes on) and runs next, in a
 * fresh folder {@code lesson-NAME-...} under {@code runs/} (beside {@code --out} when given), at {@code --speed}
 * when given, else at the lesson's own.
 *
 * <p>With {@code --cluster H:P} or {@code --local-nodes N} each run goes to the cluster exactly as {@code lorasim run}
 * sends it (the page's lessons too, to the same nodes): the dashboard draws it from the callbacks its coordinator
 * node streams back, this process writes the run folder, and the page's controls travel to the run's clock and
 * scenario runner on the coordinator node ({@link ClusterRunHandle}). Local node JVMs live as long as the dashboard.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Watch and steer a simulation in the browser: the actor graph, live charts, an event log and"
                + " controls (pause, step, crash, slow down, cut links, partition...).",
                "Serves on 127.0.0.1 unless --host says otherwise; elsewhere, controls need the token printed at start."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim ui --lesson stragglers               # a lesson shipped in the jar",
                "  lorasim ui examples/churn.conf --speed 2",
                "  lorasim ui --replay runs/default-20261207-023503",
                "  lorasim ui examples/churn.conf --local-nodes 2   # on 2 node JVMs on loopback",
                "  lorasim ui my.conf --cluster 10.0.0.5:2551       # on a running cluster (lorasim node)",
                "Lessons: stragglers, partition, aggregator-crash, non-iid."})
final class UiCommand extends LorasimCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.conf",
            description = "The scenario (HOCON); without it (and without --lesson), the built-in default scenario.")
    Path scenario;

    @Mixin
    ScenarioOverrides overrides;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port (0: any free one); default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to bind; default ${DEFAULT-VALUE}. Any other address makes controls need a token.")
    String host;

    @Option(names = "--speed", paramLabel = "X",
            description = "Simulated seconds per wall second; default the scenario's lorasim.clock.speed.")
    Double speed;

    @Option(names = "--lesson", paramLabel = "NAME", description = "Run a lesson shipped in the jar.")
    String lesson;

    @Option(names = "--replay", paramLabel = "RUN_DIR", description = "Show a finished run folder instead of running.")
    Path replay;

    @Option(names = "--paused", description = "Start with simulated time held at 0 until the page resumes it.")
    boolean paused;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (must be empty or new).")
    Path out;

    @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "Run on the running cluster that this seed"
            + " node belongs to, as lorasim run --cluster does; the page shows it from the records streamed back, and"
            + " its controls act on the run's clock on the coordinator node.")
    String cluster;

    @Option(names = "--local-nodes", paramLabel = "N", description = "Start N node JVMs on loopback (as lorasim run"
            + " --local-nodes) for as long as the dashboard serves, and run there (logs in RUN/nodes/).")
    Integer localNodes;

    @Option(names = "--exit-when-done", description = "Stop serving when the run ends and no lesson was started on the"
            + " page (for scripts and tests).")
    boolean exitWhenDone;

    @Override
    int execute() throws Exception {
        if (cluster != null && localNodes != null) {
            throw new UserInputException("--cluster and --local-nodes exclude each other: use one");
        }
        if (localNodes != null && localNodes < 1) {
            throw new UserInputException("--local-nodes must be at least 1, got " + localNodes);
        }
        if (replay != null) {
            if (cluster != null || localNodes != null) {
                throw new UserInputException("--replay shows a finished run folder: --cluster and --local-nodes"
                        + " do not apply");
            }
            return replay();
        }
        if (lesson != null && scenario != null) {
            throw new UserInputException("give a scenario file or --lesson, not both");
        }
        SeedNode seed = cluster == null ? null : RunCommand.parseSeed(cluster);
        Planned run = plan(lesson != null ? lessonFile(lesson) : scenario, lesson, out != null
                ? RunDirectories.requireEmpty(out) : null);
        if (localNodes == null) {
            return serve(run, seed, seed == null ? null : "cluster " + seed);
        }
        out().println("starting " + localNodes + " local node JVMs (logs in " + run.dir().resolve("nodes") + ")");
        out().flush();
        try (LocalNodes nodes = ClusterRuns.startLocal(localNodes, run.dir().resolve("nodes"),
                NodeSettings.localNodeJvmOptions(run.running()))) {
            SeedNode first = nodes.node(0).asSeed();
            return serve(run, first, localNodes + (localNodes == 1 ? " local node JVM, " : " local node JVMs, ") + first);
        }
    }

    /**
     * Serves the dashboard for {@code run} and the lessons started from its page, each run in this JVM or, with a
     * {@code seed}, on that node's cluster ({@code where} says which on the page).
     */
    private int serve(Planned first, SeedNode seed, String where) throws InterruptedException, java.io.IOException {
        Planned run = first;
        try (Dashboard dashboard = Dashboard.live(host, port, run.title(), run.lessonText(), run.speed(), paused,
                run.record()::add, where)) {
            announce(dashboard);
            int code = run(dashboard, run, seed, paused);
            while (true) {
                java.util.Optional<String> next = dashboard.lessons().poll();
                if (next.isEmpty() && exitWhenDone) {
                    return code;
                }
                if (next.isEmpty()) {
                    out().println("serving until Ctrl-C (or a lesson started on the page)");
                    out().flush();
                }
                String name = next.isPresent() ? next.get() : dashboard.lessons().take();
                run = plan(lessonFile(name), name, null);
                dashboard.next(run.title(), run.lessonText(), run.speed(), false, run.record()::add);
                code = run(dashboard, run, seed, false);
            }
        }
    }

    /** A run about to start: what it runs, where it writes, how the page names it. */
    private record Planned(Config saved, Config running, Path dir, SavedScenario record, String title,
                           ObjectNode lessonText, double speed) {
    }

    /**
     * Loads and checks {@code file} (a lesson's when {@code lessonName} is given) and decides its folder: {@code dir},
     * or a fresh one under {@code runs/} (beside {@code --out} for a lesson started from the page).
     */
    private Planned plan(Path file, String lessonName, Path dir) {
        Scenario loaded = ScenarioLoader.standard().load(file, overrides.sets);
        ScenarioValidator.validate(loaded);
        double x = speed != null ? speed : loaded.config().getDouble("lorasim.clock.speed");
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new UserInputException("--speed must be a finite number > 0, got " + x);
        }
        Config saved = loaded.config().withValue("lorasim.clock.mode", ConfigValueFactory.fromAnyRef("virtual"));
        Config running = loaded.config().withValue("lorasim.clock.mode", ConfigValueFactory.fromAnyRef("realtime"))
                .withValue("lorasim.clock.speed", ConfigValueFactory.fromAnyRef(x));
        Path parent = out != null && out.toAbsolutePath().getParent() != null ? out.toAbsolutePath().getParent()
                : RunDirectories.RUNS;
        Path folder = dir != null ? dir : RunDirectories.fresh(parent, lessonName != null ? "lesson-" + lessonName
                : loaded.name(), LocalDateTime.now());
        return new Planned(saved, running, folder, new SavedScenario(folder.resolve(RunFolder.CONFIG), saved),
                lessonName != null ? "lesson " + lessonName : loaded.name(),
                lessonName != null ? Lessons.describe(lessonName) : null, x);
    }

    private int run(Dashboard dashboard, Planned run, SeedNode seed, boolean startPaused) {
        out().println("run folder: " + run.dir());
        out().flush();
        RunLauncher.Executor executor = seed == null ? RunLauncher.IN_THIS_JVM
                : (config, listener, checkpoint, attach) -> ClusterRuns.submit(seed, config, listener,
                new ClusterFiles(run.dir()), new RemoteRun.Attach(startPaused,
                remote -> dashboard.controls().attach(new ClusterRunHandle(remote))));
        RunSummary summary = RunLauncher.run(run.saved(), run.running(), run.dir(), run.dir().resolve(RunFolder.CHECKPOINT),
                out(), false, dashboard.listener(), dashboard.attach(), executor);
        return RunLauncher.report("ui", summary, run.dir(), out(), err());
    }

    private static Path lessonFile(String name) throws java.io.IOException {
        String text = Lessons.scenario(name).orElseThrow(() -> new UserInputException("unknown lesson '"
                + name + "': the lessons are " + String.join(", ", Lessons.NAMES)));
        Path file = Files.createTempDirectory("lorasim-lesson").resolve(name + ".conf");
        Files.writeString(file, text);
        return file;
    }

    private int replay() throws InterruptedException {
        if (!Files.isRegularFile(replay.resolve("summary.json"))) {
            throw new UserInputException("--replay " + replay + ": not a finished run folder (no summary.json)");
        }
        try (Dashboard dashboard = Dashboard.replay(host, port, replay)) {
            announce(dashboard);
            waitUnlessDone();
            return DONE;
        }
    }

    private void announce(Dashboard dashboard) {
        out().println("dashboard: " + dashboard.url());
        if (dashboard.token() != null) {
            out().println("control token: " + dashboard.token() + " (bound to " + host + ": controls need it)");
        }
        out().flush();
    }

    private void waitUnlessDone() throws InterruptedException {
        if (!exitWhenDone) {
            out().println("serving until Ctrl-C");
            out().flush();
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
            forever.await();
        }
    }
}
