package org.lorasim.policies.adapter;

import java.util.Arrays;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * The LoRA factors of one target matrix {@code W} (out x in): {@code A} (rank x in) and {@code B}
 * (out x rank), both row-major floats, and the scaling {@code s} so that the adapted weight is
 * {@code W + s B A} (Hu et al., arXiv 2106.09685).
 *
 * <p>The arrays are owned by this value: constructors check their shapes but do not copy them, and the
 * accessors return them as they are. Treat them as read-only; {@link #copy()} gives an independent one.
 */
public record LoraFactors(int rank, int inFeatures, int outFeatures, float[] a, float[] b,
                          double alpha, LoraScaling scaling) {

    public LoraFactors {
        Checks.positive("rank", rank);
        Checks.positive("inFeatures", inFeatures);
        Checks.positive("outFeatures", outFeatures);
        Checks.length("A (rank x in)", a, (long) rank * inFeatures);
        Checks.length("B (out x rank)", b, (long) outFeatures * rank);
        Checks.finite("alpha", alpha);
        Objects.requireNonNull(scaling, "scaling");
    }

    /** Zero-filled factors of the given shape. */
    public static LoraFactors zeros(int rank, int inFeatures, int outFeatures, double alpha, LoraScaling scaling) {
        Checks.positive("rank", rank);
        Checks.positive("inFeatures", inFeatures);
        Checks.positive("outFeatures", outFeatures);
        return new LoraFactors(rank, inFeatures, outFeatures, new float[rank * inFeatures],
                new float[outFeatures * rank], alpha, scaling);
    }

    /** The factor {@code s} of {@code W + s B A}. */
    public double scale() {
        return scaling.factor(alpha, rank);
    }

    /** Number of trainable values: {@code r (in + out)}. */
    public long parameterCount() {
        return (long) a.length + b.length;
    }

    /** Exact payload size of both factors in float32: {@code 4 r (in + out)} bytes. */
    public long byteSize() {
        return Float.BYTES * parameterCount();
    }

    /** The full update {@code s B A} (out x in, row-major), in double precision. */
    public double[] product() {
        double s = scale();
        double[] dw = new double[outFeatures * inFeatures];
        for (int o = 0; o < outFeatures; o++) {
            int row = o * inFeatures;
            for (int k = 0; k < rank; k++) {
                double bok = s * b[o * rank + k];
                if (bok == 0) {
                    continue;
                }
                int aRow = k * inFeatures;
                for (int i = 0; i < inFeatures; i++) {
                    dw[row + i] += bok * a[aRow + i];
                }
            }
        }
        return dw;
    }

    /** The same matrix with new factors of the given rank; alpha and scaling are kept. */
    public LoraFactors withFactors(int newRank, float[] newA, float[] newB) {
        return new LoraFactors(newRank, inFeatures, outFeatures, newA, newB, alpha, scaling);
    }

    /** Whether {@code other} has this rank and matrix shape, so factors can be combined entry by entry. */
    public boolean sameShape(LoraFactors other) {
        return rank == other.rank && inFeatures == other.inFeatures && outFeatures == other.outFeatures;
    }

    public LoraFactors copy() {
        return new LoraFactors(rank, inFeatures, outFeatures, a.clone(), b.clone(), alpha, scaling);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoraFactors f && rank == f.rank && inFeatures == f.inFeatures
                && outFeatures == f.outFeatures && Double.compare(alpha, f.alpha) == 0
                && scaling == f.scaling && Arrays.equals(a, f.a) && Arrays.equals(b, f.b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rank, inFeatures, outFeatures, alpha, scaling, Arrays.hashCode(a), Arrays.hashCode(b));
    }

    @Override
    public String toString() {
        return "LoraFactors[r=" + rank + ", " + outFeatures + "x" + inFeatures + ", alpha=" + alpha + ", " + scaling + "]";
    }
}
