package org.lorasim.policies.privacy;

import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * Per-update L2 clipping (McMahan, Ramage, Talwar and Zhang, "Learning Differentially Private Recurrent
 * Language Models", arXiv 1710.06963): the update {@code delta = theta - theta_global}, taken over the
 * whole flattened adapter (every LoRA factor and dense tensor together), is scaled to
 * {@code delta * min(1, C / ||delta||_2)}, and the clipped adapter is {@code theta_global + delta'}.
 *
 * <p>The clipped adapter is stored in float32, and rounding {@code theta_global + delta'} to float can
 * lengthen {@code delta'} by a few ulps. Since the privacy argument needs the bound on what is actually
 * sent, the scale is shrunk further (a few attempts, each by the measured excess plus a margin) until the
 * realised float update's norm, measured in double, is {@code <= C}. An update already within the bound
 * is returned as it is, untouched.
 */
public final class UpdateClipping {
    private static final int MAX_SHRINKS = 64;

    private UpdateClipping() {
    }

    /** {@code ||theta - theta_global||_2} over the flattened adapters, in double precision. */
    public static double l2Norm(Adapter global, Adapter update) {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(update, "update");
        global.requireSameLayout(update, "update");
        return Math.sqrt(squaredDistance(global.flatten(), update.flatten()));
    }

    /**
     * {@code theta_global + delta * min(1, C / ||delta||)} with {@code delta = update - global}.
     *
     * @throws IllegalArgumentException if {@code clipNorm} is not finite and positive, the layouts differ,
     *                                  or the update holds a NaN or infinite value
     */
    public static Adapter clip(Adapter global, Adapter update, double clipNorm) {
        Checks.positive("clip norm C", clipNorm);
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(update, "update");
        global.requireSameLayout(update, "update");
        float[] g = global.flatten();
        float[] x = Checks.allFinite("update flat vector", update.flatten());
        double norm = Math.sqrt(squaredDistance(g, x));
        if (norm <= clipNorm) {
            return update;
        }
        double factor = clipNorm / norm;
        float[] out = new float[g.length];
        for (int attempt = 0; attempt < MAX_SHRINKS; attempt++) {
            for (int j = 0; j < g.length; j++) {
                out[j] = (float) (g[j] + factor * ((double) x[j] - g[j]));
            }
            double realised = Math.sqrt(squaredDistance(out, g));
            if (realised <= clipNorm) {
                return global.withFlat(out);
            }
            factor *= (clipNorm / realised) * (1 - 1e-7 * (1L << Math.min(attempt, 20)));
        }
        return global;
    }

    static double squaredDistance(float[] x, float[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return sum;
    }
}
