package org.lorasim.ui.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.scenario.ScenarioAction;

/**
 * What {@link Controls} does to the run being shown, wherever its clock is: in this JVM ({@link #of(LiveRun)}), or
 * on a cluster's coordinator node (the command line adapts the cluster's handle, so this module knows nothing of
 * the cluster). Each call completes once the run took it, with the clock's simulated time then when it knows it
 * (else -1), or exceptionally with the reason it could not be done, which the page is shown.
 */
public interface RunHandle {

    CompletionStage<Long> pause();

    CompletionStage<Long> resume();

    /** While paused, release the next simulated time and stay paused. */
    CompletionStage<Long> stepTime();

    /** Completes with the simulated time at which the clock paused at the next round's start; never if cancelled. */
    CompletionStage<Long> stepRound();

    CompletionStage<Long> speed(double speed);

    CompletionStage<Long> stop(String reason);

    /** Applies {@code action} at the next simulated nanosecond; completes with that time. */
    CompletionStage<Long> apply(ScenarioAction action);

    /** Tells {@code observer} the simulated times the clock moves to. */
    void watchTime(LongConsumer observer);

    /** The run in this JVM: every call is a message to its clock, taken in order. */
    static RunHandle of(LiveRun live) {
        CompletionStage<Long> told = CompletableFuture.completedFuture(-1L);
        return new RunHandle() {
            @Override
            public CompletionStage<Long> pause() {
                live.pause();
                return told;
            }

            @Override
            public CompletionStage<Long> resume() {
                live.resume();
                return told;
            }

            @Override
            public CompletionStage<Long> stepTime() {
                live.stepTime();
                return told;
            }

            @Override
            public CompletionStage<Long> stepRound() {
                return live.stepRound();
            }

            @Override
            public CompletionStage<Long> speed(double speed) {
                live.speed(speed);
                return told;
            }

            @Override
            public CompletionStage<Long> stop(String reason) {
                live.stop(reason);
                return told;
            }

            @Override
            public CompletionStage<Long> apply(ScenarioAction action) {
                return live.apply(action);
            }

            @Override
            public void watchTime(LongConsumer observer) {
                live.watchTime(observer);
            }
        };
    }
}
