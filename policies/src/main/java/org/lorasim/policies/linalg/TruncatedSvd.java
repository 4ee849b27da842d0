package org.lorasim.policies.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.lorasim.policies.Checks;

/**
 * The top-k singular triplets of a rows x cols matrix: {@code u} (rows x k, orthonormal columns),
 * {@code singularValues} (k values, descending, >= 0) and {@code vt} (k x cols, orthonormal rows), so
 * that {@code U_r diag(S_r) Vt_r} is the best rank-r approximation for every r <= k (Eckart-Young).
 *
 * <p>Singular vectors are defined only up to sign (and, for repeated singular values, up to a rotation):
 * compare reconstructions, never vectors. The matrices are owned by this value; treat them as read-only.
 */
public record TruncatedSvd(DMatrixRMaj u, double[] singularValues, DMatrixRMaj vt) {

    public TruncatedSvd {
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(singularValues, "singularValues");
        Objects.requireNonNull(vt, "vt");
        int k = singularValues.length;
        Checks.require(u.numCols == k && vt.numRows == k, "U has " + u.numCols + " columns and Vt " + vt.numRows
                + " rows but there are " + k + " singular values");
        for (int i = 0; i < k; i++) {
            Checks.require(singularValues[i] >= 0 && (i == 0 || singularValues[i] <= singularValues[i - 1]),
                    "singular values must be >= 0 and descending, got " + Arrays.toString(singularValues));
        }
    }

    /** Number of triplets kept. */
    public int rank() {
        return singularValues.length;
    }

    public int rows() {
        return u.numRows;
    }

    public int cols() {
        return vt.numCols;
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** {@code U_r diag(S_r) Vt_r}, rows x cols, the best rank-r approximation. */
    public DMatrixRMaj reconstruct(int r) {
        requireRank(r);
        DMatrixRMaj left = leftScaled(r, 1.0);
        DMatrixRMaj right = CommonOps_DDRM.extract(vt, 0, r, 0, vt.numCols);
        DMatrixRMaj out = new DMatrixRMaj(rows(), cols());
        CommonOps_DDRM.mult(left, right, out);
        return out;
    }

    /** {@code U_r diag(S_r) / divisor}, rows x r: a LoRA {@code B} of rank r whose scale is {@code divisor}. */
    public DMatrixRMaj leftScaled(int r, double divisor) {
        requireRank(r);
        Checks.require(divisor != 0 && Double.isFinite(divisor), "divisor must be finite and non-zero, got " + divisor);
        DMatrixRMaj out = new DMatrixRMaj(rows(), r);
        int k = rank();
        for (int o = 0; o < rows(); o++) {
            for (int j = 0; j < r; j++) {
                out.data[o * r + j] = u.data[o * k + j] * singularValues[j] / divisor;
            }
        }
        return out;
    }

    /** The first r rows of {@code Vt}, r x cols: a LoRA {@code A} of rank r. */
    public DMatrixRMaj rightRows(int r) {
        requireRank(r);
        return CommonOps_DDRM.extract(vt, 0, r, 0, vt.numCols);
    }

    private void requireRank(int r) {
        Checks.positive("rank", r);
        Checks.require(r <= rank(), "rank " + r + " exceeds the " + rank() + " singular triplets kept");
    }

    /** Rejects a requested k that is not in {@code [1, min(rows, cols)]}. */
    static void requireTopK(int k, int rows, int cols) {
        Checks.positive("requested rank k", k);
        Checks.require(k <= Math.min(rows, cols), "requested rank k=" + k + " exceeds min(rows, cols)="
                + Math.min(rows, cols) + " of a " + rows + "x" + cols + " matrix");
    }

    /** Indices of the first n values of {@code w} in descending order of value (ties: lower index first). */
    static int[] descendingOrder(double[] w, int n) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -w[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Columns {@code order[0..count)} of {@code m}, padded with zero rows to {@code rows} rows. */
    static DMatrixRMaj pickColumns(DMatrixRMaj m, int[] order, int count, int rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows, count);
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < count; j++) {
                out.data[i * count + j] = m.data[i * m.numCols + order[j]];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruncatedSvd t && sameMatrix(u, t.u) && Arrays.equals(singularValues, t.singularValues)
                && sameMatrix(vt, t.vt);
    }

    private static boolean sameMatrix(DMatrixRMaj x, DMatrixRMaj y) {
        return x.numRows == y.numRows && x.numCols == y.numCols
                && Arrays.equals(x.data, 0, x.getNumElements(), y.data, 0, y.getNumElements());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(singularValues);
    }

    @Override
    public String toString() {
        return "TruncatedSvd[" + rows() + "x" + cols() + ", k=" + rank() + "]";
    }
}
