package org.lorasim.actors.client;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.TrainingOutcome;

/**
 * FAKE local training for system-only runs: the {@link CostModelTrainer} makes the outcome at once (a seeded
 * synthetic update and loss, no model), and a {@link SyntheticTrained} is delivered at {@code now} plus the
 * job's FLOP-model duration. Every output of such a run is labelled synthetic.
 */
public final class CostModelTraining implements LocalTraining {
    private final CostModelTrainer trainer;
    private final TrainingDurations durations;

    public CostModelTraining(CostModelTrainer trainer, TrainingDurations durations) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.durations = Objects.requireNonNull(durations, "durations");
    }

    @Override
    public long start(TrainingJob job, long now, EventOutbox outbox, ActorRef<Clock.Delivered> target) {
        TrainingOutcome outcome = trainer.train(durations.costJob(job));
        long end = now + (long) Math.ceil(outcome.flops() / job.flopsPerSecond() * 1e9);
        outbox.deliver(end, target, new SyntheticTrained(job.clientId(), job.round(), outcome.update(),
                outcome.meanLoss(), outcome.examplesSeen(), outcome.flops()));
        return end;
    }

    @Override
    public boolean synthetic() {
        return true;
    }
}
