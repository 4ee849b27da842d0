package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.testing.RandomFactors;

/** {@link SymmetricGram} and {@link PivotedCholesky}, the two kernels of {@link GramSvd}. */
class GramKernelsTest {

    @Test
    void gramMatchesEjmlAcrossTileAndRowBlockEdges() {
        // Prepare: 301 columns (two 256-column tiles) and 7 rows (one block of four, three left over)
        RandomGenerator rng = RandomFactors.rng(1);
        for (int[] shape : new int[][] {{7, 301}, {1, 1}, {4, 3}, {50, 9}}) {
            DMatrixRMaj x = RandomFactors.gaussianMatrix(rng, shape[0], shape[1]);
            DMatrixRMaj expected = new DMatrixRMaj(shape[1], shape[1]);
            CommonOps_DDRM.multTransA(x, x, expected);

            // Execute
            DMatrixRMaj g = SymmetricGram.of(x);

            // Assert
            assertThat(g.data).containsExactly(expected.data, within(1e-12 * shape[0]));
        }
    }

    @Test
    void pivotedCholeskyFindsTheRankAndReproducesTheMatrix() {
        // Prepare: the Gram matrix of 10 vectors that span only 4 dimensions (rank 4 of 10)
        RandomGenerator rng = RandomFactors.rng(2);
        DMatrixRMaj basis = RandomFactors.gaussianMatrix(rng, 30, 4);
        DMatrixRMaj mix = RandomFactors.gaussianMatrix(rng, 4, 10);
        DMatrixRMaj x = new DMatrixRMaj(30, 10);
        CommonOps_DDRM.mult(basis, mix, x);
        DMatrixRMaj g = SymmetricGram.of(x);

        // Execute
        PivotedCholesky chol = PivotedCholesky.of(g);
        DMatrixRMaj f = chol.factor();
        DMatrixRMaj ffT = new DMatrixRMaj(10, 10);
        CommonOps_DDRM.multTransB(f, f, ffT);

        // Assert
        assertThat(chol.rank()).isEqualTo(4);
        assertThat(ffT.data).containsExactly(g.data, within(1e-10 * CommonOps_DDRM.elementMaxAbs(g)));
    }

    @Test
    void solvingWithTheLeadingTriangleInvertsItsTranspose() {
        // Prepare: a full-rank Gram matrix, F = P L, and a right-hand side b (r x 2)
        RandomGenerator rng = RandomFactors.rng(3);
        DMatrixRMaj g = SymmetricGram.of(RandomFactors.gaussianMatrix(rng, 12, 6));
        PivotedCholesky chol = PivotedCholesky.of(g);
        DMatrixRMaj b = RandomFactors.gaussianMatrix(rng, 6, 2);

        // Execute: y = P [L11^-T b; 0], so F^T y = L^T P^T y = L11^T L11^-T b = b
        DMatrixRMaj y = chol.solveLeadingTransposed(b);
        DMatrixRMaj back = new DMatrixRMaj(6, 2);
        CommonOps_DDRM.multTransA(chol.factor(), y, back);

        // Assert
        assertThat(back.data).containsExactly(b.data, within(1e-10));
    }
}
