package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Top-k SVD of {@code M = sum_k w_k B_k A_k} through the Gram matrices of the stacked factors, for
 * LLM-sized matrices where {@link FactoredSvd}'s Householder QRs are the bottleneck. With
 * {@code Bw = [w_1 B_1 | ... | w_K B_K]} (rows x R) and {@code X = [A_1; ...; A_K]^T} (cols x R), so
 * {@code M = Bw X^T}:
 * <pre>
 *   G_B = Bw^T Bw,  G_A = X^T X                          (R x R, {@link SymmetricGram}: (rows + cols) R^2 / 2)
 *   G_A[p, p] = L L^T, F = P L (R x r)                    ({@link PivotedCholesky}, r = numerical rank of X)
 *   X = Q F^T  with  Q = X[:, p_1..p_r] L11^-T orthonormal (never formed)
 *   M = W Q^T, W = Bw F;  W^T W = S = F^T G_B F = Vc diag(sigma^2) Vc^T   (r x r, {@link SymmetricTopEigen})
 *   V = Q Vc = X y  with  y = P [L11^-T Vc; 0],   U = W Vc / sigma = Bw (F Vc) / sigma
 * </pre>
 * Cost {@code (rows + cols) R^2 / 2} multiply-adds for the Grams (half of the QRs' and with a faster
 * kernel), {@code (rows + cols) R k} for U and V, O(R^3) for the core; memory O((rows + cols) R + R^2):
 * the rows x cols matrix is never formed.
 *
 * <p>Accuracy: forming Gram matrices squares condition numbers. Singular values below
 * {@code sqrt(R eps) sigma_1} (about {@code 3e-7 sigma_1} at R = 500) are not resolved and are returned as
 * zero, with an orthonormal completion of U and V as in {@link FactoredSvd}; the orthogonality of U and V is
 * about {@code eps cond(X)^2}. Above that floor the singular values and rank-r reconstructions agree with the
 * full SVD to about {@code eps cond^2}: {@code GramSvdTest} checks 1e-9 on well-conditioned random sums. The
 * factors come and go as float32 (relative rounding 6e-8), so the floor is below what an adapter stores. For
 * exact rank deficiency to full double precision use {@link FactoredSvd}.
 *
 * <p>The two Grams and the products (the R x R core, {@code F Vc}, U and V) go through a {@link DenseKernel}
 * ({@link DenseKernel#JAVA} by default); the pivoted Cholesky, the eigenproblem and the triangular solve
 * stay in Java. Another kernel changes rounding only, not the method.
 */
public final class GramSvd {
    private GramSvd() {
    }

    /** The top-k singular triplets of {@code sum}; k in [1, min(rows, cols)]; the pure-Java kernel. */
    public static TruncatedSvd topK(LowRankSum sum, int k) {
        return topK(sum, k, DenseKernel.JAVA);
    }

    /** The top-k singular triplets of {@code sum}, its dense products on {@code kernel}. */
    public static TruncatedSvd topK(LowRankSum sum, int k, DenseKernel kernel) {
        int rows = sum.rows();
        int cols = sum.cols();
        TruncatedSvd.requireTopK(k, rows, cols);
        int rank = sum.rank();

        try (StackedFactors stacked = kernel.stack(sum)) {
            DMatrixRMaj gramLeft = stacked.leftGram();
            PivotedCholesky chol = PivotedCholesky.of(stacked.rightGram());
            DMatrixRMaj f = chol.factor();
            int r = chol.rank();

            DMatrixRMaj gf = kernel.mult(gramLeft, f);
            DMatrixRMaj core = kernel.multTransA(f, gf);
            symmetrise(core);
            SymmetricTopEigen eig = SymmetricTopEigen.of(core, Math.min(k, r));

            double[] lambda = eig.values();
            double floor = lambda.length == 0 ? 0 : Math.max(lambda[0], 0) * rank * Math.ulp(1.0);
            int kept = 0;
            while (kept < lambda.length && lambda[kept] > floor) {
                kept++;
            }
            double[] sigma = new double[k];
            DMatrixRMaj vc = kept == 0 ? new DMatrixRMaj(r, 0) : CommonOps_DDRM.extract(eig.vectors(), 0, r, 0, kept);
            for (int j = 0; j < kept; j++) {
                sigma[j] = Math.sqrt(lambda[j]);
            }

            DMatrixRMaj v = stacked.rightTimes(chol.solveLeadingTransposed(vc));
            DMatrixRMaj u = stacked.leftTimes(kernel.mult(f, vc));
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < kept; j++) {
                    u.data[i * kept + j] /= sigma[j];
                }
            }
            return result(u, sigma, v, kept, k);
        }
    }

    private static TruncatedSvd result(DMatrixRMaj u, double[] sigma, DMatrixRMaj v, int kept, int k) {
        if (kept < k) {
            u = OrthonormalCompletion.complete(u, k);
            v = OrthonormalCompletion.complete(v, k);
        }
        return new TruncatedSvd(u, sigma, CommonOps_DDRM.transpose(v, null));
    }

    private static void symmetrise(DMatrixRMaj s) {
        int n = s.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (s.data[i * n + j] + s.data[j * n + i]);
                s.data[i * n + j] = mean;
                s.data[j * n + i] = mean;
            }
        }
    }
}
