package org.lorasim.policies.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Householder reduction of a symmetric n x n matrix to tridiagonal form, {@code S = Q T Q^T} (Golub and Van
 * Loan, "Matrix Computations", 4th ed., Algorithm 8.3.1; reflectors as LAPACK's {@code dlarfg}). Step k
 * takes the reflector {@code H_k = I - tau_k v_k v_k^T} that zeroes column k below its subdiagonal and
 * updates the trailing block {@code A' = H_k A H_k} by the symmetric rank-2 update
 * <pre>
 *   p = tau A v,   w = p - (tau / 2)(p^T v) v,   A' = A - v w^T - w v^T
 * </pre>
 * on the lower triangle only (the matrix-vector product reads row i's part left of the diagonal once, as a
 * dot product for {@code p_i} and an update of {@code p_j}): 4/3 n^3 flops, half the memory traffic of an
 * update of the whole square, which is what bounds this O(n^2)-per-step loop. Deterministic: a fixed
 * summation order.
 *
 * <p>{@code Q = H_0 H_1 ... H_{n-3}} is kept as its reflectors; {@link #applyQ} multiplies a block of vectors
 * by it in {@code 2 n^2 c} flops for c columns, never forming Q.
 */
final class SymmetricTridiagonal {
    private final int n;
    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[][] reflectors;
    private final double[] taus;

    private SymmetricTridiagonal(int n, double[] diagonal, double[] offDiagonal, double[][] reflectors, double[] taus) {
        this.n = n;
        this.diagonal = diagonal;
        this.offDiagonal = offDiagonal;
        this.reflectors = reflectors;
        this.taus = taus;
    }

    /** The reduction of the symmetric {@code s} (only its lower triangle is read; {@code s} is not modified). */
    static SymmetricTridiagonal of(DMatrixRMaj s) {
        int n = s.numRows;
        double[] a = s.data.clone();
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[][] vs = new double[Math.max(n - 2, 0)][];
        double[] taus = new double[Math.max(n - 2, 0)];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int start = k + 1;
            int m = n - start;
            double[] v = new double[m];
            double sigma = 0;
            for (int i = 1; i < m; i++) {
                double x = a[(start + i) * n + k];
                v[i] = x;
                sigma += x * x;
            }
            double alpha = a[start * n + k];
            vs[k] = v;
            if (sigma == 0) {
                e[k] = alpha;
                continue;
            }
            double beta = -Math.copySign(Math.sqrt(alpha * alpha + sigma), alpha);
            double tau = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            v[0] = 1;
            for (int i = 1; i < m; i++) {
                v[i] *= scale;
            }
            taus[k] = tau;
            e[k] = beta;

            Arrays.fill(p, 0, m, 0);
            for (int i = 0; i < m; i++) {
                int row = (start + i) * n + start;
                double vi = v[i];
                double dot = 0;
                for (int j = 0; j < i; j++) {
                    double aij = a[row + j];
                    dot += aij * v[j];
                    p[j] += aij * vi;
                }
                p[i] += dot + a[row + i] * vi;
            }
            double pv = 0;
            for (int i = 0; i < m; i++) {
                p[i] *= tau;
                pv += p[i] * v[i];
            }
            double half = 0.5 * tau * pv;
            for (int i = 0; i < m; i++) {
                p[i] -= half * v[i];
            }
            for (int i = 0; i < m; i++) {
                int row = (start + i) * n + start;
                double vi = v[i];
                double wi = p[i];
                for (int j = 0; j <= i; j++) {
                    a[row + j] -= vi * p[j] + wi * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
        }
        if (n >= 2) {
            e[n - 2] = a[(n - 1) * n + n - 2];
        }
        return new SymmetricTridiagonal(n, d, e, vs, taus);
    }

    /** T's diagonal (length n). */
    double[] diagonal() {
        return diagonal;
    }

    /** T's subdiagonal (length n - 1). */
    double[] offDiagonal() {
        return offDiagonal;
    }

    /** Replaces {@code z} (n x c) by {@code Q z}: the reflectors applied last to first. */
    void applyQ(DMatrixRMaj z) {
        int c = z.numCols;
        double[] t = new double[c];
        double[] data = z.data;
        for (int k = reflectors.length - 1; k >= 0; k--) {
            double tau = taus[k];
            if (tau == 0) {
                continue;
            }
            double[] v = reflectors[k];
            int start = k + 1;
            Arrays.fill(t, 0);
            for (int i = 0; i < v.length; i++) {
                double vi = v[i];
                int row = (start + i) * c;
                for (int j = 0; j < c; j++) {
                    t[j] += vi * data[row + j];
                }
            }
            for (int i = 0; i < v.length; i++) {
                double f = tau * v[i];
                int row = (start + i) * c;
                for (int j = 0; j < c; j++) {
                    data[row + j] -= f * t[j];
                }
            }
        }
    }

    int size() {
        return n;
    }
}
