package org.lorasim.training.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.linalg.DenseKernel;
import org.lorasim.policies.linalg.GramSvd;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.StackedFactors;
import org.lorasim.policies.linalg.TruncatedSvd;

class TorchDenseKernelTest {
    private static final DenseKernel TORCH = TorchDenseKernel.INSTANCE;

    @Test
    void productsMatchTheJavaKernelAndTheGramIsExactlySymmetric() {
        // Prepare
        SplittableRandom rng = new SplittableRandom(3);
        DMatrixRMaj x = gaussian(rng, 57, 23);
        DMatrixRMaj y = gaussian(rng, 23, 11);
        DMatrixRMaj z = gaussian(rng, 57, 11);

        // Execute
        DMatrixRMaj gram = TORCH.gram(x);
        DMatrixRMaj product = TORCH.mult(x, y);
        DMatrixRMaj transposed = TORCH.multTransA(x, z);

        // Assert
        assertThat(maxAbsDifference(gram, DenseKernel.JAVA.gram(x))).isLessThan(1e-11);
        assertThat(maxAbsDifference(product, DenseKernel.JAVA.mult(x, y))).isLessThan(1e-11);
        assertThat(maxAbsDifference(transposed, DenseKernel.JAVA.multTransA(x, z))).isLessThan(1e-11);
        for (int i = 0; i < 23; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(gram.get(i, j)).isEqualTo(gram.get(j, i));
            }
        }
    }

    @Test
    void stackedFactorsGiveTheHeapProductsWithExactlySymmetricBlockedGrams() {
        for (int clients : new int[] {1, 3, 20}) {
            // Prepare: R from 1..16 (one client) to about 170, so the Gram blocks are 1 to 43 columns wide
            SplittableRandom rng = new SplittableRandom(clients);
            LowRankSum sum = randomSum(rng, 37, 29, clients);
            int rank = sum.rank();
            DMatrixRMaj y = gaussian(rng, rank, 5);
            DMatrixRMaj left = sum.stackedLeft();
            DMatrixRMaj right = sum.stackedRightTransposed();

            // Execute
            DMatrixRMaj leftGram;
            DMatrixRMaj rightGram;
            DMatrixRMaj leftTimes;
            DMatrixRMaj rightTimes;
            try (StackedFactors stacked = TORCH.stack(sum)) {
                leftGram = stacked.leftGram();
                rightGram = stacked.rightGram();
                leftTimes = stacked.leftTimes(y);
                rightTimes = stacked.rightTimes(y);
            }

            // Assert
            double scale = CommonOps_DDRM.elementMaxAbs(DenseKernel.JAVA.gram(left));
            assertThat(maxAbsDifference(leftGram, DenseKernel.JAVA.gram(left))).as("%d clients", clients)
                    .isLessThan(1e-12 * scale);
            assertThat(maxAbsDifference(rightGram, DenseKernel.JAVA.gram(right))).as("%d clients", clients)
                    .isLessThan(1e-12 * CommonOps_DDRM.elementMaxAbs(rightGram));
            assertThat(maxAbsDifference(leftTimes, DenseKernel.JAVA.mult(left, y))).isLessThan(1e-10);
            assertThat(maxAbsDifference(rightTimes, DenseKernel.JAVA.mult(right, y))).isLessThan(1e-10);
            for (DMatrixRMaj g : List.of(leftGram, rightGram)) {
                for (int i = 0; i < rank; i++) {
                    for (int j = 0; j < i; j++) {
                        assertThat(g.get(i, j)).isEqualTo(g.get(j, i));
                    }
                }
            }
        }
    }

    @Test
    void gramSvdOnTorchAgreesWithTheJavaKernelToOneInABillionOfSigmaOne() {
        for (int seed = 0; seed < 20; seed++) {
            // Prepare: shapes up to 60, 1..8 clients of rank 1..9, so R is sometimes above rows or cols
            SplittableRandom rng = new SplittableRandom(seed);
            int rows = 1 + rng.nextInt(60);
            int cols = 1 + rng.nextInt(60);
            LowRankSum sum = randomSum(rng, rows, cols, 1 + rng.nextInt(8));
            int k = 1 + rng.nextInt(Math.min(rows, cols));

            // Execute
            TruncatedSvd torch = GramSvd.topK(sum, k, TORCH);
            TruncatedSvd java = GramSvd.topK(sum, k, DenseKernel.JAVA);

            // Assert
            double scale = java.singularValues()[0];
            assertThat(torch.singularValues()).as("seed %d", seed)
                    .containsExactly(java.singularValues(), within(1e-9 * scale));
            for (int r = 1; r <= k; r++) {
                if (r < k && java.singularValues()[r - 1] - java.singularValues()[r] < 1e-6 * scale) {
                    continue;
                }
                assertThat(maxAbsDifference(torch.reconstruct(r), java.reconstruct(r)))
                        .as("seed %d rank %d", seed, r).isLessThan(1e-9 * scale);
            }
        }
    }

    @Test
    void repeatsBitForBitAtAnAdapterLikeShape() {
        // Prepare: 20 clients of ranks 1..16 on a 384 x 256 matrix (R around 170), top 16
        LowRankSum sum = randomSum(new SplittableRandom(11), 384, 256, 20);

        // Execute
        TruncatedSvd first = GramSvd.topK(sum, 16, TORCH);
        TruncatedSvd second = GramSvd.topK(sum, 16, TORCH);

        // Assert
        assertThat(second.singularValues()).containsExactly(first.singularValues());
        assertThat(second.u().data).containsExactly(first.u().data);
        assertThat(second.vt().data).containsExactly(first.vt().data);
    }

    private static LowRankSum randomSum(SplittableRandom rng, int rows, int cols, int clients) {
        List<LowRankSum.Term> terms = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int rank = 1 + rng.nextInt(16);
            terms.add(new LowRankSum.Term(0.1 + rng.nextDouble(), gaussian(rng, rows, rank), gaussian(rng, rank, cols)));
        }
        return new LowRankSum(terms);
    }

    private static DMatrixRMaj gaussian(SplittableRandom rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = gaussian(rng);
        }
        return m;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double maxAbsDifference(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        CommonOps_DDRM.subtractEquals(d, b);
        return CommonOps_DDRM.elementMaxAbs(d);
    }
}
