package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense products of {@link GramSvd}: the Gram matrices of the stacked factors ({@code (rows + cols) R^2 / 2}
 * multiply-adds, the bulk of FlexLoRA's work at LLM size, through {@link #stack}) and the general products
 * that build the R x R core and U and V. {@link #JAVA} is the pure-Java kernel ({@link SymmetricGram} and EJML); the training
 * module offers one on libtorch's BLAS. Contract: an implementation returns new matrices, leaves its
 * arguments unchanged, returns an exactly symmetric Gram matrix, and gives bit-identical results for the
 * same inputs whenever it is called with the same configuration (its thread count included), so that
 * aggregation stays reproducible run to run.
 */
public interface DenseKernel {
    /** The pure-Java kernel, the default. */
    DenseKernel JAVA = JavaDenseKernel.INSTANCE;

    /** {@code X^T X} (n x n, exactly symmetric) of the row-major m x n {@code x}. */
    DMatrixRMaj gram(DMatrixRMaj x);

    /** {@code A B} (a.rows x b.cols). */
    DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b);

    /** {@code A^T B} (a.cols x b.cols). */
    DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b);

    /**
     * The stacked factors of {@code sum} for {@link GramSvd}'s large products; by default on the Java heap,
     * each product through this kernel's {@link #gram} and {@link #mult}.
     */
    default StackedFactors stack(LowRankSum sum) {
        return new HeapStackedFactors(this, sum);
    }

    /** A short name for logs and benchmark output. */
    String name();
}
