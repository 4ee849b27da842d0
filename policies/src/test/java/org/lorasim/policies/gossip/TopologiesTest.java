package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.random.RngStreams;

class TopologiesTest {

    @Test
    void ringOfFive() {
        // Execute
        Topology g = Topologies.ring(5);

        // Assert: 5 edges, node 0 between 1 and 4, node 4 between 3 and 0
        assertThat(g.edgeCount()).isEqualTo(5);
        assertThat(g.neighbours(0)).containsExactly(1, 4);
        assertThat(g.neighbours(4)).containsExactly(0, 3);
        assertThat(g.isConnected()).isTrue();
    }

    @Test
    void ringOfTwoIsOneEdge() {
        // Execute
        Topology g = Topologies.ring(2);

        // Assert
        assertThat(g.edgeCount()).isEqualTo(1);
        assertThat(g.neighbours(0)).containsExactly(1);
    }

    @Test
    void torusThreeByFourHasDegreeFour() {
        // Execute
        Topology g = Topologies.torus(3, 4);

        // Assert: 12 nodes x 4 / 2 = 24 edges; node 0 = (0,0): right 1, left 3, down 4, up 8
        assertThat(g.nodeCount()).isEqualTo(12);
        assertThat(g.edgeCount()).isEqualTo(24);
        assertThat(g.neighbours(0)).containsExactly(1, 3, 4, 8);
        for (int i = 0; i < 12; i++) {
            assertThat(g.degree(i)).isEqualTo(4);
        }
    }

    @Test
    void torusWithASideOfTwoJoinsTheWrapOnce() {
        // Execute
        Topology g = Topologies.torus(2, 3);

        // Assert: rows 0 and 1 joined once per column (3 edges) plus two 3-cycles (6 edges) = 9; degree 3
        assertThat(g.edgeCount()).isEqualTo(9);
        assertThat(g.neighbours(0)).containsExactly(1, 2, 3);
        assertThat(Topologies.torus(1, 5)).isEqualTo(Topologies.ring(5));
    }

