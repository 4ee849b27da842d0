package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.testing.RandomFactors;

class SymmetricTopEigenTest {

    @Test
    void topEigenpairsMatchEjmlsFullDecomposition() {
        for (int seed = 0; seed < 40; seed++) {
            // Prepare: a random Gram matrix (positive semi-definite, like FlexLoRA's core) of size 1..60
            RandomGenerator rng = RandomFactors.rng(seed);
            int n = 1 + rng.nextInt(60);
            DMatrixRMaj x = RandomFactors.gaussianMatrix(rng, n + rng.nextInt(5), n);
            DMatrixRMaj s = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(x, x, s);
            int k = 1 + rng.nextInt(n);

            // Execute
            SymmetricTopEigen top = SymmetricTopEigen.of(s, k);

            // Assert: the k largest of EJML's eigenvalues; S v = lambda v; orthonormal vectors
            double[] all = ejmlEigenvalues(s);
            double scale = all[n - 1];
            for (int j = 0; j < k; j++) {
                assertThat(top.values()[j]).as("seed %d lambda_%d", seed, j).isCloseTo(all[n - 1 - j], within(1e-12 * scale));
            }
            assertThat(residual(s, top)).as("seed %d", seed).isLessThan(1e-11 * scale);
            FactoredSvdTest.assertOrthonormalColumns(top.vectors());
        }
    }

    @Test
    void repeatedEigenvaluesGetOrthonormalVectors() {
        // Prepare: Q diag(7, 7, 7, 3, 3, 1, 0.5, ...) Q^T with a random orthogonal Q
        RandomGenerator rng = RandomFactors.rng(11);
        int n = 25;
        org.ejml.interfaces.decomposition.QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(RandomFactors.gaussianMatrix(rng, n, n));
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj d = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            d.set(i, i, i < 3 ? 7 : i < 5 ? 3 : 1.0 / i);
        }
        DMatrixRMaj qd = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, d, qd);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, s);

        // Execute
        SymmetricTopEigen top = SymmetricTopEigen.of(s, 6);

        // Assert
        assertThat(top.values()).containsExactly(new double[] {7, 7, 7, 3, 3, 1.0 / 5}, within(1e-12));
        assertThat(residual(s, top)).isLessThan(1e-12);
        FactoredSvdTest.assertOrthonormalColumns(top.vectors());
    }

    @Test
    void isDeterministicAndKZeroIsEmpty() {
        // Prepare
        DMatrixRMaj x = RandomFactors.gaussianMatrix(RandomFactors.rng(4), 30, 20);
        DMatrixRMaj s = new DMatrixRMaj(20, 20);
        CommonOps_DDRM.multTransA(x, x, s);

        // Execute
        SymmetricTopEigen first = SymmetricTopEigen.of(s, 5);
        SymmetricTopEigen second = SymmetricTopEigen.of(s, 5);

        // Assert
        assertThat(first.values()).isEqualTo(second.values());
        assertThat(first.vectors().data).isEqualTo(second.vectors().data);
        assertThat(SymmetricTopEigen.of(s, 0).values()).isEmpty();
    }

    private static double[] ejmlEigenvalues(DMatrixRMaj s) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, false, true);
        assertThat(eig.decompose(s.copy())).isTrue();
        double[] all = new double[s.numRows];
        for (int i = 0; i < all.length; i++) {
            all[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(all);
        return all;
    }

    private static double residual(DMatrixRMaj s, SymmetricTopEigen top) {
        DMatrixRMaj sv = new DMatrixRMaj(s.numRows, top.values().length);
        CommonOps_DDRM.mult(s, top.vectors(), sv);
        double max = 0;
        for (int i = 0; i < s.numRows; i++) {
            for (int j = 0; j < top.values().length; j++) {
                max = Math.max(max, Math.abs(sv.get(i, j) - top.values()[j] * top.vectors().get(i, j)));
            }
        }
        return max;
    }
}
