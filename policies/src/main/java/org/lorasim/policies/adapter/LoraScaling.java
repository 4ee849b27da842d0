package org.lorasim.policies.adapter;

import org.lorasim.policies.Checks;

/**
 * How a LoRA update {@code B A} is scaled before it is added to the frozen weight.
 *
 * <ul>
 *   <li>{@link #STANDARD}: {@code s = alpha / r} (Hu et al., "LoRA", arXiv 2106.09685).</li>
 *   <li>{@link #RANK_STABILIZED}: {@code s = alpha / sqrt(r)} (Kalajdzievski, "rsLoRA",
 *       arXiv 2312.03732), which keeps the update's scale stable as the rank grows.</li>
 * </ul>
 */
public enum LoraScaling {
    STANDARD {
        @Override
        public double factor(double alpha, int rank) {
            Checks.positive("rank", rank);
            return Checks.finite("alpha", alpha) / rank;
        }
    },
    RANK_STABILIZED {
        @Override
        public double factor(double alpha, int rank) {
            Checks.positive("rank", rank);
            return Checks.finite("alpha", alpha) / Math.sqrt(rank);
        }
    };

    /** The factor {@code s} that multiplies {@code B A} for the given alpha and rank. */
    public abstract double factor(double alpha, int rank);
}
