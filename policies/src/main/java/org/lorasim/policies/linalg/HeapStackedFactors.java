package org.lorasim.policies.linalg;

import org.ejml.data.DMatrixRMaj;

/** {@link StackedFactors} on the Java heap: the stacked matrices built once, each product on {@code kernel}. */
final class HeapStackedFactors implements StackedFactors {
    private final DenseKernel kernel;
    private final DMatrixRMaj left;
    private final DMatrixRMaj right;

    HeapStackedFactors(DenseKernel kernel, LowRankSum sum) {
        this.kernel = kernel;
        this.left = sum.stackedLeft();
        this.right = sum.stackedRightTransposed();
    }

    @Override
    public DMatrixRMaj leftGram() {
        return kernel.gram(left);
    }

    @Override
    public DMatrixRMaj rightGram() {
        return kernel.gram(right);
    }

    @Override
    public DMatrixRMaj leftTimes(DMatrixRMaj y) {
        return kernel.mult(left, y);
    }

    @Override
    public DMatrixRMaj rightTimes(DMatrixRMaj y) {
        return kernel.mult(right, y);
    }

    @Override
    public void close() {
    }
}
