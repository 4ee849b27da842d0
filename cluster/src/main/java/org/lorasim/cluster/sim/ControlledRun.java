package org.lorasim.cluster.sim;

import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.lorasim.actors.run.LiveRun;

/**
 * A run's handle on its coordinator node, for the dashboard that follows it from the submitting process: does each
 * {@link RunControl.Request} on the run's {@link LiveRun} (the calls a one-JVM dashboard makes, made where the clock
 * is) and answers it once the clock took it; keeps the clock's latest time and what the submitter was last told of it.
 * Used by its {@link RunAttempt}, on the attempt's thread.
 */
final class ControlledRun {
    private final RunCoordinator.Submit submit;
    private LiveRun live;
    private long latest = -1;
    private long sent = -1;

    ControlledRun(RunCoordinator.Submit submit) {
        this.submit = submit;
    }

    /** The run is built: controls act on {@code run}; a watching submitter is told, and {@code times} hears its clock. */
    void attached(LiveRun run, LongConsumer times) {
        live = run;
        if (submit.watched()) {
            run.watchTime(times);
            submit.submitter().tell(new RunSubmitter.Live(submit.runId(), submit.attempt()));
        }
    }

    /** Notes the clock's {@code time}; whether it is new to the submitter. */
    boolean timeNow(long time) {
        latest = Math.max(latest, time);
        return submit.watched() && latest > sent;
    }

    /** Tells the submitter the clock's latest time, if it is new to it. */
    void sendTime() {
        if (latest > sent) {
            sent = latest;
            submit.submitter().tell(new RunSubmitter.ClockAt(submit.runId(), submit.attempt(), latest));
        }
    }

    /** Does {@code request} on the run and answers it (at once when the run is not built yet). */
    void handle(RunControl.Request request) {
        if (live == null) {
            answer(request, -1, "the run is still being prepared on its coordinator node (clients, trainers):"
                    + " simulated time has not started");
            return;
        }
        RunControl control = request.control();
        CompletionStage<Long> done;
        if (control instanceof RunControl.Apply a) {
            done = live.apply(a.action());
        } else if (control instanceof RunControl.StepRound) {
            done = live.stepRound();
        } else if (control instanceof RunControl.Speed s) {
            done = taken(() -> live.speed(s.speed()));
        } else if (control instanceof RunControl.Stop s) {
            done = taken(() -> live.stop(s.reason()));
        } else if (control instanceof RunControl.Pause) {
            done = taken(live::pause);
        } else if (control instanceof RunControl.Resume) {
            done = taken(live::resume);
        } else {
            done = taken(live::stepTime);
        }
        done.whenComplete((time, failure) -> answer(request, time == null ? -1 : time, failure == null ? null
                : "the run's clock did not answer: " + failure.getMessage()));
    }

    /** Does {@code command} to the clock, then asks its time: the answer comes once the clock took the command. */
    private CompletionStage<Long> taken(Runnable command) {
        command.run();
        return live.time();
    }

    private void answer(RunControl.Request request, long time, String error) {
        request.replyTo().tell(new RunSubmitter.ControlDone(submit.runId(), submit.attempt(), request.id(), time,
                error));
    }
}
