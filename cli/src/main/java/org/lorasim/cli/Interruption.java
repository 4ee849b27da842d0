package org.lorasim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lorasim.actors.run.LiveRun;

/**
 * What Ctrl-C (SIGINT) or SIGTERM does to a run in this JVM: the run stops at once (outcome
 * {@code stopped: interrupted ...}, as the dashboard's stop), the trainings in flight finish, and the folder gets what
 * a stopped run gets (its rounds so far, {@code summary.json}, {@code report.html}) before the JVM exits; the run can
 * then be continued with {@code lorasim resume}. A JVM shutdown hook does it, waiting at most {@link #WAIT} for the
 * run to end. The run's actor system must not also be stopped by Pekko's own shutdown hook
 * ({@code pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off}, set by {@link RunLauncher#IN_THIS_JVM}).
 *
 * <p>Why: before, the JVM exited under a training still in libtorch (its teardown freed what the training used:
 * SIGSEGV, an {@code hs_err_pid*.log} in the working directory), and the folder had no summary. A signal that comes
 * before the run is built stops it as soon as it is. The report's plots are then encoded in memory
 * ({@code ImageIO.setUseCache(false)}): ImageIO's file cache registers a shutdown hook per image, which the JVM
 * refuses once it is shutting down.
 */
final class Interruption implements AutoCloseable {

    /** How long the hook waits for the run to end and its folder to be written. */
    static final Duration WAIT = Duration.ofSeconds(60);

    static final String REASON = "interrupted (SIGINT or SIGTERM)";

    /** How long the hook then waits for the command itself to end (a sweep writing its table, say). */
    static final Duration COMMAND_WAIT = Duration.ofSeconds(10);

    private static final CountDownLatch COMMAND_ENDED = new CountDownLatch(1);

    /**
     * The command line's command returned ({@code Lorasim.main}): a hook still waiting lets the JVM exit. A sweep or an
     * experiment goes on after its interrupted run (marking the runs it no longer starts), and its files are written
     * whole only if the JVM does not exit before it ends.
     */
    static void commandEnded() {
        COMMAND_ENDED.countDown();
    }

    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final PrintWriter out;
    private volatile LiveRun live;
    private volatile boolean interrupted;

    /**
     * Registers the hook until {@link #close()}.
     *
     * @throws IllegalStateException once the JVM is shutting down (a sweep or an experiment whose run was just
     *                               interrupted): no further run starts, so none trains while the JVM exits
     */
    Interruption(PrintWriter out) {
        this.out = out;
        this.hook = new Thread(this::onSignal, "lorasim-interruption");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            throw new IllegalStateException(REASON + ": no further run is started", shuttingDown);
        }
    }

    /** {@code then}, after keeping the live run to stop (and stopping it at once when the signal came first). */
    LiveRun.Attach attach(LiveRun.Attach then) {
        return run -> {
            live = run;
            then.attached(run);
            if (interrupted) {
                run.stop(REASON);
            }
        };
    }

    private void onSignal() {
        interrupted = true;
        javax.imageio.ImageIO.setUseCache(false);
        LiveRun run = live;
        out.println("lorasim: interrupted: stopping the run and waiting up to " + WAIT.toSeconds()
                + " s for its trainings in flight and its folder");
        out.flush();
        if (run != null) {
            run.stop(REASON);
        }
        try {
            boolean done = ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            out.println(done ? "lorasim: the run stopped; its folder keeps the rounds so far (lorasim resume continues it)"
                    : "lorasim: the run did not stop within " + WAIT.toSeconds() + " s; exiting without its summary");
            out.flush();
            if (done) {
                COMMAND_ENDED.await(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run ended and its folder is written: the hook has nothing left to wait for. */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and now returns
        }
    }
}
