package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.testing.RandomFactors;

class OrthonormalCompletionTest {

    @Test
    void completesByTheFarthestBasisVectors() {
        // Prepare: q = [1, 1, 0]^T / sqrt 2; row norms^2 = (1/2, 1/2, 0)
        double h = Math.sqrt(0.5);
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{h}, {h}, {0}});

        // Execute
        DMatrixRMaj out = OrthonormalCompletion.complete(q, 3);

        // Assert: column 2 = e_3 (row 2 has norm 0); then row norms^2 = (1/2, 1/2, 1), so
        // column 3 = e_1 - (q . e_1) q = [1/2, -1/2, 0], normalised to [h, -h, 0]
        assertThat(out.data).containsExactly(new double[] {h, 0, h, h, 0, -h, 0, 1, 0}, within(1e-15));
    }

    @Test
    void randomCompletionsAreOrthonormalAndKeepTheGivenColumns() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare: an orthonormal n x m from a QR of a Gaussian matrix
            RandomGenerator rng = RandomFactors.rng(seed);
            int n = 1 + rng.nextInt(25);
            int m = rng.nextInt(n + 1);
            int k = m + rng.nextInt(n - m + 1);
            DMatrixRMaj q = new DMatrixRMaj(n, m);
            if (m > 0) {
                QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, m);
                qr.decompose(RandomFactors.gaussianMatrix(rng, n, m));
                q = qr.getQ(null, true);
            }

            // Execute
            DMatrixRMaj out = OrthonormalCompletion.complete(q, k);

            // Assert
            assertThat(out.numCols).isEqualTo(k);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    assertThat(out.get(i, j)).isEqualTo(q.get(i, j));
                }
            }
            FactoredSvdTest.assertOrthonormalColumns(out);
        }
    }

    @Test
    void rejectsImpossibleColumnCounts() {
        // Prepare
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1}, {0}});

        // Execute / Assert
        assertThatThrownBy(() -> OrthonormalCompletion.complete(q, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to 3 columns");
    }
}
