package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.lorasim.policies.Checks;

/**
 * Conversions between the row-major float storage of adapters and EJML's double matrices. All
 * decompositions run in double precision; results go back to float only at the end.
 */
public final class Matrices {
    private Matrices() {
    }

    /** A {@code rows x cols} double matrix holding the row-major {@code values}. */
    public static DMatrixRMaj of(float[] values, int rows, int cols) {
        Checks.length("matrix " + rows + "x" + cols, values, (long) rows * cols);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        double[] d = m.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return m;
    }

    /** A {@code rows x cols} double matrix over the row-major {@code values} (copied). */
    public static DMatrixRMaj of(double[] values, int rows, int cols) {
        Checks.require(values.length == (long) rows * cols,
                "matrix " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + values.length);
        return new DMatrixRMaj(rows, cols, true, values);
    }

    /** The row-major values of {@code m} rounded to float. */
    public static float[] toFloats(DMatrixRMaj m) {
        int n = m.getNumElements();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) m.data[i];
        }
        return out;
    }

    /** Frobenius norm of {@code a - b}, for tests and error reports. */
    public static double frobeniusDistance(double[] a, double[] b) {
        Checks.require(a.length == b.length, "arrays differ in length: " + a.length + " vs " + b.length);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public static double frobeniusNorm(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
