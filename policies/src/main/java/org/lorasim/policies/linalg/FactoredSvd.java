package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderTran_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Top-k SVD of {@code M = sum_k w_k B_k A_k} without forming the rows x cols matrix. With
 * {@code Bw = [w_1 B_1 | ... | w_K B_K]} (rows x R) and {@code At = [A_1; ...; A_K]} (R x cols),
 * {@code M = Bw At}. Thin QR {@code Bw = Q1 R1} and {@code At^T = Q2 R2} give
 * {@code M = Q1 (R1 R2^T) Q2^T}; the SVD of the small core {@code C = R1 R2^T = Uc S Vc^T} then yields
 * {@code M = (Q1 Uc) S (Q2 Vc)^T}. Cost O((rows + cols) R^2 + R^3) instead of O(rows cols min(rows, cols)).
 * This is the standard route for SVDs of low-rank sums (e.g. Brand, "Fast low-rank modifications of the
 * thin singular value decomposition", Linear Algebra Appl. 415, 2006).
 *
 * <p>Wide cases: when R exceeds rows (or cols) the thin QR has min(rows, R) (or min(cols, R)) columns,
 * and the core has at most min(rows, cols, R) non-zero singular values. Requested ranks must lie in
 * [1, min(rows, cols)]. Ranks above min(rows, cols, R) are filled with <b>zero singular values</b> and
 * an orthonormal completion of U and V ({@link OrthonormalCompletion}), just as a full SVD returns a
 * whole basis: a FlexLoRA client that asks for more rank than the round produced gets zero columns in B
 * and orthonormal, trainable rows in A (like LoRA's own start, B = 0 and A != 0).
 *
 * <p>The Q factors are never formed: the kept columns of Uc and Vc are multiplied by the Householder
 * reflectors directly ({@code applyQ}), O(rows R k) work. All single-threaded EJML, double precision.
 */
public final class FactoredSvd {
    private FactoredSvd() {
    }

    /** The top-k singular triplets of {@code sum}; k in [1, min(rows, cols)]. */
    public static TruncatedSvd topK(LowRankSum sum, int k) {
        int rows = sum.rows();
        int cols = sum.cols();
        TruncatedSvd.requireTopK(k, rows, cols);

        ThinHouseholderQr left = new ThinHouseholderQr(sum.stackedLeft());
        ThinHouseholderQr right = new ThinHouseholderQr(sum.stackedRightTransposed());
        DMatrixRMaj r1 = left.r();
        DMatrixRMaj r2 = right.r();

        DMatrixRMaj core = new DMatrixRMaj(r1.numRows, r2.numRows);
        CommonOps_DDRM.multTransB(r1, r2, core);
        // Only V of the core is accumulated (about a third cheaper); U's kept columns follow from
        // C v_j = sigma_j u_j and are re-orthonormalised (see coreLeftVectors).
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(core.numRows, core.numCols, false, true, true);
        if (!svd.decompose(svd.inputModified() ? core.copy() : core)) {
            throw new IllegalStateException("SVD of the " + core.numRows + "x" + core.numCols
                    + " core did not converge (non-finite factors?)");
        }
        int available = svd.numberOfSingularValues();
        double[] w = svd.getSingularValues();
        int[] order = TruncatedSvd.descendingOrder(w, available);
        int kept = Math.min(k, available);

        DMatrixRMaj vc = TruncatedSvd.pickColumns(svd.getV(null, false), order, kept, core.numCols);
        DMatrixRMaj u = coreLeftVectors(core, vc, w, order, rows);
        left.applyQ(u);
        DMatrixRMaj v = new DMatrixRMaj(cols, kept);
        CommonOps_DDRM.insert(vc, v, 0, 0);
        right.applyQ(v);

        double[] sigma = new double[k];
        for (int j = 0; j < kept; j++) {
            sigma[j] = w[order[j]];
        }
        if (kept < k) {
            u = OrthonormalCompletion.complete(u, k);
            v = OrthonormalCompletion.complete(v, k);
        }
        return new TruncatedSvd(u, sigma, CommonOps_DDRM.transpose(v, null));
    }

    /**
     * The core's left singular vectors for the kept right ones: {@code u_j = C v_j / sigma_j}, then a QR
     * with the signs of R's diagonal made positive, so that the columns are orthonormal and each keeps its
     * direction. Where sigma_j is zero the column is left zero and the QR supplies an orthonormal
     * completion; where sigma_j is tiny the direction is less accurate (error ~ eps sigma_1 / sigma_j),
     * but it enters the result multiplied by sigma_j. Returned padded with zero rows to {@code rows}.
     */
    private static DMatrixRMaj coreLeftVectors(DMatrixRMaj core, DMatrixRMaj vc, double[] w, int[] order, int rows) {
        int kept = vc.numCols;
        DMatrixRMaj uc = new DMatrixRMaj(core.numRows, kept);
        CommonOps_DDRM.mult(core, vc, uc);
        for (int j = 0; j < kept; j++) {
            double sigma = w[order[j]];
            for (int i = 0; i < uc.numRows; i++) {
                uc.data[i * kept + j] = sigma > 0 ? uc.data[i * kept + j] / sigma : 0.0;
            }
        }
        QRDecompositionHouseholderTran_DDRM qr = new QRDecompositionHouseholderTran_DDRM();
        qr.decompose(uc);
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        DMatrixRMaj out = new DMatrixRMaj(rows, kept);
        for (int j = 0; j < kept; j++) {
            double sign = r.get(j, j) < 0 ? -1.0 : 1.0;
            for (int i = 0; i < q.numRows; i++) {
                out.data[i * kept + j] = sign * q.data[i * kept + j];
            }
        }
        return out;
    }
}
