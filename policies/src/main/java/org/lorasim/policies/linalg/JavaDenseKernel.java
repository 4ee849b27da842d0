package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** {@link DenseKernel} in pure Java: {@link SymmetricGram}'s SYRK and EJML's {@code mult}; single-threaded. */
final class JavaDenseKernel implements DenseKernel {
    static final JavaDenseKernel INSTANCE = new JavaDenseKernel();

    private JavaDenseKernel() {
    }

    @Override
    public DMatrixRMaj gram(DMatrixRMaj x) {
        return SymmetricGram.of(x);
    }

    @Override
    public DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    @Override
    public DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, c);
        return c;
    }

    @Override
    public String name() {
        return "java";
    }
}
