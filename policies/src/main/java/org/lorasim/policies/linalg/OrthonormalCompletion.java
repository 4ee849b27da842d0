package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.lorasim.policies.Checks;

/**
 * Extends a matrix with orthonormal columns to more orthonormal columns, deterministically: each new
 * column is the standard basis vector {@code e_j} farthest from the current span (the row j of the
 * current columns with the smallest norm, since {@code ||e_j - Q Q^T e_j||^2 = 1 - ||Q[j, :]||^2}; ties go
 * to the lowest j), orthogonalised twice by Gram-Schmidt and normalised. Among n basis vectors, with
 * m < n columns, one always lies at distance >= sqrt((n - m) / n), so the step is well conditioned.
 */
public final class OrthonormalCompletion {
    private OrthonormalCompletion() {
    }

    /**
     * @param q orthonormal columns, n x m
     * @param k the number of columns wanted, m <= k <= n
     * @return n x k whose first m columns are {@code q}'s
     */
    public static DMatrixRMaj complete(DMatrixRMaj q, int k) {
        int n = q.numRows;
        int m = q.numCols;
        Checks.require(k >= m && k <= n, "cannot complete " + m + " orthonormal columns of length " + n
                + " to " + k + " columns; need " + m + " <= k <= " + n);
        double[][] cols = new double[k][n];
        double[] rowNormSq = new double[n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                double v = q.data[i * m + j];
                cols[j][i] = v;
                rowNormSq[i] += v * v;
            }
        }
        for (int j = m; j < k; j++) {
            int pivot = 0;
            for (int i = 1; i < n; i++) {
                if (rowNormSq[i] < rowNormSq[pivot]) {
                    pivot = i;
                }
            }
            double[] v = cols[j];
            v[pivot] = 1.0;
            for (int pass = 0; pass < 2; pass++) {
                for (int c = 0; c < j; c++) {
                    double[] w = cols[c];
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += w[i] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * w[i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
                rowNormSq[i] += v[i] * v[i];
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, k);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                out.data[i * k + j] = cols[j][i];
            }
        }
        return out;
    }
}
