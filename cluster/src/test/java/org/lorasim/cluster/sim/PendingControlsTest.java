package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.scenario.ScenarioAction;

/** The dashboard's controls in flight on a cluster run, and what a next attempt takes over from them. */
class PendingControlsTest {

    @Test
    void aRoundStepPausesOnceAnsweredAndAPauseCancelsTheStepsStillPending() {
        // Setup
        PendingControls controls = new PendingControls(true);
        CompletableFuture<Long> firstStep = new CompletableFuture<>();
        CompletableFuture<Long> secondStep = new CompletableFuture<>();
        CompletableFuture<Long> pause = new CompletableFuture<>();

        // Execute
        long first = controls.sent(new RunControl.StepRound(), firstStep);
        boolean pausedWhileStepping = controls.paused();
        controls.answered(first, 50, null);
        boolean pausedAfterStep = controls.paused();
        long second = controls.sent(new RunControl.StepRound(), secondStep);
        long paused = controls.sent(new RunControl.Pause(), pause);
        controls.answered(second, 90, null);
        controls.answered(paused, 70, null);

        // Verify
        assertThat(pausedWhileStepping).isFalse();
        assertThat(pausedAfterStep).isTrue();
        assertThat(firstStep).isCompletedWithValue(50L);
        assertThat(secondStep).as("cancelled by the pause: never answered").isNotDone();
        assertThat(pause).isCompletedWithValue(70L);
        assertThat(controls.paused()).isTrue();
        assertThat(List.of(first, second, paused)).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheActionsAppliedBecomeTimedEventsAndARefusalFailsItsControl() {
        // Setup
        PendingControls controls = new PendingControls(false);
        CompletableFuture<Long> crash = new CompletableFuture<>();
        CompletableFuture<Long> refused = new CompletableFuture<>();
        CompletableFuture<Long> lost = new CompletableFuture<>();

        // Execute
        long crashId = controls.sent(new RunControl.Apply(new ScenarioAction.CrashClients(List.of(2), false, 0)), crash);
        long refusedId = controls.sent(new RunControl.Apply(new ScenarioAction.CrashClients(List.of(9), false, 0)),
                refused);
        controls.sent(new RunControl.Resume(), lost);
        controls.answered(crashId, 1, null);
        controls.answered(refusedId, -1, "no client 9");
        controls.failAll("node lost");

        // Verify
        assertThat(crash).isCompletedWithValue(1L);
        assertThat(refused).isCompletedExceptionally();
        assertThat(lost).isCompletedExceptionally();
        assertThat(controls.applied()).containsExactly("{ at-time = 1ns, action = crash, clients = [2], lose-state = false }");
        assertThat(controls.paused()).isFalse();
    }
}
