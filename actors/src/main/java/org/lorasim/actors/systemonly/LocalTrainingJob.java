package org.lorasim.actors.systemonly;

import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * One client's local training job as the runtime sees it: what to start from, how much work, and the
 * device it runs on. Both trainers read it; the real one also looks up the client's examples and optimiser
 * settings (see {@link RealLocalTrainer}), the cost model needs nothing else.
 *
 * <p>The work follows the real {@code Trainer}'s batching: a step takes {@code min(batchSize, examples)}
 * examples, except the last step of each pass over the shard, which takes what is left; with
 * {@code epochs > 0} there are {@code epochs * ceil(examples / batch)} steps. Every sequence is counted as
 * padded to {@code tokensPerExample} positions.
 *
 * @param clientId         the client, {@code >= 0}
 * @param round            the round (or gossip iteration), {@code >= 0}
 * @param start            the adapter the client starts from (shared by reference, never changed)
 * @param examples         examples in the client's shard, {@code > 0}
 * @param steps            mini-batch steps, or 0 when {@code epochs} is given
 * @param epochs           passes over the shard, or 0 when {@code steps} is given
 * @param batchSize        examples per step, {@code > 0}
 * @param tokensPerExample padded sequence length, {@code > 0}
 * @param flopsPerSecond   the client device's sustained compute speed, {@code > 0}
 */
public record LocalTrainingJob(long clientId, int round, Adapter start, int examples, int steps, int epochs,
                               int batchSize, int tokensPerExample, double flopsPerSecond) {

    public LocalTrainingJob {
        Checks.require(clientId >= 0, "client id must be >= 0, got " + clientId);
        Checks.nonNegative("round", round);
        Objects.requireNonNull(start, "start adapter");
        Checks.require(start.parameterCount() > 0, "start adapter is empty: it has no LoRA matrix and no dense tensor");
        Checks.positive("examples", examples);
        Checks.nonNegative("steps", steps);
        Checks.nonNegative("epochs", epochs);
        Checks.require((steps > 0) != (epochs > 0), "exactly one of steps and epochs must be > 0, got steps="
                + steps + ", epochs=" + epochs);
        Checks.positive("batch size", batchSize);
        Checks.positive("tokens per example", tokensPerExample);
        Checks.require(flopsPerSecond > 0 && Double.isFinite(flopsPerSecond),
                "compute speed (flopsPerSecond) must be finite and > 0, got " + flopsPerSecond);
    }

    /** Examples per full step: the batch size capped at the shard size. */
    public int effectiveBatch() {
        return Math.min(batchSize, examples);
    }

    /** Steps in one pass over the shard: {@code ceil(examples / effectiveBatch)}. */
    public int stepsPerPass() {
        int b = effectiveBatch();
        return (examples + b - 1) / b;
    }

    /** Steps this job runs. */
    public int totalSteps() {
        return steps > 0 ? steps : Math.multiplyExact(epochs, stepsPerPass());
    }

    /** Examples in the last step of a pass (equal to {@link #effectiveBatch()} when the shard divides evenly). */
    public int lastBatchOfPass() {
        return examples - (stepsPerPass() - 1) * effectiveBatch();
    }

    /** Examples processed over all steps, counting repeats. */
    public long examplesSeen() {
        long s = totalSteps();
        long partial = s / stepsPerPass();
        return (s - partial) * effectiveBatch() + partial * lastBatchOfPass();
    }
}
