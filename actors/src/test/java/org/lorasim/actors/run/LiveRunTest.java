package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.scenario.ScenarioScript;

class LiveRunTest {

    private static final String SMALL = "lorasim.rounds.clients-per-round = 6\n";

    @Test
    void anActionAppliedLiveReplaysExactlyAsAScriptedEventAtItsTime() {
        AtomicLong appliedAt = new AtomicLong(-1);
        RecordingListener live = new RecordingListener();
        ScenarioAction crash = new ScenarioAction.CrashClients(List.of(2, 5), false, 400_000_000L);
        Simulation.run(Scenarios.systemOnly(8, 4, SMALL), live, null, org.lorasim.actors.trainer.TrainingHook.NONE,
                run -> appliedAt.set(run.apply(crash).toCompletableFuture().join()));
        assertThat(appliedAt.get()).isEqualTo(1);

        RecordingListener scripted = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(8, 4, SMALL + "lorasim.scenario.events = ["
                + ScenarioScript.event(appliedAt.get(), crash) + "]"), scripted, null);

        assertThat(live.summary.finished()).isTrue();
        assertThat(live.deterministicRounds()).isEqualTo(scripted.deterministicRounds());
        assertThat(live.events).isEqualTo(scripted.events);
        assertThat(live.eventKinds()).contains("scenario-crash", "client-crashed", "client-recovered");
    }

    @Test
    void pausingSteppingATimeAndARoundAndChangingSpeedLeaveTheRecordsAsTheyWere() {
        RecordingListener plain = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(8, 4, SMALL), plain, null);

        AtomicReference<LiveRun> handle = new AtomicReference<>();
        List<Long> stops = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        RecordingListener paused = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(8, 4, SMALL), paused, null, org.lorasim.actors.trainer.TrainingHook.NONE,
                run -> {
                    handle.set(run);
                    run.stepRound().thenCompose(round1 -> {
                        stops.add(round1);
                        return run.stepRound();
                    }).thenCompose(round2 -> {
                        stops.add(round2);
                        run.stepTime();
                        run.stepTime();
                        run.speed(3.0);
                        return run.stepRound();
                    }).thenAccept(round3 -> {
                        stops.add(round3);
                        run.resume();
                    });
                });

        assertThat(paused.summary.finished()).isTrue();
        assertThat(paused.deterministicRounds()).isEqualTo(plain.deterministicRounds());
        assertThat(handle.get().graph().links()).hasSize(16);
        // round 0 begins with simulated time, before the first stop is armed: the stops are rounds 1, 2 and 3
        assertThat(stops).as("the clock paused where rounds 1, 2 and 3 began").containsExactly(
                plain.rounds.get(0).simTimeNanos(), plain.rounds.get(1).simTimeNanos(), plain.rounds.get(2).simTimeNanos());
        assertThat(handle.get().graph().aggregator()).isTrue();
    }
}
