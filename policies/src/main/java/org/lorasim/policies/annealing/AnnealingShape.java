package org.lorasim.policies.annealing;

/**
 * How a rank budget falls from {@code start} (heating) to {@code end} (cooling) as the annealing
 * progress {@code p} goes from 0 to 1. SA-FedLoRA (Yang, Liu, Gao, Xu, Wang, arXiv 2405.09394 v1) shrinks
 * the budget "step by step" but its schedule is UNVERIFIED; {@link #CUBIC} is AdaLoRA's (Zhang et al.,
 * arXiv 2303.10512), the others are the usual alternatives. Every shape is non-increasing in p for
 * {@code start >= end} and returns exactly {@code start} at p = 0 and {@code end} at p = 1.
 */
public enum AnnealingShape {
    /** AdaLoRA: {@code end + (start - end) (1 - p)^3}; falls fast early, slowly near the end. */
    CUBIC {
        @Override
        double between(double start, double end, double p) {
            double q = 1 - p;
            return end + (start - end) * q * q * q;
        }
    },
    /** {@code end + (start - end) (1 - p)}. */
    LINEAR {
        @Override
        double between(double start, double end, double p) {
            return end + (start - end) * (1 - p);
        }
    },
    /** {@code end + (start - end) (1 + cos(pi p)) / 2}; slow at both ends, fastest in the middle. */
    COSINE {
        @Override
        double between(double start, double end, double p) {
            return end + (start - end) * 0.5 * (1 + Math.cos(Math.PI * p));
        }
    },
    /**
     * Geometric interpolation {@code start (end / start)^p}: the budget shrinks by the same factor every
     * round, e.g. 64 to 2 over 5 steps halves it each step. Needs {@code start, end > 0}.
     */
    EXPONENTIAL {
        @Override
        double between(double start, double end, double p) {
            return start * Math.pow(end / start, p);
        }
    };

    /** The budget at progress {@code p}, clamped to [0, 1]; exact at both ends. */
    public double budget(double start, double end, double p) {
        if (!(p > 0)) {
            return start;
        }
        if (p >= 1) {
            return end;
        }
        return between(start, end, p);
    }

    abstract double between(double start, double end, double p);
}
