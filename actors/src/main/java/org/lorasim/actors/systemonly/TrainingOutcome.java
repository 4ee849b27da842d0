package org.lorasim.actors.systemonly;

import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * What a {@link LocalTrainer} returns for one job. A real outcome carries the trained {@code adapter}; a
 * synthetic one (from {@link CostModelTrainer}) carries only a compact {@code update} to apply to the job's
 * start adapter, and {@code synthetic = true}, which every output derived from it must show.
 *
 * @param synthetic          true when no model was trained (system-only mode)
 * @param adapter            the trained adapter; null exactly when {@code synthetic}
 * @param update             the synthetic change of the start adapter; non-null exactly when {@code synthetic}
 * @param stepLosses         one loss per step, non-empty (synthetic: from {@link SyntheticLossCurve})
 * @param examplesSeen       examples processed, counting repeats
 * @param tokens             token positions processed, padding included
 * @param flops              compute spent, from the FLOP model
 * @param computeSeconds     simulated compute time: {@code flops / device FLOP/s}; never measured wall time
 */
public record TrainingOutcome(boolean synthetic, Adapter adapter, SyntheticUpdate update, List<Double> stepLosses,
                              long examplesSeen, long tokens, long flops, double computeSeconds) {

    public TrainingOutcome {
        if (synthetic) {
            Checks.require(adapter == null && update != null,
                    "a synthetic outcome carries an update and no adapter");
        } else {
            Checks.require(adapter != null && update == null, "a real outcome carries an adapter and no update");
        }
        stepLosses = List.copyOf(Checks.nonEmpty("step losses", Objects.requireNonNull(stepLosses, "step losses")));
        Checks.require(examplesSeen >= 0 && tokens >= 0 && flops >= 0, "examplesSeen, tokens and flops must be >= 0, got "
                + examplesSeen + ", " + tokens + ", " + flops);
        Checks.nonNegative("compute seconds", computeSeconds);
    }

    /** The adapter after training: the trained one, or {@code start} plus the synthetic update. */
    public Adapter adapterFrom(Adapter start, SyntheticNoise noise) {
        return synthetic ? noise.materialise(start, update) : adapter;
    }

    /** {@code "synthetic"} or {@code "trained"}: the label every output line derived from this outcome carries. */
    public String label() {
        return synthetic ? "synthetic" : "trained";
    }

    public double meanLoss() {
        return stepLosses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    public double finalLoss() {
        return stepLosses.get(stepLosses.size() - 1);
    }
}
