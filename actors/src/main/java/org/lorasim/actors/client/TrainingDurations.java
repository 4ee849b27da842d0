package org.lorasim.actors.client;

import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.LocalTrainingJob;
import java.util.function.ToLongFunction;

/**
 * Simulated compute time of a {@link TrainingJob}: its FLOPs from the training module's FLOP model, with every
 * sequence padded to {@code tokensPerExample} positions and batches of {@code min(batchSize, examples)}, over
 * the device's current speed, rounded up to whole nanoseconds: {@code ceil(flops / flopsPerSecond * 1e9)}.
 * Choice: the real trainer pads each batch to its longest sequence, so it may count fewer FLOPs than this
 * estimate; the estimate is used for both trainers because the completion time must be known before the
 * training starts (eager work, lazy results), and it keeps real and system-only runs on one time scale.
 * A decoder's FLOPs ({@link #decoder}) are {@code 6 N} per token with {@code N} its frozen parameter count
 * (forward 2N, backward 4N; Kaplan et al., arXiv:2001.08361), the figure its trainer reports.
 */
public final class TrainingDurations {
    private final ToLongFunction<LocalTrainingJob> flopCounter;
    private final int batchSize;
    private final int tokensPerExample;

    public TrainingDurations(CostModelTrainer flopCounter, int batchSize, int tokensPerExample) {
        this(flopCounter::flops, batchSize, tokensPerExample);
    }

    private TrainingDurations(ToLongFunction<LocalTrainingJob> flopCounter, int batchSize, int tokensPerExample) {
        this.flopCounter = flopCounter;
        this.batchSize = batchSize;
        this.tokensPerExample = tokensPerExample;
    }

    /** A decoder of {@code frozenParameters}: {@code 6 N} FLOPs per token of every example the job trains on. */
    public static TrainingDurations decoder(long frozenParameters, int batchSize, int tokensPerExample) {
        return new TrainingDurations(job -> Math.multiplyExact(Math.multiplyExact(6L, frozenParameters),
                Math.multiplyExact(job.examplesSeen(), (long) job.tokensPerExample())), batchSize, tokensPerExample);
    }

    /** The job in the cost model's terms. */
    public LocalTrainingJob costJob(TrainingJob job) {
        return new LocalTrainingJob(job.clientId(), job.round(), job.start(), job.numExamples(), job.steps(), 0,
                batchSize, tokensPerExample, job.flopsPerSecond());
    }

    public long flops(TrainingJob job) {
        return flopCounter.applyAsLong(costJob(job));
    }

    public long nanos(TrainingJob job) {
        return (long) Math.ceil(flops(job) / job.flopsPerSecond() * 1e9);
    }
}
