package org.lorasim.training.linalg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.lorasim.policies.linalg.DenseKernel;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.StackedFactors;
import org.lorasim.training.djl.DjlEngine;

/**
 * {@link DenseKernel} on DJL's PyTorch engine: float64 {@code matmul}, i.e. libtorch's BLAS {@code dgemm}
 * (the Gram as {@code X^T X} through a transposed operand, then its upper triangle mirrored so that it is
 * exactly symmetric). Each call copies its operands into a fresh native manager and the result back, so it
 * is safe from any number of threads at once; the copies cost O(size) against the product's O(size R).
 *
 * <p>Threads: libtorch's intra-op thread count is process-wide, read at engine start from
 * {@code ai.djl.pytorch.num_threads} (default: the processors). With a {@code MatrixPool} of several
 * workers, {@code -Dai.djl.pytorch.num_threads=1} avoids oversubscription. Determinism: for one machine and
 * one thread count, BLAS runs the same blocking and reduction order every call, so results repeat bit for
 * bit ({@code TorchDenseKernelTest} checks a FlexLoRA digest twice); they differ from {@link DenseKernel#JAVA}
 * in rounding only (checked to 1e-9 of sigma_1).
 */
public final class TorchDenseKernel implements DenseKernel {
    public static final TorchDenseKernel INSTANCE = new TorchDenseKernel();

    private TorchDenseKernel() {
    }

    @Override
    public DMatrixRMaj gram(DMatrixRMaj x) {
        int n = x.numCols;
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        if (n == 0 || x.numRows == 0) {
            return g;
        }
        try (NDManager manager = DjlEngine.newManager()) {
            NDArray a = of(manager, x);
            g.data = a.transpose().matMul(a).toDoubleArray();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g.data[i * n + j] = g.data[j * n + i];
            }
        }
        return g;
    }

    @Override
    public DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        requireInner(a.numCols, b.numRows);
        return product(a, b, false);
    }

    @Override
    public DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        requireInner(a.numRows, b.numRows);
        return product(a, b, true);
    }

    @Override
    public StackedFactors stack(LowRankSum sum) {
        return new TorchStackedFactors(sum);
    }

    @Override
    public String name() {
        return "torch";
    }

    private static DMatrixRMaj product(DMatrixRMaj a, DMatrixRMaj b, boolean transposeA) {
        int rows = transposeA ? a.numCols : a.numRows;
        int inner = b.numRows;
        DMatrixRMaj c = new DMatrixRMaj(rows, b.numCols);
        if (rows == 0 || b.numCols == 0 || inner == 0) {
            return c;
        }
        try (NDManager manager = DjlEngine.newManager()) {
            NDArray left = of(manager, a);
            if (transposeA) {
                left = left.transpose();
            }
            c.data = left.matMul(of(manager, b)).toDoubleArray();
        }
        return c;
    }

    static NDArray of(NDManager manager, DMatrixRMaj m) {
        double[] data = m.data.length == m.numRows * m.numCols ? m.data
                : Arrays.copyOf(m.data, m.numRows * m.numCols);
        return manager.create(data, new Shape(m.numRows, m.numCols));
    }

    private static void requireInner(int left, int right) {
        if (left != right) {
            throw new IllegalArgumentException("inner dimensions differ: " + left + " and " + right);
        }
    }
}
