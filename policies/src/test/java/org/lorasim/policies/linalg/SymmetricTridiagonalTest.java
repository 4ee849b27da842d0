package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SymmetricTridiagonalTest {

    @Test
    void qTQTransposedRebuildsTheMatrixWithAnOrthogonalQ() {
        for (int n : new int[] {1, 2, 3, 7, 40, 129}) {
            // Prepare
            DMatrixRMaj s = randomSymmetric(new SplittableRandom(n), n);

            // Execute
            SymmetricTridiagonal tri = SymmetricTridiagonal.of(s);

            // Assert
            DMatrixRMaj q = CommonOps_DDRM.identity(n);
            tri.applyQ(q);
            DMatrixRMaj qtq = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(q, q, qtq);
            assertThat(maxAbsDifference(qtq, CommonOps_DDRM.identity(n))).as("n=%d", n).isLessThan(1e-13);
            assertThat(maxAbsDifference(rebuild(tri, q), s)).as("n=%d", n)
                    .isLessThan(1e-13 * n * CommonOps_DDRM.elementMaxAbs(s));
        }
    }

    @Test
    void aMatrixThatIsAlreadyTridiagonalOrZeroIsKeptAsItIs() {
        // Prepare: columns with nothing below the subdiagonal take no reflector
        int n = 6;
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, i + 1);
            if (i + 1 < n) {
                t.set(i, i + 1, -0.5 * (i + 1));
                t.set(i + 1, i, -0.5 * (i + 1));
            }
        }

        // Execute
        SymmetricTridiagonal tri = SymmetricTridiagonal.of(t);
        SymmetricTridiagonal zero = SymmetricTridiagonal.of(new DMatrixRMaj(n, n));

        // Assert
        assertThat(tri.diagonal()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(tri.offDiagonal()).containsExactly(-0.5, -1, -1.5, -2, -2.5);
        assertThat(zero.diagonal()).containsOnly(0.0);
        assertThat(zero.offDiagonal()).containsOnly(0.0);
        DMatrixRMaj q = CommonOps_DDRM.identity(n);
        tri.applyQ(q);
        assertThat(q.data).containsExactly(CommonOps_DDRM.identity(n).data);
    }

    @Test
    void theInputIsLeftUnchanged() {
        DMatrixRMaj s = randomSymmetric(new SplittableRandom(5), 9);
        DMatrixRMaj copy = s.copy();

        SymmetricTridiagonal.of(s);

        assertThat(s.data).containsExactly(copy.data);
    }

    private static DMatrixRMaj rebuild(SymmetricTridiagonal tri, DMatrixRMaj q) {
        int n = tri.size();
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, tri.diagonal()[i]);
            if (i + 1 < n) {
                t.set(i, i + 1, tri.offDiagonal()[i]);
                t.set(i + 1, i, tri.offDiagonal()[i]);
            }
        }
        DMatrixRMaj qt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, t, qt);
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qt, q, out);
        return out;
    }

    private static DMatrixRMaj randomSymmetric(SplittableRandom rng, int n) {
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextDouble(-1, 1);
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    private static double maxAbsDifference(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        CommonOps_DDRM.subtractEquals(d, b);
        return CommonOps_DDRM.elementMaxAbs(d);
    }
}
