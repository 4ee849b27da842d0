package org.lorasim.actors.client;

import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.LocalTrainingJob;

/**
 * Simulated compute time of a {@link TrainingJob}: its FLOPs from the training module's FLOP model, with every
 * sequence padded to {@code tokensPerExample} positions and batches of {@code min(batchSize, examples)}, over
 * the device's current speed, rounded up to whole nanoseconds: {@code ceil(flops / flopsPerSecond * 1e9)}.
 * Choice: the real trainer pads each batch to its longest sequence, so it may count fewer FLOPs than this
 * estimate; the estimate is used for both trainers because the completion time must be known before the
 * training starts (eager work, lazy results), and it keeps real and system-only runs on one time scale.
 */
public final class TrainingDurations {
    private final CostModelTrainer flopCounter;
    private final int batchSize;
    private final int tokensPerExample;

    public TrainingDurations(CostModelTrainer flopCounter, int batchSize, int tokensPerExample) {
        this.flopCounter = flopCounter;
        this.batchSize = batchSize;
        this.tokensPerExample = tokensPerExample;
    }

    /** The job in the cost model's terms. */
    public LocalTrainingJob costJob(TrainingJob job) {
        return new LocalTrainingJob(job.clientId(), job.round(), job.start(), job.numExamples(), job.steps(), 0,
                batchSize, tokensPerExample, job.flopsPerSecond());
    }

    public long flops(TrainingJob job) {
        return flopCounter.flops(costJob(job));
    }

    public long nanos(TrainingJob job) {
        return (long) Math.ceil(flops(job) / job.flopsPerSecond() * 1e9);
    }
}
