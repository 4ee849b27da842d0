package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The stacked factors of a {@link LowRankSum}, {@code Bw = [w_1 B_1 | ... | w_K B_K]} (rows x R) and
 * {@code X = [A_1; ...; A_K]^T} (cols x R), held where a {@link DenseKernel} computes, for the four large
 * products of {@link GramSvd}: the two Grams ({@code (rows + cols) R^2 / 2} multiply-adds) and the two
 * thin products that give U and V. A kernel that computes off the Java heap copies each factor there once,
 * not once per product. Close it to free what it holds.
 */
public interface StackedFactors extends AutoCloseable {
    /** {@code Bw^T Bw}, R x R, exactly symmetric. */
    DMatrixRMaj leftGram();

    /** {@code X^T X}, R x R, exactly symmetric. */
    DMatrixRMaj rightGram();

    /** {@code Bw y} (rows x y.cols) for an R-row {@code y}. */
    DMatrixRMaj leftTimes(DMatrixRMaj y);

    /** {@code X y} (cols x y.cols) for an R-row {@code y}. */
    DMatrixRMaj rightTimes(DMatrixRMaj y);

    @Override
    void close();
}
