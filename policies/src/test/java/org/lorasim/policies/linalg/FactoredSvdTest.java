package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lorasim.policies.testing.RandomFactors;

class FactoredSvdTest {

    @Test
    void diagonalSumHasItsEntriesAsSingularValues() {
        // Prepare: 2 * [1;0][1 0] + 1 * [0;1][0 3] = [[2,0],[0,3]]: singular values 3 and 2
        LowRankSum sum = new LowRankSum(List.of(
                new LowRankSum.Term(2.0, new DMatrixRMaj(new double[][] {{1}, {0}}), new DMatrixRMaj(new double[][] {{1, 0}})),
                new LowRankSum.Term(1.0, new DMatrixRMaj(new double[][] {{0}, {1}}), new DMatrixRMaj(new double[][] {{0, 3}}))));

        // Execute
        TruncatedSvd svd = FactoredSvd.topK(sum, 2);

        // Assert: sigma = (3, 2); the rank-1 part keeps only the 3 in the corner
        assertThat(svd.singularValues()).containsExactly(new double[] {3, 2}, within(1e-12));
        assertThat(svd.reconstruct(1).data).containsExactly(new double[] {0, 0, 0, 3}, within(1e-12));
        assertThat(svd.reconstruct(2).data).containsExactly(new double[] {2, 0, 0, 3}, within(1e-12));
    }

    @Test
    void rankOneOuterProductHasOneNonZeroSingularValue() {
        // Prepare: 0.5 * [2;0;0] [0 4] = [[0,4],[0,0],[0,0]]: sigma_1 = |0.5| * 2 * 4 = 4, sigma_2 = 0
        LowRankSum sum = new LowRankSum(List.of(new LowRankSum.Term(0.5,
                new DMatrixRMaj(new double[][] {{2}, {0}, {0}}), new DMatrixRMaj(new double[][] {{0, 4}}))));

        // Execute: k = 2 > R = 1, so the second direction is a zero-valued completion
        TruncatedSvd svd = FactoredSvd.topK(sum, 2);

        // Assert
        assertThat(svd.singularValues()).containsExactly(new double[] {4, 0}, within(1e-12));
        assertOrthonormalColumns(svd.u());
        assertOrthonormalColumns(CommonOps_DDRM.transpose(svd.vt(), null));
        assertThat(svd.reconstruct(2).data).containsExactly(new double[] {0, 4, 0, 0, 0, 0}, within(1e-12));
    }

    @Test
    void agreesWithTheFullSvdOverRandomShapesIncludingWideAndRankDeficientCases() {
        for (int seed = 0; seed < 120; seed++) {
            // Prepare: shapes up to 30, 1..5 terms of rank 1..9, so R is sometimes > rows or > cols
            RandomGenerator rng = RandomFactors.rng(seed);
            int rows = 1 + rng.nextInt(30);
            int cols = 1 + rng.nextInt(30);
            int[] ranks = rng.ints(1 + rng.nextInt(5), 1, 10).toArray();
            LowRankSum sum = RandomFactors.lowRankSum(rng, rows, cols, ranks);
            int k = 1 + rng.nextInt(Math.min(rows, cols));

            // Execute
            TruncatedSvd factored = FactoredSvd.topK(sum, k);
            TruncatedSvd full = FullSvd.topK(sum.dense(), k);

            // Assert: same spectrum and same best rank-r approximations; orthonormal vectors
            double scale = full.singularValues()[0];
            for (int j = 0; j < k; j++) {
                assertThat(factored.singularValues()[j]).as("seed %d sigma_%d", seed, j)
                        .isCloseTo(full.singularValues()[j], within(1e-10 * scale));
            }
            for (int r = 1; r <= k; r++) {
                assertThat(RandomFactors.relativeDistance(factored.reconstruct(r).data, full.reconstruct(r).data))
                        .as("seed %d rank %d", seed, r).isLessThan(1e-8);
            }
            assertOrthonormalColumns(factored.u());
            assertOrthonormalColumns(CommonOps_DDRM.transpose(factored.vt(), null));
        }
    }

    @Test
    void keepingEveryDirectionReproducesTheSum() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            RandomGenerator rng = RandomFactors.rng(1000 + seed);
            int rows = 2 + rng.nextInt(20);
            int cols = 2 + rng.nextInt(20);
            LowRankSum sum = RandomFactors.lowRankSum(rng, rows, cols, rng.ints(1 + rng.nextInt(3), 1, 6).toArray());

            // Execute
            TruncatedSvd svd = FactoredSvd.topK(sum, Math.min(rows, cols));

