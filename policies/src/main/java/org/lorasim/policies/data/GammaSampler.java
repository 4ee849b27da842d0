package org.lorasim.policies.data;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Gamma(shape, 1) and symmetric Dirichlet samples from a given generator.
 *
 * <p>Gamma uses Marsaglia and Tsang, "A Simple Method for Generating Gamma Variables", ACM TOMS 26(3),
 * 2000: for shape {@code a >= 1}, with {@code d = a - 1/3}, {@code c = 1 / sqrt(9 d)}, draw
 * {@code x ~ N(0,1)}, {@code v = (1 + c x)^3}, {@code u ~ U(0,1]} and accept {@code d v} when
 * {@code v > 0} and {@code u < 1 - 0.0331 x^4} or {@code log u < x^2/2 + d (1 - v + log v)}. For
 * {@code a < 1} the boost {@code Gamma(a) = Gamma(a + 1) * U^(1/a)} from the same paper.
 *
 * <p>Small shapes (Dirichlet alpha of 0.01 or less) make {@code U^(1/a)} underflow to 0, so the boost is
 * also offered in log space ({@link #logSample}); {@link #dirichlet} normalises log-gammas with the
 * log-sum-exp trick, so its proportions always sum to 1 and are never NaN.
 */
public final class GammaSampler {
    private GammaSampler() {
    }

    /** One draw of Gamma(shape, 1). */
    public static double sample(double shape, RandomGenerator rng) {
        Checks.positive("gamma shape", shape);
        Objects.requireNonNull(rng, "rng");
        if (shape >= 1) {
            return marsagliaTsang(shape, rng);
        }
        return marsagliaTsang(shape + 1, rng) * Math.pow(uniformOpenZero(rng), 1 / shape);
    }

    /** The logarithm of one draw of Gamma(shape, 1), without underflow for small shapes. */
    public static double logSample(double shape, RandomGenerator rng) {
        Checks.positive("gamma shape", shape);
        Objects.requireNonNull(rng, "rng");
        if (shape >= 1) {
            return Math.log(marsagliaTsang(shape, rng));
        }
        return Math.log(marsagliaTsang(shape + 1, rng)) + Math.log(uniformOpenZero(rng)) / shape;
    }

    /** Proportions {@code p ~ Dir(alpha, ..., alpha)} over {@code k} categories: {@code p_i = G_i / sum G}. */
    public static double[] dirichlet(double alpha, int k, RandomGenerator rng) {
        Checks.positive("Dirichlet alpha", alpha);
        Checks.positive("Dirichlet dimension", k);
        double[] logs = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            logs[i] = logSample(alpha, rng);
            max = Math.max(max, logs[i]);
        }
        double sum = 0;
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logs[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double marsagliaTsang(double shape, RandomGenerator rng) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rng.nextGaussian();
            double t = 1.0 + c * x;
            if (t <= 0) {
                continue;
            }
            double v = t * t * t;
            double u = uniformOpenZero(rng);
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Uniform on (0, 1], so its logarithm is finite. */
    private static double uniformOpenZero(RandomGenerator rng) {
        return 1.0 - rng.nextDouble();
    }
}
