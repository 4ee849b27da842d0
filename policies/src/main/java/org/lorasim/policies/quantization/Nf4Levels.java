package org.lorasim.policies.quantization;

/**
 * The 16 NormalFloat4 levels of QLoRA (Dettmers, Pagnoni, Holtzman and Zettlemoyer, "QLoRA: Efficient
 * Finetuning of Quantized LLMs", arXiv 2305.14314), copied from bitsandbytes' NF4 code table: quantiles of
 * a standard normal distribution rescaled to [-1, 1], with an exact zero. A block of weights is divided by
 * its absmax and every entry is coded as the index (0..15, ascending) of a level.
 */
public final class Nf4Levels {
    private static final float[] LEVELS = {
        -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
        -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
    };

    /** Decision thresholds: {@code MIDPOINTS[i]} lies halfway between levels i and i+1. */
    private static final double[] MIDPOINTS = new double[LEVELS.length - 1];

    /** Half of the largest gap between adjacent levels: the worst-case error of nearest coding, per unit absmax. */
    public static final double MAX_HALF_GAP;

    static {
        double worst = 0;
        for (int i = 0; i < MIDPOINTS.length; i++) {
            MIDPOINTS[i] = ((double) LEVELS[i] + LEVELS[i + 1]) / 2;
            worst = Math.max(worst, ((double) LEVELS[i + 1] - LEVELS[i]) / 2);
        }
        MAX_HALF_GAP = worst;
    }

    /** Index of the level that stands for exact zero. */
    public static final int ZERO_CODE = 7;

    private Nf4Levels() {
    }

    public static int count() {
        return LEVELS.length;
    }

    /** Level of code {@code code} (0..15). */
    public static float level(int code) {
        return LEVELS[code];
    }

    /** A copy of the 16 levels, ascending. */
    public static float[] levels() {
        return LEVELS.clone();
    }

    /**
     * Code of the level nearest to {@code v} (expected in [-1, 1]; values outside go to the end levels).
     * A value exactly halfway between two levels takes the lower one.
     */
    public static int nearest(double v) {
        int lo = 0;
        int hi = MIDPOINTS.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v > MIDPOINTS[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Code of the highest level {@code <= v}, clamped to 0..14 so that {@code floorCode(v) + 1} is always a
     * level: the lower end of the interval that stochastic rounding chooses from.
     */
    public static int floorCode(double v) {
        int code = 0;
        while (code < LEVELS.length - 2 && LEVELS[code + 1] <= v) {
            code++;
        }
        return code;
    }
}