            // Assert
            assertThat(RandomFactors.relativeDistance(svd.reconstruct(svd.rank()).data, sum.dense().data))
                    .as("seed %d", seed).isLessThan(1e-10);
        }
    }

    @Test
    void zeroFactorsGiveZeroSingularValuesAndOrthonormalVectors() {
        // Prepare: a fresh LoRA, B = 0
        LowRankSum sum = new LowRankSum(List.of(new LowRankSum.Term(1.0, new DMatrixRMaj(5, 2),
                RandomFactors.gaussianMatrix(RandomFactors.rng(3), 2, 4))));

        // Execute
        TruncatedSvd svd = FactoredSvd.topK(sum, 3);

        // Assert
        assertThat(svd.singularValues()).containsOnly(0.0);
        assertOrthonormalColumns(svd.u());
        assertOrthonormalColumns(CommonOps_DDRM.transpose(svd.vt(), null));
    }

    @Test
    void handlesWidelySpreadSpectraAndDuplicatedClients() {
        for (int seed = 0; seed < 30; seed++) {
            // Prepare: sigma_i = 10^-i (down to 1e-13) from orthonormal factors, plus the same term again,
            // so the stacked factors are exactly rank-deficient and the core has (near-)zero singular values
            RandomGenerator rng = RandomFactors.rng(700 + seed);
            int rows = 15 + rng.nextInt(10);
            int cols = 15 + rng.nextInt(10);
            int r = 14;
            DMatrixRMaj u = orthonormal(rng, rows, r);
            DMatrixRMaj vt = CommonOps_DDRM.transpose(orthonormal(rng, cols, r), null);
            DMatrixRMaj b = u.copy();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < r; j++) {
                    b.set(i, j, b.get(i, j) * Math.pow(10, -j));
                }
            }
            LowRankSum sum = new LowRankSum(List.of(new LowRankSum.Term(0.5, b, vt), new LowRankSum.Term(0.5, b, vt)));

            // Execute
            TruncatedSvd svd = FactoredSvd.topK(sum, Math.min(rows, cols));

            // Assert: sigma_1 = 1; every reconstruction within 1e-12 of the full one; vectors orthonormal
            assertThat(svd.singularValues()[0]).isCloseTo(1.0, within(1e-12));
            assertThat(svd.singularValues()[3]).isCloseTo(1e-3, within(1e-12));
            for (int rank = 1; rank <= svd.rank(); rank++) {
                assertThat(RandomFactors.relativeDistance(svd.reconstruct(rank).data, FullSvd.topK(sum, rank).reconstruct(rank).data))
                        .as("seed %d rank %d", seed, rank).isLessThan(1e-10);
            }
            assertOrthonormalColumns(svd.u());
            assertOrthonormalColumns(CommonOps_DDRM.transpose(svd.vt(), null));
        }
    }

    private static DMatrixRMaj orthonormal(RandomGenerator rng, int n, int m) {
        org.ejml.interfaces.decomposition.QRDecomposition<DMatrixRMaj> qr =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.qr(n, m);
        qr.decompose(RandomFactors.gaussianMatrix(rng, n, m));
        return qr.getQ(null, true);
    }

    @Test
    void isDeterministic() {
        // Prepare
        LowRankSum sum = RandomFactors.lowRankSum(RandomFactors.rng(9), 17, 11, 3, 5, 2);

        // Execute
        TruncatedSvd first = FactoredSvd.topK(sum, 6);
        TruncatedSvd second = FactoredSvd.topK(sum, 6);

        // Assert
        assertThat(first).isEqualTo(second);
    }

    @ParameterizedTest
    @EnumSource(SvdRoute.class)
    void rejectsRanksOutsideOneToMinOfTheShape(SvdRoute route) {
        // Prepare: a 4x3 sum
        LowRankSum sum = RandomFactors.lowRankSum(RandomFactors.rng(1), 4, 3, 2);

        // Execute / Assert
        assertThatThrownBy(() -> route.topK(sum, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requested rank k").hasMessageContaining("0");
        assertThatThrownBy(() -> route.topK(sum, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=4").hasMessageContaining("min(rows, cols)=3");
    }

    @Test
    void rejectsTermsOfDifferentShapes() {
        // Prepare
        RandomGenerator rng = RandomFactors.rng(2);
        LowRankSum.Term a = new LowRankSum.Term(1, RandomFactors.gaussianMatrix(rng, 4, 2), RandomFactors.gaussianMatrix(rng, 2, 3));
        LowRankSum.Term b = new LowRankSum.Term(1, RandomFactors.gaussianMatrix(rng, 5, 2), RandomFactors.gaussianMatrix(rng, 2, 3));

        // Execute / Assert
        assertThatThrownBy(() -> new LowRankSum(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term 1 is 5x3").hasMessageContaining("4x3");
        assertThatThrownBy(() -> new LowRankSum(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low-rank terms must not be empty");
        assertThatThrownBy(() -> new LowRankSum.Term(Double.NaN, a.b(), a.a()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term weight");
        assertThatThrownBy(() -> new LowRankSum.Term(1, a.b(), RandomFactors.gaussianMatrix(rng, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term rank mismatch");
    }

    static void assertOrthonormalColumns(DMatrixRMaj q) {
        DMatrixRMaj gram = new DMatrixRMaj(q.numCols, q.numCols);
        CommonOps_DDRM.multTransA(q, q, gram);
        assertThat(MatrixFeatures_DDRM.isIdentity(gram, 1e-10)).as("Q^T Q = I for %s", q.numRows + "x" + q.numCols).isTrue();
    }
}
