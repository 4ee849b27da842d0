package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixingMatrixTest {
    private static final double EPS = 1e-12;

    @Test
    void metropolisHastingsOnARingOfThreeIsAThirdEverywhere() {
        // Prepare: every degree is 2, so q_ij = 1 / (1 + 2) = 1/3 and q_ii = 1 - 2/3 = 1/3
        Topology ring = Topologies.ring(3);

        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(ring);

        // Assert: Q = J / 3 averages in one step, eigenvalues 1, 0, 0, gap 1
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(w.weight(i, j)).isCloseTo(1.0 / 3, within(EPS));
            }
        }
        assertThat(w.spectralGap()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void metropolisHastingsOnAPathOfThree() {
        // Prepare: degrees 1, 2, 1; every edge touches node 1 of degree 2: q = 1/3
        // q_00 = 1 - 1/3 = 2/3, q_11 = 1 - 2/3 = 1/3
        Topology path = Topologies.path(3);

        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(path);

        // Assert: eigenvalues 1, 2/3 (vector (1, 0, -1)) and 5/3 - 1 - 2/3 = 0 (trace 5/3): gap 1/3
        assertThat(w.row(0)).containsExactly(new double[]{2.0 / 3, 1.0 / 3, 0}, within(EPS));
        assertThat(w.row(1)).containsExactly(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}, within(EPS));
        assertThat(w.row(2)).containsExactly(new double[]{0, 1.0 / 3, 2.0 / 3}, within(EPS));
        assertThat(w.eigenvalues()).containsExactly(new double[]{1, 2.0 / 3, 0}, within(1e-9));
        assertThat(w.spectralGap()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void metropolisHastingsOnAStarOfFour() {
        // Prepare: centre degree 3, leaves degree 1: q_0j = 1/(1+3) = 1/4, q_00 = 1 - 3/4 = 1/4, q_jj = 3/4
        Topology star = Topologies.star(4);

        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(star);

        // Assert: leaf differences (0,1,-1,0) have eigenvalue 3/4 (twice); trace 1/4 + 9/4 = 5/2 leaves
        // 5/2 - 1 - 3/2 = 0 for the last one: |lambda_2| = 3/4, gap 1/4
        assertThat(w.row(0)).containsExactly(new double[]{0.25, 0.25, 0.25, 0.25}, within(EPS));
        assertThat(w.row(2)).containsExactly(new double[]{0.25, 0, 0.75, 0}, within(EPS));
        assertThat(w.eigenvalues()).containsExactly(new double[]{1, 0.75, 0.75, 0}, within(1e-9));
        assertThat(w.spectralGap()).isCloseTo(0.25, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 13})
    void metropolisHastingsOnTheCompleteGraphAveragesInOneStep(int n) {
        // Prepare: every degree n - 1: q_ij = 1/n, q_ii = 1 - (n-1)/n = 1/n
        Topology complete = Topologies.complete(n);

        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(complete);

        // Assert: Q = J / n has eigenvalues 1, 0, ..., 0: gap 1
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(w.weight(i, j)).isCloseTo(1.0 / n, within(EPS));
            }
        }
        assertThat(w.spectralGap()).isCloseTo(1.0, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 10, 16, 25})
    void ringGapMatchesTheClosedForm(int n) {
        // Prepare: the circulant with weights 1/3 has eigenvalues 1/3 + 2/3 cos(2 pi k / n), k = 0..n-1
        double secondModulus = 0;
        for (int k = 1; k < n; k++) {
            secondModulus = Math.max(secondModulus, Math.abs(1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI * k / n)));
        }

        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(Topologies.ring(n));

        // Assert: e.g. n = 4: max(|1/3 + 0|, |1/3 - 2/3|) = 1/3, gap 2/3
        assertThat(w.secondLargestEigenvalueModulus()).isCloseTo(secondModulus, within(1e-9));
        assertThat(w.spectralGap()).isCloseTo(1 - secondModulus, within(1e-9));
        if (n == 4) {
            assertThat(w.spectralGap()).isCloseTo(2.0 / 3, within(1e-9));
        }
    }

    @Test
    void laplacianRuleOnAPathOfThree() {
        // Prepare: L of the path has eigenvalues 0, 1, 3; step 2 / (3 * 3) = 2/9
        // q_01 = 2/9, q_00 = 1 - 2/9 = 7/9, q_11 = 1 - 2 * 2/9 = 5/9
        Topology path = Topologies.path(3);

        // Execute
        MixingMatrix w = MixingMatrix.laplacian(path);

        // Assert: eigenvalues 1 - (2/9) {0, 1, 3} = 1, 7/9, 1/3: gap 2/9
        assertThat(w.row(0)).containsExactly(new double[]{7.0 / 9, 2.0 / 9, 0}, within(EPS));
        assertThat(w.row(1)).containsExactly(new double[]{2.0 / 9, 5.0 / 9, 2.0 / 9}, within(EPS));
        assertThat(w.eigenvalues()).containsExactly(new double[]{1, 7.0 / 9, 1.0 / 3}, within(1e-9));
        assertThat(w.spectralGap()).isCloseTo(2.0 / 9, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8, 12})
    void laplacianRuleOnAnEvenRing(int n) {
        // Prepare: lambda_max(L) = 4 on an even ring: q_ij = (2/3) / 4 = 1/6, q_ii = 1 - 2/6 = 2/3;
        // eigenvalues 2/3 + cos(2 pi k / n) / 3, so the gap is (1 - cos(2 pi / n)) / 3 (n = 4: 1/3)
        double gap = (1 - Math.cos(2 * Math.PI / n)) / 3;

        // Execute
        MixingMatrix w = MixingMatrix.laplacian(Topologies.ring(n));

        // Assert
        assertThat(w.weight(0, 1)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(w.weight(0, 0)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(w.spectralGap()).isCloseTo(gap, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
            41, 42, 43, 44, 45, 46, 47, 48, 49, 50})
    void bothRulesAreSymmetricDoublyStochasticOnTheGraphAndContract(long seed) {
        // Prepare: a connected random graph of 3..30 nodes
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 3 + rng.nextInt(28);
        Topology g = Topologies.erdosRenyi(n, 0.05 + 0.5 * rng.nextDouble(), rng, ConnectivityRepair.JOIN_COMPONENTS);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }

        for (MixingMatrix w : new MixingMatrix[]{MixingMatrix.metropolisHastings(g), MixingMatrix.laplacian(g)}) {
            // Execute
            double gap = w.spectralGap();

            // Assert: the matrix properties, checked here independently of the constructor's check
            for (int i = 0; i < n; i++) {
                double rowSum = 0;
                double colSum = 0;
                for (int j = 0; j < n; j++) {
                    assertThat(w.weight(i, j)).isGreaterThanOrEqualTo(0).isEqualTo(w.weight(j, i));
                    if (i != j && !g.hasEdge(i, j)) {
                        assertThat(w.weight(i, j)).isZero();
                    }
                    rowSum += w.weight(i, j);
                    colSum += w.weight(j, i);
                }
                assertThat(rowSum).isCloseTo(1, within(1e-12));
                assertThat(colSum).isCloseTo(1, within(1e-12));
            }
            assertThat(gap).isGreaterThan(0).isLessThanOrEqualTo(1);
            // ||Q x - xbar|| <= |lambda_2| ||x - xbar||: the gap is the contraction of one step
            assertThat(deviation(apply(w, x))).isLessThanOrEqualTo(
                    w.secondLargestEigenvalueModulus() * deviation(x) + 1e-12);
        }
    }

    @Test
    void disconnectedGraphIsRejectedUnlessAllowed() {
        // Prepare: two edges, two components
        Topology g = Topology.of(4, new int[]{0, 1}, new int[]{2, 3});

        // Execute / Assert
        assertThatThrownBy(() -> MixingMatrix.metropolisHastings(g))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("graph is disconnected: 2 components");
        assertThatThrownBy(() -> MixingMatrix.laplacian(g))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("graph is disconnected: 2 components");
        // allowed: each pair averages on its own, eigenvalue 1 twice, gap 0
        MixingMatrix w = MixingMatrix.metropolisHastings(g, Connectivity.ALLOW_DISCONNECTED);
        assertThat(w.weight(0, 1)).isCloseTo(0.5, within(EPS));
        assertThat(w.spectralGap()).isCloseTo(0, within(1e-9));
    }

    @Test
    void laplacianOfAGraphWithoutEdgesIsTheIdentity() {
        // Execute
        MixingMatrix w = MixingMatrix.laplacian(Topology.empty(3), 2.0 / 3, Connectivity.ALLOW_DISCONNECTED);

        // Assert
        assertThat(w.row(1)).containsExactly(0, 1, 0);
        assertThat(w.spectralGap()).isZero();
    }

    @Test
    void singleClientHasGapOne() {
        // Execute
        MixingMatrix w = MixingMatrix.metropolisHastings(Topology.empty(1));

        // Assert
        assertThat(w.weight(0, 0)).isEqualTo(1.0);
        assertThat(w.spectralGap()).isEqualTo(1.0);
    }

    @Test
    void explicitMatrixIsChecked() {
        Topology path = Topologies.path(3);
        // a valid one: the path with 1/2 on each edge and the rest on self
        MixingMatrix ok = MixingMatrix.of(path, new double[][]{{0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}});
        assertThat(ok.weight(1, 1)).isZero();

        assertThatThrownBy(() -> MixingMatrix.of(path, new double[][]{{0.5, 0.5, 0}, {0.4, 0.2, 0.4}, {0, 0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric: q[0][1] = 0.5 but q[1][0] = 0.4");
        assertThatThrownBy(() -> MixingMatrix.of(path, new double[][]{{1.5, -0.5, 0}, {-0.5, 1, 0.5}, {0, 0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q[0][1] must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> MixingMatrix.of(path, new double[][]{{0.5, 0.5, 0}, {0.5, 0.2, 0.5}, {0, 0.5, 0.5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 of the mixing matrix sums to 1.2");
        assertThatThrownBy(() -> MixingMatrix.of(path, new double[][]{{0.5, 0.25, 0.25}, {0.25, 0.25, 0.5}, {0.25, 0.5, 0.25}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q[0][2] = 0.25 but {0, 2} is not an edge");
        assertThatThrownBy(() -> MixingMatrix.of(path, new double[][]{{1, 0}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have 3 rows, got 2");
        assertThatThrownBy(() -> MixingMatrix.laplacian(path, 1.5, Connectivity.REQUIRE_CONNECTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Laplacian factor c must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> ok.weight(0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("j must be a client in [0, 3), got 3");
    }

    private static double[] apply(MixingMatrix w, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += w.weight(i, j) * x[j];
            }
        }
        return y;
    }

    private static double deviation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum);
    }
}
