package org.lorasim.policies.annealing;

/**
 * How a real-valued rank budget becomes an integer rank. SA-FedLoRA (Yang et al., arXiv 2405.09394 v1)
 * does not say (UNVERIFIED); AdaLoRA's implementation in PEFT truncates ({@code int(budget)}, i.e.
 * {@link #FLOOR} for positive budgets).
 */
public enum RankRounding {
    /** {@code floor(x + 0.5)}: 2.5 -> 3. The default of {@link AnnealedRankSchedule}. */
    HALF_UP {
        @Override
        public long round(double x) {
            return (long) Math.floor(x + 0.5);
        }
    },
    /** {@code floor(x)}, as AdaLoRA in PEFT. */
    FLOOR {
        @Override
        public long round(double x) {
            return (long) Math.floor(x);
        }
    },
    /** {@code ceil(x)}: never below the budget. */
    CEIL {
        @Override
        public long round(double x) {
            return (long) Math.ceil(x);
        }
    };

    public abstract long round(double x);
}
