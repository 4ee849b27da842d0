package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.CompositeListener;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;
import org.lorasim.actors.trainer.TrainingHook;
import org.lorasim.cli.output.RunFolder;

/** Runs one validated scenario into a run folder, with the progress line, for run, resume and sweep. */
final class RunLauncher {

    private RunLauncher() {
    }

    /**
     * Runs {@code config} with a {@link RunFolder} over {@code dir} and its {@code checkpoint} subfolder (where a
     * journal makes the run continue).
     */
    static RunSummary run(Config config, Path dir, PrintWriter out, boolean interactive) {
        return run(config, dir, dir.resolve(RunFolder.CHECKPOINT), out, interactive);
    }

    /**
     * Runs {@code config} with a {@link RunFolder} over {@code dir} and the checkpoint in {@code checkpointDir}.
     * When the run throws, the folder still gets a {@code summary.json} with outcome {@code failed: REASON} and
     * the report of what arrived, and the exception goes on.
     */
    static RunSummary run(Config config, Path dir, Path checkpointDir, PrintWriter out, boolean interactive) {
        return run(config, dir, checkpointDir, out, interactive, IN_THIS_JVM);
    }

    /**
     * Where a run executes: {@link #IN_THIS_JVM}, or on a cluster (then without a training journal, and without
     * a live run for {@code attach}).
     */
    interface Executor {
        RunSummary run(Config config, RunListener listener, Path checkpointDir, LiveRun.Attach attach);
    }

    /** In this JVM; Ctrl-C stops the run through {@link Interruption}, not through Pekko's own shutdown hook. */
    static final Executor IN_THIS_JVM = (config, listener, checkpointDir, attach) ->
            Simulation.run(config.withValue("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook",
                    com.typesafe.config.ConfigValueFactory.fromAnyRef("off")), listener, checkpointDir,
                    TrainingHook.NONE, attach);

    /** As {@link #run(Config, Path, Path, PrintWriter, boolean)}, executed by {@code executor}. */
    static RunSummary run(Config config, Path dir, Path checkpointDir, PrintWriter out, boolean interactive,
                          Executor executor) {
        return run(config, config, dir, checkpointDir, out, interactive, RunListener.NONE, LiveRun.Attach.NONE,
                executor);
    }

    /**
     * As {@link #run(Config, Path, Path, PrintWriter, boolean)}, writing {@code saved} as the folder's
     * {@code config.conf} while the simulation runs {@code running} (the dashboard runs a scenario in realtime
     * mode and saves it in the mode it was written in), telling {@code extra} too and handing {@code attach} the
     * live run.
     */
    static RunSummary run(Config saved, Config running, Path dir, Path checkpointDir, PrintWriter out,
                          boolean interactive, RunListener extra, LiveRun.Attach attach) {
        return run(saved, running, dir, checkpointDir, out, interactive, extra, attach, IN_THIS_JVM);
    }

    /**
     * As {@link #run(Config, Config, Path, Path, PrintWriter, boolean, RunListener, LiveRun.Attach)}, executed
     * by {@code executor}.
     */
    static RunSummary run(Config saved, Config running, Path dir, Path checkpointDir, PrintWriter out,
                          boolean interactive, RunListener extra, LiveRun.Attach attach, Executor executor) {
        RunFolder folder = new RunFolder(dir, saved);
        ProgressListener progress = new ProgressListener(out, interactive, totalRounds(running));
        try (Interruption interruption = executor == IN_THIS_JVM ? new Interruption(out) : null) {
            return executor.run(running, new CompositeListener(List.of(folder, progress, extra)), checkpointDir,
                    interruption == null ? attach : interruption.attach(attach));
        } catch (RuntimeException e) {
            try {
                folder.failed(reason(e));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** An exception as one line: a config problem as {@code FILE:LINE: KEY: problem}, else its type and message. */
    static String reason(RuntimeException e) {
        if (e instanceof ConfigException c) {
            return ConfigProblems.describe(c);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Prints where the results are and the outcome; 0 when the run finished, else 1 with the reason on err. */
    static int report(String command, RunSummary summary, Path dir, PrintWriter out, PrintWriter err) {
        out.println(oneLine(summary) + perplexity(dir));
        out.println("run folder: " + dir + " (report.html)");
        out.flush();
        if (summary.finished()) {
            return LorasimCommand.DONE;
        }
        err.println("lorasim " + command + ": run did not finish: " + summary.outcome());
        err.flush();
        return LorasimCommand.FAILED;
    }

    static String oneLine(RunSummary s) {
        return String.format(Locale.ROOT, "%s %s: %d rounds, accuracy %s -> %s, %.1f MB up, %.1f MB down,"
                        + " sim %.1f s, wall %.1f s, %s%s", s.variant(), s.algorithm(), s.rounds(),
                accuracy(s.initialAccuracy()), accuracy(s.finalAccuracy()), s.bytesUp() / 1e6, s.bytesDown() / 1e6,
                s.simTimeNanos() / 1e9, s.wallMillis() / 1e3, s.outcome(),
                s.synthetic() ? " - SYSTEM-ONLY (synthetic, no model trained)" : "");
    }

    /** {@code ", held-out perplexity A -> B"} from a decoder run's rounds.csv; empty for a classifier. */
    static String perplexity(Path dir) {
        Path rounds = dir.resolve(org.lorasim.cli.output.RunFolder.ROUNDS);
        if (!java.nio.file.Files.isRegularFile(rounds)) {
            return "";
        }
        double[] ppl = org.lorasim.cli.output.RoundsCsv.read(rounds).stream()
                .mapToDouble(org.lorasim.actors.run.RoundRecord::perplexity).filter(Double::isFinite).toArray();
        return ppl.length == 0 ? "" : String.format(Locale.ROOT, ", held-out perplexity %.3f -> %.3f", ppl[0],
                ppl[ppl.length - 1]);
    }

    static String accuracy(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** {@code lorasim.run.rounds}, or null when the scenario has no such number. */
    static Integer totalRounds(Config config) {
        try {
            return config.hasPath("lorasim.run.rounds") ? config.getInt("lorasim.run.rounds") : null;
        } catch (ConfigException e) {
            return null;
        }
    }
}
