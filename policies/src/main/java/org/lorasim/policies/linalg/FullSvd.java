package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Top-k SVD by the direct route: form the rows x cols matrix and run EJML's full (compact) SVD, then
 * keep the k largest triplets. O(rows cols min(rows, cols)) time: the reference against which
 * {@link FactoredSvd} is tested and benchmarked, and what FlexLoRA's released code does ({@code torch.svd}
 * of the summed product). Requested ranks must lie in [1, min(rows, cols)]; singular values beyond the
 * matrix's rank come out (numerically) zero with whatever basis the decomposition picked.
 */
public final class FullSvd {
    private FullSvd() {
    }

    /** Forms {@code sum} as a dense matrix, then {@link #topK(DMatrixRMaj, int)}. */
    public static TruncatedSvd topK(LowRankSum sum, int k) {
        TruncatedSvd.requireTopK(k, sum.rows(), sum.cols());
        return topK(sum.dense(), k);
    }

    /** The top-k singular triplets of {@code m} (not modified); k in [1, min(rows, cols)]. */
    public static TruncatedSvd topK(DMatrixRMaj m, int k) {
        TruncatedSvd.requireTopK(k, m.numRows, m.numCols);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, true, true, true);
        if (!svd.decompose(svd.inputModified() ? m.copy() : m)) {
            throw new IllegalStateException("SVD of the " + m.numRows + "x" + m.numCols
                    + " matrix did not converge (non-finite entries?)");
        }
        double[] w = svd.getSingularValues();
        int[] order = TruncatedSvd.descendingOrder(w, svd.numberOfSingularValues());
        DMatrixRMaj u = TruncatedSvd.pickColumns(svd.getU(null, false), order, k, m.numRows);
        DMatrixRMaj v = TruncatedSvd.pickColumns(svd.getV(null, false), order, k, m.numCols);
        double[] sigma = new double[k];
        for (int j = 0; j < k; j++) {
            sigma[j] = w[order[j]];
        }
        return new TruncatedSvd(u, sigma, CommonOps_DDRM.transpose(v, null));
    }
}
