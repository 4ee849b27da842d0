package org.lorasim.actors.systemonly;

import java.util.Objects;
import java.util.function.Function;
import org.lorasim.training.train.Trainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * The real DJL {@link Trainer} behind the {@link LocalTrainer} seam. The runtime supplies how a job becomes a
 * {@link TrainingRequest} (the client's shard, optimiser, proximal anchor, seed: things the cost model does not
 * need); the outcome's compute time is the trainer's counted FLOPs over the job's device speed, never the
 * measured wall time, so simulated time does not depend on the machine. Outcomes are not synthetic.
 */
public final class RealLocalTrainer implements LocalTrainer {
    private final Trainer trainer;
    private final Function<LocalTrainingJob, TrainingRequest> requests;

    /**
     * @param requests builds a job's request; it must start from {@code job.start()} and run the job's steps
     *                 or epochs and batch size
     */
    public RealLocalTrainer(Trainer trainer, Function<LocalTrainingJob, TrainingRequest> requests) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public boolean synthetic() {
        return false;
    }

    @Override
    public TrainingOutcome train(LocalTrainingJob job) {
        Objects.requireNonNull(job, "job");
        TrainingResult result = trainer.train(Objects.requireNonNull(requests.apply(job), "request of job " + job));
        return new TrainingOutcome(false, result.adapter(), null, result.stepLosses(), result.examplesSeen(),
                result.tokens(), result.flops(), result.flops() / job.flopsPerSecond());
    }
}
