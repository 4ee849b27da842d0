package org.lorasim.policies.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The k largest eigenvalues of a symmetric n x n matrix and their eigenvectors, at the cost of a
 * tridiagonal reduction plus O(n k) per vector, instead of accumulating all n eigenvectors (the route of
 * LAPACK's {@code dsyevx}, Golub and Van Loan, "Matrix Computations", 4th ed., 8.4-8.5):
 * <ol>
 *   <li>Householder reduction {@code S = Q T Q^T} ({@link SymmetricTridiagonal}, 4/3 n^3 flops), Q kept as
 *       reflectors;</li>
 *   <li>each of the k largest eigenvalues of the tridiagonal T by bisection on Sturm counts, to
 *       {@code 4 eps ||T||};</li>
 *   <li>each eigenvector of T by three steps of inverse iteration (tridiagonal LU with partial pivoting,
 *       pivots below {@code eps ||T||} raised to it), from a fixed pseudo-random start, orthogonalised
 *       against the vectors of eigenvalues within {@code 1e-3 ||T||} (LAPACK {@code dstein}'s cluster rule);</li>
 *   <li>back to S's basis by the reflectors, {@code 2 n^2 k} flops.</li>
 * </ol>
 * Deterministic: no input but the matrix decides any step.
 *
 * @param values  k eigenvalues, descending
 * @param vectors n x k, orthonormal columns
 */
public record SymmetricTopEigen(double[] values, DMatrixRMaj vectors) {
    private static final int INVERSE_ITERATIONS = 3;
    private static final double CLUSTER = 1e-3;

    /** The top-k eigenpairs of the symmetric {@code s} (not modified); {@code 0 <= k <= n}. */
    public static SymmetricTopEigen of(DMatrixRMaj s, int k) {
        int n = s.numRows;
        if (k < 0 || k > n || s.numCols != n) {
            throw new IllegalArgumentException("need a square matrix and 0 <= k <= n, got " + s.numRows + "x"
                    + s.numCols + " and k=" + k);
        }
        if (k == 0) {
            return new SymmetricTopEigen(new double[0], new DMatrixRMaj(n, 0));
        }
        SymmetricTridiagonal tri = SymmetricTridiagonal.of(s);
        double[] d = tri.diagonal();
        double[] e = Arrays.copyOf(tri.offDiagonal(), n);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double row = Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
            if (!Double.isFinite(row)) {
                throw new IllegalStateException("symmetric " + n + "x" + n + " matrix has non-finite entries");
            }
            norm = Math.max(norm, row);
        }
        double[] values = new double[k];
        DMatrixRMaj z = new DMatrixRMaj(n, k);
        double[][] found = new double[k][];
        for (int j = 0; j < k; j++) {
            values[j] = bisect(d, e, n, n - 1 - j, norm);
            found[j] = inverseIteration(d, e, n, values[j], norm, values, found, j);
            for (int i = 0; i < n; i++) {
                z.data[i * k + j] = found[j][i];
            }
        }
        tri.applyQ(z);
        return new SymmetricTopEigen(values, z);
    }

    /** The eigenvalue with {@code index} eigenvalues below it (0 = smallest), by bisection on Sturm counts. */
    private static double bisect(double[] d, double[] e, int n, int index, double norm) {
        double lo = -norm - Double.MIN_NORMAL;
        double hi = norm + Double.MIN_NORMAL;
        double tol = 4 * Math.ulp(1.0) * norm;
        while (hi - lo > tol) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (countBelow(d, e, n, mid, norm) > index) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The number of eigenvalues of T below x: negative pivots of the LDL^T of T - x I. */
    private static int countBelow(double[] d, double[] e, int n, double x, double norm) {
        double tiny = Math.ulp(1.0) * Math.max(norm, Double.MIN_NORMAL);
        int count = 0;
        double q = 1;
        for (int i = 0; i < n; i++) {
            double off = i == 0 ? 0 : e[i - 1] * e[i - 1] / q;
            q = d[i] - x - off;
            if (Math.abs(q) < tiny) {
                q = -tiny;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }

    private static double[] inverseIteration(double[] d, double[] e, int n, double lambda, double norm,
                                             double[] values, double[][] found, int j) {
        double floor = Math.ulp(1.0) * Math.max(norm, Double.MIN_NORMAL);
        // LU with partial pivoting of T - lambda I (LAPACK dgttrf): U has diagonal dd, superdiagonals du, du2.
        double[] dl = new double[n];
        double[] dd = new double[n];
        double[] du = new double[n];
        double[] du2 = new double[n];
        boolean[] swapped = new boolean[n];
        for (int i = 0; i < n; i++) {
            dd[i] = d[i] - lambda;
            if (i < n - 1) {
                dl[i] = e[i];
                du[i] = e[i];
            }
        }
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(dd[i]) >= Math.abs(dl[i])) {
                if (dd[i] != 0) {
                    double fact = dl[i] / dd[i];
                    dl[i] = fact;
                    dd[i + 1] -= fact * du[i];
                }
            } else {
                double fact = dd[i] / dl[i];
                dd[i] = dl[i];
                dl[i] = fact;
                double temp = du[i];
                du[i] = dd[i + 1];
                dd[i + 1] = temp - fact * dd[i + 1];
                if (i < n - 2) {
                    du2[i] = du[i + 1];
                    du[i + 1] = -fact * du[i + 1];
                }
                swapped[i] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(dd[i]) < floor) {
                dd[i] = dd[i] < 0 ? -floor : floor;
            }
        }
        SplittableRandom start = new SplittableRandom(0x5eed + j);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = start.nextDouble(-1, 1);
        }
        for (int it = 0; it < INVERSE_ITERATIONS; it++) {
            for (int i = 0; i < n - 1; i++) {
                if (swapped[i]) {
                    double temp = x[i];
                    x[i] = x[i + 1];
                    x[i + 1] = temp - dl[i] * x[i];
                } else {
                    x[i + 1] -= dl[i] * x[i];
                }
            }
            x[n - 1] /= dd[n - 1];
            if (n > 1) {
                x[n - 2] = (x[n - 2] - du[n - 2] * x[n - 1]) / dd[n - 2];
            }
            for (int i = n - 3; i >= 0; i--) {
                x[i] = (x[i] - du[i] * x[i + 1] - du2[i] * x[i + 2]) / dd[i];
            }
            for (int c = 0; c < j; c++) {
                if (Math.abs(values[c] - lambda) <= CLUSTER * norm) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += found[c][i] * x[i];
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] -= dot * found[c][i];
                    }
                }
            }
            double sq = 0;
            for (double v : x) {
                sq += v * v;
            }
            double inv = 1 / Math.sqrt(sq);
            for (int i = 0; i < n; i++) {
                x[i] *= inv;
            }
        }
        return x;
    }
}
