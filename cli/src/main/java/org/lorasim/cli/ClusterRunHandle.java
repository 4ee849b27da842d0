package org.lorasim.cli;

import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.cluster.sim.RemoteRun;
import org.lorasim.ui.control.RunHandle;

/**
 * The dashboard's controls ({@link RunHandle}, module ui) on a run going on on a cluster ({@link RemoteRun}, module
 * cluster): the command line joins the two, since ui and cluster know nothing of each other.
 */
record ClusterRunHandle(RemoteRun remote) implements RunHandle {

    @Override
    public CompletionStage<Long> pause() {
        return remote.pause();
    }

    @Override
    public CompletionStage<Long> resume() {
        return remote.resume();
    }

    @Override
    public CompletionStage<Long> stepTime() {
        return remote.stepTime();
    }

    @Override
    public CompletionStage<Long> stepRound() {
        return remote.stepRound();
    }

    @Override
    public CompletionStage<Long> speed(double speed) {
        return remote.speed(speed);
    }

    @Override
    public CompletionStage<Long> stop(String reason) {
        return remote.stop(reason);
    }

    @Override
    public CompletionStage<Long> apply(ScenarioAction action) {
        return remote.apply(action);
    }

    @Override
    public void watchTime(LongConsumer observer) {
        remote.watchTime(observer);
    }
}
