package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void edgesAreStoredAsSortedNeighbourArrays() {
        // Prepare: edges given out of order and in both orientations
        int[][] edges = {{3, 0}, {0, 1}, {2, 0}, {1, 2}};

        // Execute
        Topology g = Topology.of(4, edges);

        // Assert: node 0 touches 1, 2, 3; node 1 touches 0, 2
        assertThat(g.neighbours(0)).containsExactly(1, 2, 3);
        assertThat(g.neighbours(1)).containsExactly(0, 2);
        assertThat(g.neighbours(3)).containsExactly(0);
        assertThat(g.degree(0)).isEqualTo(3);
        assertThat(g.maxDegree()).isEqualTo(3);
        assertThat(g.edgeCount()).isEqualTo(4);
        assertThat(g.hasEdge(2, 1)).isTrue();
        assertThat(g.hasEdge(3, 1)).isFalse();
    }

    @Test
    void neighbourArrayIsACopy() {
        // Prepare
        Topology g = Topologies.ring(4);

        // Execute
        g.neighbours(0)[0] = 99;

        // Assert
        assertThat(g.neighbours(0)).containsExactly(1, 3);
    }

    @Test
    void countsComponents() {
        // Prepare: {0,1}, {2,3,4} and the isolated node 5
        Topology g = Topology.of(6, new int[]{0, 1}, new int[]{2, 3}, new int[]{3, 4});

        // Execute
        int count = g.componentCount();

        // Assert: labels numbered by smallest node
        assertThat(count).isEqualTo(3);
        assertThat(g.componentLabels()).containsExactly(0, 0, 1, 1, 1, 2);
        assertThat(g.isConnected()).isFalse();
        assertThat(Topology.empty(1).isConnected()).isTrue();
    }

    @Test
    void requireConnectedNamesTheComponentCount() {
        // Prepare
        Topology g = Topology.of(4, new int[]{0, 1}, new int[]{2, 3});

        // Execute / Assert
        assertThatThrownBy(() -> g.requireConnected("graph"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("graph is disconnected: 2 components");
        assertThat(Topologies.ring(4).requireConnected("graph")).isEqualTo(Topologies.ring(4));
    }

    @Test
    void unionHasTheEdgesOfBoth() {
        // Prepare: two perfect matchings of 4 nodes, neither connected
        Topology a = Topology.of(4, new int[]{0, 1}, new int[]{2, 3});
        Topology b = Topology.of(4, new int[]{1, 2}, new int[]{3, 0}, new int[]{0, 1});

        // Execute
        Topology u = a.union(b);

        // Assert: the 4-cycle; {0,1} counted once
        assertThat(u).isEqualTo(Topologies.ring(4));
        assertThat(u.edgeCount()).isEqualTo(4);
    }

    @Test
    void laplacianOfAPath() {
        // Prepare: path 0 - 1 - 2, degrees 1, 2, 1
        Topology g = Topologies.path(3);

        // Execute
        double[] l = g.laplacian();

        // Assert: L = D - Adj
        assertThat(l).containsExactly(
                1, -1, 0,
                -1, 2, -1,
                0, -1, 1);
    }

    @Test
    void rejectsSelfLoopsDuplicatesAndNodesOutOfRange() {
        assertThatThrownBy(() -> Topology.of(3, new int[]{1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("self-loop at node 1");
        assertThatThrownBy(() -> Topology.of(3, new int[]{0, 1}, new int[]{1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge {1, 0} is given twice");
        assertThatThrownBy(() -> Topology.of(3, new int[]{0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0, 3)");
        assertThatThrownBy(() -> Topology.of(3, new int[]{0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair");
        assertThatThrownBy(() -> Topology.of(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node count");
        assertThatThrownBy(() -> Topologies.ring(3).degree(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node must be a node in [0, 3), got 3");
        assertThatThrownBy(() -> Topologies.ring(3).union(Topologies.ring(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 and 4 nodes");
    }
}
