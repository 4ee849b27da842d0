package org.lorasim.cluster.sim;

import org.lorasim.actors.run.LiveRun;

/**
 * Whether a {@link RunAttempt}'s run must stop because its submitter was lost, whichever comes first: the loss or
 * the run's {@link LiveRun} (handed over on the run's own thread once its graph is built). Thread-safe.
 */
final class SubmitterLoss {
    private LiveRun live;
    private String lostFor;
    private boolean ended;

    /** The run can be stopped from now on; stops it at once if its submitter is already lost. */
    synchronized void attached(LiveRun run) {
        live = run;
        if (lostFor != null) {
            run.stop(lostFor);
        }
    }

    /** The run ended (finished, failed or stopped): a later loss stops nothing. */
    synchronized void ended() {
        ended = true;
    }

    /** The submitter is lost for {@code reason}; returns whether that stops a run that had not ended. */
    synchronized boolean lost(String reason) {
        if (ended || lostFor != null) {
            return false;
        }
        lostFor = reason;
        if (live != null) {
            live.stop(reason);
        }
        return true;
    }
}
