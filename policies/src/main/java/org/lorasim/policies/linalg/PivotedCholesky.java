package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Cholesky factorisation with diagonal pivoting of a symmetric positive semi-definite n x n matrix,
 * {@code G[p, p] = L L^T} with {@code p} a permutation and {@code L} (n x r) lower trapezoidal, stopping at
 * the numerical rank r (LAPACK {@code dpstf2}, Higham, "Accuracy and Stability of Numerical Algorithms",
 * 2nd ed., section 10.3). At each step the largest remaining diagonal of the Schur complement is the pivot;
 * the factorisation stops when it falls to {@code n * eps * max_i G[i, i]} or below, so an exactly
 * rank-deficient Gram matrix (a client's B = 0, more rank than rows) yields its rank instead of a failure.
 * O(n^3 / 6) multiply-adds; ties go to the lowest index, so the result is deterministic.
 */
public final class PivotedCholesky {
    private final int[] pivots;
    private final int rank;
    private final double[] l;
    private final int n;

    private PivotedCholesky(int[] pivots, int rank, double[] l, int n) {
        this.pivots = pivots;
        this.rank = rank;
        this.l = l;
        this.n = n;
    }

    /** Factorises the symmetric {@code g} (not modified). */
    public static PivotedCholesky of(DMatrixRMaj g) {
        int n = g.numRows;
        if (g.numCols != n) {
            throw new IllegalArgumentException("pivoted Cholesky needs a square matrix, got " + g.numRows + "x" + g.numCols);
        }
        double[] a = g.data.clone();
        int[] perm = new int[n];
        double[] d = new double[n];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            d[i] = a[i * n + i];
            maxDiag = Math.max(maxDiag, d[i]);
        }
        double tol = n * Math.ulp(1.0) * maxDiag;
        double[] l = new double[n * n];
        int rank = 0;
        for (int j = 0; j < n; j++) {
            int q = j;
            for (int i = j + 1; i < n; i++) {
                if (d[i] > d[q]) {
                    q = i;
                }
            }
            if (!(d[q] > tol)) {
                break;
            }
            if (q != j) {
                swapSymmetric(a, n, j, q);
                swap(d, j, q);
                int t = perm[j];
                perm[j] = perm[q];
                perm[q] = t;
                for (int m = 0; m < j; m++) {
                    double x = l[j * n + m];
                    l[j * n + m] = l[q * n + m];
                    l[q * n + m] = x;
                }
            }
            double pivot = Math.sqrt(d[j]);
            l[j * n + j] = pivot;
            int lj = j * n;
            for (int i = j + 1; i < n; i++) {
                int li = i * n;
                double s = a[li + j];
                for (int m = 0; m < j; m++) {
                    s -= l[li + m] * l[lj + m];
                }
                double v = s / pivot;
                l[li + j] = v;
                d[i] -= v * v;
            }
            rank = j + 1;
        }
        return new PivotedCholesky(perm, rank, l, n);
    }

    private static void swapSymmetric(double[] a, int n, int i, int j) {
        for (int c = 0; c < n; c++) {
            double t = a[i * n + c];
            a[i * n + c] = a[j * n + c];
            a[j * n + c] = t;
        }
        for (int r = 0; r < n; r++) {
            double t = a[r * n + i];
            a[r * n + i] = a[r * n + j];
            a[r * n + j] = t;
        }
    }

    private static void swap(double[] d, int i, int j) {
        double t = d[i];
        d[i] = d[j];
        d[j] = t;
    }

    /** The numerical rank r. */
    public int rank() {
        return rank;
    }

    /** {@code p}: row i of {@code L} belongs to row {@code p[i]} of G. */
    public int[] pivots() {
        return pivots.clone();
    }

    /** {@code F = P L} (n x r, in G's own row order), so that {@code G = F F^T} to rounding. */
    public DMatrixRMaj factor() {
        DMatrixRMaj f = new DMatrixRMaj(n, rank);
        for (int i = 0; i < n; i++) {
            System.arraycopy(l, i * n, f.data, pivots[i] * rank, Math.min(i + 1, rank));
        }
        return f;
    }

    /**
     * Solves {@code L11^T y = b} for each column of {@code b} (r x k), L11 the leading r x r (upper
     * left, pivot order) triangle, and returns {@code y} scattered to G's row order (n x k, zero rows for
     * the pivots beyond the rank).
     */
    public DMatrixRMaj solveLeadingTransposed(DMatrixRMaj b) {
        int k = b.numCols;
        double[] y = b.data.clone();
        for (int i = rank - 1; i >= 0; i--) {
            double diag = l[i * n + i];
            for (int c = 0; c < k; c++) {
                y[i * k + c] /= diag;
            }
            for (int m = 0; m < i; m++) {
                double lim = l[i * n + m];
                if (lim == 0) {
                    continue;
                }
                for (int c = 0; c < k; c++) {
                    y[m * k + c] -= lim * y[i * k + c];
                }
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, k);
        for (int i = 0; i < rank; i++) {
            System.arraycopy(y, i * k, out.data, pivots[i] * k, k);
        }
        return out;
    }
}
