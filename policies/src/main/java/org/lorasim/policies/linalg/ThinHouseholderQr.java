package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.decomposition.qr.QrHelperFunctions_DDRM;

/**
 * A thin Householder QR whose Q is applied, never formed: EJML's column-oriented decomposition (the
 * fastest of its dense QRs for tall-thin stacks here, ~25% ahead of the transposed variant at 1024 x 248)
 * plus {@link #applyQ}, which multiplies by the stored reflectors {@code H_j = I - gamma_j v_j v_j^T}
 * in reverse order with EJML's own rank-1 update.
 *
 * <p>An all-zero column (a fresh LoRA's {@code B = 0}) makes EJML flag an error and set gamma to 0; the
 * reflector is then the identity and the factorisation is still exact, so the flag is ignored.
 */
final class ThinHouseholderQr {
    private final QRDecompositionHouseholderColumn_DDRM qr = new QRDecompositionHouseholderColumn_DDRM();
    private final int rows;
    private final int reflectors;

    ThinHouseholderQr(DMatrixRMaj matrix) {
        rows = matrix.numRows;
        reflectors = Math.min(matrix.numRows, matrix.numCols);
        qr.decompose(matrix);
    }

    /** The thin (min(rows, cols) x cols) upper-triangular factor. */
    DMatrixRMaj r() {
        return qr.getR(null, true);
    }

    /** Replaces {@code x} (rows x k) by {@code Q x}. */
    void applyQ(DMatrixRMaj x) {
        double[][] householder = qr.getQR();
        double[] gammas = qr.getGammas();
        double[] work = new double[x.numCols];
        for (int j = reflectors - 1; j >= 0; j--) {
            double[] v = householder[j];
            double diagonal = v[j];
            v[j] = 1;
            QrHelperFunctions_DDRM.rank1UpdateMultR(x, v, gammas[j], 0, j, rows, work);
            v[j] = diagonal;
        }
    }
}
