package org.lorasim.policies.linalg;

import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.lorasim.policies.Checks;

/**
 * A matrix held as a weighted sum of low-rank products, {@code M = sum_k w_k B_k A_k}, with {@code B_k}
 * rows x r_k and {@code A_k} r_k x cols. Its total rank bound is {@code R = sum_k r_k}. This is how a
 * FlexLoRA round's averaged update {@code sum_k p_k s_k B_k A_k} arrives at the server, and
 * {@link FactoredSvd} decomposes it without ever forming the rows x cols matrix.
 *
 * <p>Terms hold EJML matrices; they are not copied and must not be changed afterwards.
 */
public final class LowRankSum {

    /** One term {@code w B A}: {@code b} is rows x r, {@code a} is r x cols. */
    public record Term(double weight, DMatrixRMaj b, DMatrixRMaj a) {
        public Term {
            Checks.finite("term weight", weight);
            Objects.requireNonNull(b, "b");
            Objects.requireNonNull(a, "a");
            Checks.positive("rows of B", b.numRows);
            Checks.positive("rank (columns of B)", b.numCols);
            Checks.positive("columns of A", a.numCols);
            Checks.require(b.numCols == a.numRows, "term rank mismatch: B is " + b.numRows + "x" + b.numCols
                    + " but A is " + a.numRows + "x" + a.numCols + "; B's columns must equal A's rows");
        }

        /** A term from row-major float factors: {@code b} rows x rank, {@code a} rank x cols. */
        public static Term of(double weight, float[] b, float[] a, int rows, int rank, int cols) {
            return new Term(weight, Matrices.of(b, rows, rank), Matrices.of(a, rank, cols));
        }

        public int rank() {
            return b.numCols;
        }
    }

    private final List<Term> terms;
    private final int rows;
    private final int cols;
    private final int rank;

    public LowRankSum(List<Term> terms) {
        Checks.nonEmpty("low-rank terms", terms);
        this.terms = List.copyOf(terms);
        Term first = this.terms.get(0);
        this.rows = first.b().numRows;
        this.cols = first.a().numCols;
        int r = 0;
        for (int k = 0; k < this.terms.size(); k++) {
            Term t = this.terms.get(k);
            Checks.require(t.b().numRows == rows && t.a().numCols == cols, "term " + k + " is "
                    + t.b().numRows + "x" + t.a().numCols + " but term 0 is " + rows + "x" + cols);
            r = Math.addExact(r, t.rank());
        }
        this.rank = r;
    }

    public List<Term> terms() {
        return terms;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** {@code R = sum_k r_k}, an upper bound on the rank of {@code M}. */
    public int rank() {
        return rank;
    }

    /** {@code [w_1 B_1 | ... | w_K B_K]}, rows x R. */
    public DMatrixRMaj stackedLeft() {
        DMatrixRMaj out = new DMatrixRMaj(rows, rank);
        int offset = 0;
        for (Term t : terms) {
            int r = t.rank();
            double w = t.weight();
            double[] b = t.b().data;
            for (int o = 0; o < rows; o++) {
                int src = o * r;
                int dst = o * rank + offset;
                for (int j = 0; j < r; j++) {
                    out.data[dst + j] = w * b[src + j];
                }
            }
            offset += r;
        }
        return out;
    }

    /** {@code [A_1; ...; A_K]^T}, cols x R. */
    public DMatrixRMaj stackedRightTransposed() {
        DMatrixRMaj out = new DMatrixRMaj(cols, rank);
        int offset = 0;
        for (Term t : terms) {
            int r = t.rank();
            double[] a = t.a().data;
            for (int j = 0; j < r; j++) {
                int src = j * cols;
                for (int i = 0; i < cols; i++) {
                    out.data[i * rank + offset + j] = a[src + i];
                }
            }
            offset += r;
        }
        return out;
    }

    /** The rows x cols matrix {@code M} itself: O(rows * cols * R) time and rows * cols memory. */
    public DMatrixRMaj dense() {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.multTransB(stackedLeft(), stackedRightTransposed(), m);
        return m;
    }
}
