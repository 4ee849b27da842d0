package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.CountDownLatch;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.RunFolder;
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
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Watch and steer a simulation in the browser: the actor graph, live charts, an event log and"
                + " controls (pause, step, crash, slow down, cut links, partition...).",
                "Serves on 127.0.0.1 unless --host says otherwise; elsewhere, controls need the token printed at start."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim ui --lesson stragglers               # a lesson shipped in the jar",
                "  lorasim ui examples/churn.conf --speed 2",
                "  lorasim ui --replay runs/default-20261207-023503",
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

    @Option(names = "--exit-when-done", description = "Stop serving when the run ends (for scripts and tests).")
    boolean exitWhenDone;

    @Override
    int execute() throws Exception {
        if (replay != null) {
            return replay();
        }
        Path file = scenario;
        if (lesson != null) {
            if (scenario != null) {
                throw new UserInputException("give a scenario file or --lesson, not both");
            }
            String text = Lessons.scenario(lesson).orElseThrow(() -> new UserInputException("unknown lesson '"
                    + lesson + "': the lessons are " + String.join(", ", Lessons.NAMES)));
            file = Files.createTempDirectory("lorasim-lesson").resolve(lesson + ".conf");
            Files.writeString(file, text);
        }
        Scenario loaded = ScenarioLoader.standard().load(file, overrides.sets);
        ScenarioValidator.validate(loaded);
        double x = speed != null ? speed : loaded.config().getDouble("lorasim.clock.speed");
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new UserInputException("--speed must be a finite number > 0, got " + x);
        }
        Config saved = loaded.config().withValue("lorasim.clock.mode", ConfigValueFactory.fromAnyRef("virtual"));
        Config running = loaded.config().withValue("lorasim.clock.mode", ConfigValueFactory.fromAnyRef("realtime"))
                .withValue("lorasim.clock.speed", ConfigValueFactory.fromAnyRef(x));
        Path dir = out != null ? RunDirectories.requireEmpty(out)
                : RunDirectories.fresh(RunDirectories.RUNS, lesson != null ? "lesson-" + lesson : loaded.name(),
                LocalDateTime.now());
        SavedScenario record = new SavedScenario(dir.resolve(RunFolder.CONFIG), saved);
        try (Dashboard dashboard = Dashboard.live(host, port, lesson != null ? "lesson " + lesson : loaded.name(),
                lesson != null ? Lessons.describe(lesson) : null, x, paused, record::add)) {
            announce(dashboard);
            out().println("run folder: " + dir);
            out().flush();
            RunSummary summary = RunLauncher.run(saved, running, dir, dir.resolve(RunFolder.CHECKPOINT), out(), false,
                    dashboard.listener(), dashboard.attach());
            int code = RunLauncher.report("ui", summary, dir, out(), err());
            waitUnlessDone();
            return code;
        }
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
