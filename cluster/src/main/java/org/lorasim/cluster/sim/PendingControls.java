package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.scenario.ScenarioScript;

/**
 * The dashboard's controls a {@link RunSubmitter} sent to the attempt running now and not yet answered, and what a
 * next attempt must know of those answered: whether the run is paused, and the scenario actions applied (as timed
 * events, at the simulated times they applied). A pause or resume cancels the round steps still pending, as in one
 * JVM. A plain single-threaded class, owned by the submitter's actor.
 */
final class PendingControls {
    private final Map<Long, CompletableFuture<Long>> waiting = new HashMap<>();
    private final Set<Long> roundSteps = new HashSet<>();
    private final Map<Long, ScenarioAction> actions = new HashMap<>();
    private final List<String> applied = new ArrayList<>();
    private boolean paused;
    private long ids;

    /** @param paused whether the run starts paused */
    PendingControls(boolean paused) {
        this.paused = paused;
    }

    /** Takes {@code control}, to be answered through {@code done}; returns its id for {@link RunControl.Request}. */
    long sent(RunControl control, CompletableFuture<Long> done) {
        long id = ids++;
        if (control instanceof RunControl.Pause || control instanceof RunControl.Resume) {
            paused = control instanceof RunControl.Pause;
            roundSteps.forEach(waiting::remove);
            roundSteps.clear();
        } else if (control instanceof RunControl.StepRound) {
            paused = false;
            roundSteps.add(id);
        } else if (control instanceof RunControl.Apply apply) {
            actions.put(id, apply.action());
        }
        waiting.put(id, done);
        return id;
    }

    /** Control {@code id} was answered: at simulated time {@code time}, or refused for {@code error} (null if not). */
    void answered(long id, long time, String error) {
        CompletableFuture<Long> done = waiting.remove(id);
        if (roundSteps.remove(id) && error == null) {
            paused = true;
        }
        ScenarioAction action = actions.remove(id);
        if (action != null && error == null) {
            applied.add(ScenarioScript.event(time, action));
        }
        if (done != null) {
            if (error != null) {
                done.completeExceptionally(new IllegalStateException(error));
            } else {
                done.complete(time);
            }
        }
    }

    /** Every control still waiting for an answer fails with {@code reason}. */
    void failAll(String reason) {
        waiting.values().forEach(c -> c.completeExceptionally(new IllegalStateException(reason)));
        waiting.clear();
        roundSteps.clear();
        actions.clear();
    }

    boolean paused() {
        return paused;
    }

    /** The scenario actions applied so far, as timed scenario events. */
    List<String> applied() {
        return List.copyOf(applied);
    }
}
