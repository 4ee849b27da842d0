package org.lorasim.policies.annealing;

import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * The regulariser of SA-FedLoRA's initiating stage (Yang, Liu, Gao, Xu, Wang, arXiv 2405.09394 v1):
 * during the first {@code T_init} rounds each client adds a penalty that keeps its parameters near the
 * global ones, "to curb client drift". The paper's formula and coefficient are UNVERIFIED; we use the
 * FedProx form (Li et al., arXiv 1812.06127), the natural reading:
 * <pre>
 *   value    = mu / 2 * ||theta - theta_global||_2^2
 *   gradient = mu * (theta - theta_global)
 * </pre>
 * over the flattened parameters ({@link Adapter#flatten()}, or any flat vector, e.g. a whole model if the
 * initiating stage trains more than the adapter, as one secondary source says). Rounds are 0-based: the
 * term is active in rounds {@code 0 .. T_init - 1} and is exactly zero (value and gradient) from round
 * {@code T_init} on. Sums in double; the gradient is rounded to float once per entry.
 */
public final class ProximalTerm {
    private final double mu;
    private final int initiatingRounds;

    /**
     * @param mu               the coefficient, finite and {@code >= 0}
     * @param initiatingRounds {@code T_init}, the number of rounds the term is active, {@code >= 0}
     */
    public ProximalTerm(double mu, int initiatingRounds) {
        this.mu = Checks.nonNegative("mu", mu);
        this.initiatingRounds = Checks.nonNegative("initiatingRounds", initiatingRounds);
    }

    public double mu() {
        return mu;
    }

    public int initiatingRounds() {
        return initiatingRounds;
    }

    /** Whether round {@code round} (0-based) is in the initiating stage, {@code round < T_init}. */
    public boolean isActive(int round) {
        return Checks.nonNegative("round", round) < initiatingRounds;
    }

    /** {@code mu} in the initiating stage, 0 after it. */
    public double muAt(int round) {
        return isActive(round) ? mu : 0;
    }

    /** {@code muAt(round) / 2 * ||theta - global||^2} over the flattened adapters. */
    public double value(int round, Adapter theta, Adapter global) {
        requireSameLayout(theta, global);
        return value(round, theta.flatten(), global.flatten());
    }

    /** {@code muAt(round) * (theta - global)} in the layout of {@link Adapter#flatten()}. */
    public float[] gradient(int round, Adapter theta, Adapter global) {
        requireSameLayout(theta, global);
        return gradient(round, theta.flatten(), global.flatten());
    }

    /** {@code muAt(round) / 2 * ||theta - global||^2} over flat vectors of equal length. */
    public double value(int round, float[] theta, float[] global) {
        checkLengths(theta, global);
        double m = muAt(round);
        if (m == 0) {
            return 0;
        }
        double sum = 0;
        for (int k = 0; k < theta.length; k++) {
            double d = (double) theta[k] - global[k];
            sum += d * d;
        }
        return 0.5 * m * sum;
    }

    /** {@code muAt(round) * (theta - global)} over flat vectors of equal length; zeros after the initiating stage. */
    public float[] gradient(int round, float[] theta, float[] global) {
        checkLengths(theta, global);
        double m = muAt(round);
        float[] g = new float[theta.length];
        if (m == 0) {
            return g;
        }
        for (int k = 0; k < theta.length; k++) {
            g[k] = (float) (m * ((double) theta[k] - global[k]));
        }
        return g;
    }

    private static void requireSameLayout(Adapter theta, Adapter global) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(global, "global adapter");
        global.requireSameLayout(theta, "client adapter theta");
    }

    private static void checkLengths(float[] theta, float[] global) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(global, "global");
        Checks.length("theta (vs the global vector)", theta, global.length);
    }

    @Override
    public String toString() {
        return "ProximalTerm[mu=" + mu + ", initiatingRounds=" + initiatingRounds + "]";
    }
}
