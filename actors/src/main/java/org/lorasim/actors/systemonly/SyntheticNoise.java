package org.lorasim.actors.systemonly;

import java.util.SplittableRandom;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * The noise behind every {@link SyntheticUpdate}: one pool of {@code 2^k} standard Gaussians drawn once from
 * {@code poolSeed}, and for each update a window into it. Update {@code (seed, scale)} changes value
 * {@code i} of the adapter's flat layout ({@code Adapter.flatten()}: every LoRA {@code A} then {@code B},
 * then the dense tensors, so ranks and shapes are kept) by
 * <pre>
 *   delta_i = sign * scale * pool[(offset + i) mod 2^k]      offset, sign drawn from a SplittableRandom(seed)
 * </pre>
 * Why a pool: drawing 74,000 fresh Gaussians per training costs about a millisecond, 100 s for the 100,000
 * trainings of the system-only benchmark; a window costs one pass of additions, and an update needs no
 * storage beyond its seed. The price, acceptable for a fake: two updates are shifted windows of the same
 * numbers rather than independent draws (their values at the same index are still uncorrelated unless the
 * offsets coincide, probability {@code 2^-k} per pair). Every value is exactly reproducible from
 * {@code (poolSeed, poolBits, seed, scale)} in any JVM. An adapter longer than the pool (MiniLM at rank 256 on
 * all six targets has 10.6 million values) reads the pool cyclically: its values {@code 2^k} apart repeat,
 * which a fake may do; the run's byte counts and timings never depend on the values.
 */
public final class SyntheticNoise {
    /** {@code 2^22} values (16 MB): four times a 1M-value adapter, MiniLM up to rank 64 without repeats. */
    public static final int DEFAULT_POOL_BITS = 22;

    private final float[] pool;
    private final int mask;

    /** @param poolBits the pool holds {@code 2^poolBits} values, {@code poolBits} in [4, 28] */
    public SyntheticNoise(long poolSeed, int poolBits) {
        Checks.require(poolBits >= 4 && poolBits <= 28, "pool bits must be in [4, 28], got " + poolBits);
        pool = new float[1 << poolBits];
        mask = pool.length - 1;
        SplittableRandom random = new SplittableRandom(poolSeed);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (float) random.nextGaussian();
        }
    }

    public SyntheticNoise(long poolSeed) {
        this(poolSeed, DEFAULT_POOL_BITS);
    }

    public int poolSize() {
        return pool.length;
    }

    /** {@code start} plus the update, as a new adapter of {@code start}'s layout ({@code start} is unchanged). */
    public Adapter materialise(Adapter start, SyntheticUpdate update) {
        float[] flat = start.flatten();
        requireFits(flat.length);
        double[] delta = new double[flat.length];
        addTo(delta, update, 1);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) (flat[i] + delta[i]);
        }
        return start.withFlat(flat);
    }

    /** Adds {@code weight * delta(update)} to {@code sum}, the flat layout of an adapter. */
    public void addTo(double[] sum, SyntheticUpdate update, double weight) {
        requireFits(sum.length);
        SplittableRandom window = new SplittableRandom(update.seed());
        int offset = window.nextInt(pool.length);
        double c = (window.nextBoolean() ? 1 : -1) * update.scale() * weight;
        if (c == 0) {
            return;
        }
        int i = 0;
        int from = offset;
        while (i < sum.length) {
            int run = Math.min(sum.length - i, pool.length - from);
            for (int j = 0; j < run; j++) {
                sum[i + j] += c * pool[from + j];
            }
            i += run;
            from = 0;
        }
    }

    private static void requireFits(int values) {
        Checks.require(values > 0, "adapter is empty: it has no values to perturb");
    }
}
