package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.testing.RandomFactors;

class GramSvdTest {

    @Test
    void agreesWithTheFullSvdToOneInABillionOverRandomShapes() {
        for (int seed = 0; seed < 120; seed++) {
            // Prepare: shapes up to 40, 1..6 Gaussian terms of rank 1..9, so R is sometimes > rows or > cols
            RandomGenerator rng = RandomFactors.rng(seed);
            int rows = 1 + rng.nextInt(40);
            int cols = 1 + rng.nextInt(40);
            LowRankSum sum = RandomFactors.lowRankSum(rng, rows, cols, rng.ints(1 + rng.nextInt(6), 1, 10).toArray());
            int k = 1 + rng.nextInt(Math.min(rows, cols));

            // Execute
            TruncatedSvd gram = GramSvd.topK(sum, k);
            TruncatedSvd full = FullSvd.topK(sum.dense(), k);

            // Assert: same spectrum and best rank-r approximations to 1e-9 of sigma_1; orthonormal vectors
            double scale = full.singularValues()[0];
            for (int j = 0; j < k; j++) {
                assertThat(gram.singularValues()[j]).as("seed %d sigma_%d", seed, j)
                        .isCloseTo(full.singularValues()[j], within(1e-9 * scale));
            }
            for (int r = 1; r <= k; r++) {
                assertThat(maxAbsDifference(gram.reconstruct(r), full.reconstruct(r)))
                        .as("seed %d rank %d", seed, r).isLessThan(1e-9 * scale);
            }
            FactoredSvdTest.assertOrthonormalColumns(gram.u());
            FactoredSvdTest.assertOrthonormalColumns(CommonOps_DDRM.transpose(gram.vt(), null));
        }
    }

    @Test
    void agreesWithTheFactoredRouteAtAnAdapterLikeShape() {
        // Prepare: 20 clients of ranks 1..8 on a 96 x 160 matrix, top 8 kept, as FlexLoRA does
        RandomGenerator rng = RandomFactors.rng(77);
        LowRankSum sum = RandomFactors.lowRankSum(rng, 96, 160, rng.ints(20, 1, 9).toArray());

        // Execute
        TruncatedSvd gram = GramSvd.topK(sum, 8);
        TruncatedSvd factored = FactoredSvd.topK(sum, 8);

        // Assert
        double scale = factored.singularValues()[0];
        assertThat(gram.singularValues()).containsExactly(factored.singularValues(), within(1e-9 * scale));
        assertThat(maxAbsDifference(gram.reconstruct(8), factored.reconstruct(8))).isLessThan(1e-9 * scale);
    }

    @Test
    void duplicatedClientsAndZeroFactorsAreRankDeficientNotFailures() {
        // Prepare: the same term twice (the stacked factors have rank 3 of R = 6) and a client with B = 0
        RandomGenerator rng = RandomFactors.rng(5);
        DMatrixRMaj b = RandomFactors.gaussianMatrix(rng, 12, 3);
        DMatrixRMaj a = RandomFactors.gaussianMatrix(rng, 3, 9);
        LowRankSum sum = new LowRankSum(List.of(new LowRankSum.Term(0.25, b, a), new LowRankSum.Term(0.25, b, a),
                new LowRankSum.Term(0.5, new DMatrixRMaj(12, 2), RandomFactors.gaussianMatrix(rng, 2, 9))));

        // Execute: 5 > rank 3, so two directions are a zero-valued completion
        TruncatedSvd gram = GramSvd.topK(sum, 5);
        TruncatedSvd full = FullSvd.topK(sum.dense(), 5);

        // Assert
        double scale = full.singularValues()[0];
        for (int j = 0; j < 3; j++) {
            assertThat(gram.singularValues()[j]).isCloseTo(full.singularValues()[j], within(1e-9 * scale));
        }
        assertThat(gram.singularValues()[3]).isZero();
        assertThat(gram.singularValues()[4]).isZero();
        assertThat(maxAbsDifference(gram.reconstruct(5), sum.dense())).isLessThan(1e-9 * scale);
        FactoredSvdTest.assertOrthonormalColumns(gram.u());
        FactoredSvdTest.assertOrthonormalColumns(CommonOps_DDRM.transpose(gram.vt(), null));
    }

    @Test
    void allZeroSumHasZeroSingularValuesAndOrthonormalVectors() {
        // Prepare: a fresh LoRA, B = 0
        LowRankSum sum = new LowRankSum(List.of(new LowRankSum.Term(1.0, new DMatrixRMaj(5, 2),
                RandomFactors.gaussianMatrix(RandomFactors.rng(3), 2, 4))));

        // Execute
        TruncatedSvd svd = GramSvd.topK(sum, 3);

        // Assert
        assertThat(svd.singularValues()).containsOnly(0.0);
        FactoredSvdTest.assertOrthonormalColumns(svd.u());
        FactoredSvdTest.assertOrthonormalColumns(CommonOps_DDRM.transpose(svd.vt(), null));
    }

    @Test
    void isDeterministic() {
        // Prepare
        LowRankSum sum = RandomFactors.lowRankSum(RandomFactors.rng(9), 37, 29, 3, 5, 2, 8);

        // Execute / Assert
        assertThat(GramSvd.topK(sum, 6)).isEqualTo(GramSvd.topK(sum, 6));
    }

    static double maxAbsDifference(DMatrixRMaj x, DMatrixRMaj y) {
        double max = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            max = Math.max(max, Math.abs(x.data[i] - y.data[i]));
        }
        return max;
    }
}
