package org.lorasim.actors.systemonly;

import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * A synthetic training-loss curve for system-only runs (no model is trained, so there is no real loss):
 * <pre>
 *   loss_t = max(0, floor + (start - floor) exp(-t / tau) + noise * N(0, 1))
 * </pre>
 * where {@code t} counts steps of progress. The {@link CostModelTrainer} takes
 * {@code t = round * stepsOfTheJob + step}, so the curve falls with the rounds of the run whether or not a
 * given client took part (the global model is what improves). The expectation decreases in {@code t}
 * (apart from the clamp at 0, which only matters when {@code noise} is comparable to {@code floor}).
 * Defaults ({@link #DEFAULT}): start {@code ln 2 = 0.693} (binary cross-entropy at chance), floor 0.25,
 * tau 200 steps, noise 0.02. These numbers mimic the shape of a fine-tuning curve, not any measured run.
 *
 * @param start loss at {@code t = 0}, finite, {@code >= floor}
 * @param floor asymptote, finite, {@code >= 0}
 * @param tau   decay constant in steps, {@code > 0}
 * @param noise standard deviation of the additive noise, {@code >= 0}
 */
public record SyntheticLossCurve(double start, double floor, double tau, double noise) {

    public static final SyntheticLossCurve DEFAULT = new SyntheticLossCurve(Math.log(2), 0.25, 200, 0.02);

    public SyntheticLossCurve {
        Checks.nonNegative("loss floor", floor);
        Checks.finite("loss start", start);
        Checks.require(start >= floor, "loss start (" + start + ") must be >= loss floor (" + floor + ")");
        Checks.positive("loss tau", tau);
        Checks.nonNegative("loss noise", noise);
    }

    /** The noise-free loss at progress {@code t}. */
    public double expected(double t) {
        return floor + (start - floor) * Math.exp(-t / tau);
    }

    /** {@code steps} losses at progress {@code firstStep, firstStep + 1, ...}, noise drawn from {@code random}. */
    public double[] sample(long firstStep, int steps, RandomGenerator random) {
        Checks.require(firstStep >= 0, "first step must be >= 0, got " + firstStep);
        Checks.positive("steps", steps);
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) {
            double value = expected(firstStep + s);
            if (noise > 0) {
                value += noise * random.nextGaussian();
            }
            out[s] = Math.max(0, value);
        }
        return out;
    }
}
