package org.lorasim.training.train;

import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * What one {@link TrainingRequest} produced.
 *
 * @param adapter      the trained adapter, in the request adapter's layout
 * @param stepLosses   the mean cross-entropy of each step's batch, before that step's update (task loss only,
 *                     without the proximal term)
 * @param examplesSeen examples processed, counting repeats over epochs
 * @param tokens       token positions processed, padding included ({@code sum batch x padded length})
 * @param flops        compute spent by {@link FlopModel#trainingFlops} summed over the steps
 * @param wallMillis   wall-clock time of the request on this machine (tokenising, forward, backward, updates);
 *                     a measurement, never an input to simulated time
 */
public record TrainingResult(Adapter adapter, List<Double> stepLosses, long examplesSeen, long tokens, long flops,
                             long wallMillis) {

    public TrainingResult {
        Objects.requireNonNull(adapter, "adapter");
        stepLosses = List.copyOf(Checks.nonEmpty("step losses", stepLosses));
    }

    public int steps() {
        return stepLosses.size();
    }

    /** Mean of the step losses. */
    public double meanLoss() {
        return stepLosses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The last step's batch loss. */
    public double finalLoss() {
        return stepLosses.get(stepLosses.size() - 1);
    }

    /** Mean loss of the first {@code n} steps (all of them when fewer). */
    public double meanLossOfFirst(int n) {
        Checks.positive("n", n);
        return stepLosses.subList(0, Math.min(n, stepLosses.size())).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
    }

    /** Mean loss of the last {@code n} steps (all of them when fewer). */
    public double meanLossOfLast(int n) {
        Checks.positive("n", n);
        return stepLosses.subList(Math.max(0, stepLosses.size() - n), stepLosses.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Wall milliseconds per step. */
    public double millisPerStep() {
        return (double) wallMillis / steps();
    }
}