    @Test
    void starAndComplete() {
        // Execute
        Topology star = Topologies.star(5);
        Topology complete = Topologies.complete(5);

        // Assert: star 4 edges, centre degree 4; K_5 has 5*4/2 = 10 edges
        assertThat(star.edgeCount()).isEqualTo(4);
        assertThat(star.degree(0)).isEqualTo(4);
        assertThat(star.neighbours(3)).containsExactly(0);
        assertThat(complete.edgeCount()).isEqualTo(10);
        assertThat(complete.neighbours(2)).containsExactly(0, 1, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomRegularGraphsAreSimpleAndRegular(long seed) {
        // Prepare: sizes and degrees from the seed, n * k even
        SplittableRandom pick = new SplittableRandom(seed);
        int n = 4 + pick.nextInt(40);
        int k = 1 + pick.nextInt(n - 1);
        if ((n * k) % 2 == 1) {
            k = k == n - 1 ? k - 1 : k + 1;
        }

        // Execute
        Topology g = Topologies.randomRegular(n, k, new RngStreams(seed).stream("topology"));

        // Assert: every degree is k, so n k / 2 edges (the builder already rejects loops and double edges)
        for (int i = 0; i < n; i++) {
            assertThat(g.degree(i)).as("degree of node %d, n=%d, k=%d", i, n, k).isEqualTo(k);
        }
        assertThat(g.edgeCount()).isEqualTo(n * k / 2);
        assertThat(Topologies.randomRegular(n, k, new RngStreams(seed).stream("topology"))).isEqualTo(g);
    }

    @Test
    void randomRegularDependsOnTheSeed() {
        // Execute
        Topology a = Topologies.randomRegular(30, 4, new SplittableRandom(1));
        Topology b = Topologies.randomRegular(30, 4, new SplittableRandom(2));

        // Assert: among the astronomically many 4-regular graphs on 30 nodes, two seeds give different ones
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void erdosRenyiEdgeCountMatchesP() {
        // Prepare: n = 200, p = 0.1: mean 19900 * 0.1 = 1990 edges, sd sqrt(19900 * 0.1 * 0.9) = 42.3
        SplittableRandom rng = new SplittableRandom(7);

        // Execute
        Topology g = Topologies.erdosRenyi(200, 0.1, rng, ConnectivityRepair.NONE);

        // Assert: within 4 sd
        assertThat(g.edgeCount()).isBetween(1990 - 170, 1990 + 170);
    }

    @Test
    void erdosRenyiPairsAreEquallyLikely() {
        // Prepare: 2000 draws of G(5, 0.3); each of the 10 pairs appears ~600 times (sd sqrt(2000*.3*.7) = 20.5)
        SplittableRandom rng = new SplittableRandom(11);
        int[][] count = new int[5][5];

        // Execute
        for (int draw = 0; draw < 2000; draw++) {
            Topology g = Topologies.erdosRenyi(5, 0.3, rng, ConnectivityRepair.NONE);
            for (int i = 0; i < 5; i++) {
                for (int j : g.neighbours(i)) {
                    count[i][j]++;
                }
            }
        }

        // Assert: within 5 sd of 600 for every pair
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                assertThat(count[i][j]).as("pair {%d, %d}", i, j).isBetween(600 - 103, 600 + 103);
            }
        }
    }

    @Test
    void erdosRenyiExtremes() {
        // Execute / Assert: p = 0 no edges, p = 1 the complete graph
        assertThat(Topologies.erdosRenyi(6, 0, new SplittableRandom(1), ConnectivityRepair.NONE).edgeCount()).isZero();
        assertThat(Topologies.erdosRenyi(6, 1, new SplittableRandom(1), ConnectivityRepair.NONE))
                .isEqualTo(Topologies.complete(6));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void joinComponentsAddsOneEdgePerExtraComponent(long seed) {
        // Prepare: sparse draws (mean degree 1.5) are disconnected; the repaired draw starts from the same one
        Topology raw = Topologies.erdosRenyi(40, 1.5 / 39, new SplittableRandom(seed), ConnectivityRepair.NONE);

        // Execute
        Topology joined = Topologies.erdosRenyi(40, 1.5 / 39, new SplittableRandom(seed), ConnectivityRepair.JOIN_COMPONENTS);

        // Assert: connected, contains the raw graph, and exactly components - 1 more edges
        assertThat(joined.isConnected()).isTrue();
        assertThat(joined.union(raw)).isEqualTo(joined);
        assertThat(joined.edgeCount()).isEqualTo(raw.edgeCount() + raw.componentCount() - 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void resampleGivesConnectedGraphs(long seed) {
        // Execute: p = 0.15 on 20 nodes is often disconnected (threshold ln 20 / 20 = 0.15)
        Topology g = Topologies.erdosRenyi(20, 0.15, new SplittableRandom(seed), ConnectivityRepair.RESAMPLE);

        // Assert
        assertThat(g.isConnected()).isTrue();
    }

    @Test
    void resampleGivesUpWhenPIsTooSmall() {
        // Execute / Assert: p = 0 on 5 nodes is never connected
        assertThatThrownBy(() -> Topologies.erdosRenyi(5, 0, new SplittableRandom(1), ConnectivityRepair.RESAMPLE, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no connected G(n, p) with n = 5, p = 0.0 in 10 draws");
    }

    @Test
    void badArgumentsNameTheProblem() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThatThrownBy(() -> Topologies.ring(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ring needs at least 2 nodes, got n = 1");
        assertThatThrownBy(() -> Topologies.star(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("star needs at least 2 nodes");
        assertThatThrownBy(() -> Topologies.torus(0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("torus rows must be > 0, got 0");
        assertThatThrownBy(() -> Topologies.randomRegular(5, 3, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n * k must be even, got n = 5, k = 3");
        assertThatThrownBy(() -> Topologies.randomRegular(4, 4, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degree k must be < n, got k = 4, n = 4");
        assertThatThrownBy(() -> Topologies.randomRegular(4, 0, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degree k must be > 0");
        assertThatThrownBy(() -> Topologies.erdosRenyi(4, 1.5, rng, ConnectivityRepair.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge probability p must be a probability");
        assertThatThrownBy(() -> Topologies.erdosRenyi(4, Double.NaN, rng, ConnectivityRepair.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge probability p");
    }
}
