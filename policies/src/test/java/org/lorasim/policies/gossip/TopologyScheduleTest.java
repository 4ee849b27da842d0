package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.random.RngStreams;

class TopologyScheduleTest {
    // Two perfect matchings of 4 nodes: each disconnected, their union the ring 0-1-2-3-0
    private static final Topology EVEN = Topology.of(4, new int[]{0, 1}, new int[]{2, 3});
    private static final Topology ODD = Topology.of(4, new int[]{1, 2}, new int[]{3, 0});

    @Test
    void cyclingRepeatsTheList() {
        // Prepare
        TopologySchedule s = TopologySchedule.cycling(List.of(EVEN, ODD));

        // Execute / Assert: rounds 0, 2, 4 EVEN; 1, 3 ODD
        assertThat(s.at(0)).isEqualTo(EVEN);
        assertThat(s.at(1)).isEqualTo(ODD);
        assertThat(s.at(4)).isEqualTo(EVEN);
        assertThat(s.nodeCount()).isEqualTo(4);
    }

    @Test
    void disconnectedRoundsCanBeJointlyConnected() {
        // Prepare
        TopologySchedule s = TopologySchedule.cycling(List.of(EVEN, ODD));

        // Execute / Assert: no single round is connected, any two consecutive rounds are
        assertThat(s.at(0).isConnected()).isFalse();
        assertThat(s.isJointlyConnected(0, 1)).isFalse();
        assertThat(s.isJointlyConnected(3, 2)).isTrue();
        assertThat(s.unionOver(0, 2)).isEqualTo(Topologies.ring(4));
    }

    @Test
    void fixedGivesTheSameGraphEveryRound() {
        // Prepare
        TopologySchedule s = TopologySchedule.fixed(Topologies.ring(6));

        // Execute / Assert
        assertThat(s.at(0)).isEqualTo(Topologies.ring(6));
        assertThat(s.at(57)).isEqualTo(Topologies.ring(6));
    }

    @Test
    void redrawnGraphsDependOnRoundAndSeedOnly() {
        // Prepare
        TopologySchedule a = TopologySchedule.erdosRenyiPerRound(12, 0.3, new RngStreams(42), "gossip-graph");
        TopologySchedule b = TopologySchedule.erdosRenyiPerRound(12, 0.3, new RngStreams(42), "gossip-graph");

        // Execute: ask a for rounds 0..5 in order and b in reverse
        Topology[] forward = new Topology[6];
        Topology[] backward = new Topology[6];
        for (int t = 0; t < 6; t++) {
            forward[t] = a.at(t);
        }
        for (int t = 5; t >= 0; t--) {
            backward[t] = b.at(t);
        }

        // Assert: same graphs; and the rounds differ among themselves
        assertThat(backward).containsExactly(forward);
        assertThat(forward[0]).isNotEqualTo(forward[1]);
        assertThat(TopologySchedule.erdosRenyiPerRound(12, 0.3, new RngStreams(43), "gossip-graph").at(0))
                .isNotEqualTo(forward[0]);
    }

    @Test
    void redrawnGraphsMayBeDisconnectedButBuildMixingMatrices() {
        // Prepare: p = 0.05 on 10 nodes, mostly disconnected
        TopologySchedule s = TopologySchedule.erdosRenyiPerRound(10, 0.05, new RngStreams(3), "g");

        // Execute
        Topology g = s.at(0);
        MixingMatrix w = MixingMatrix.metropolisHastings(g, Connectivity.ALLOW_DISCONNECTED);

        // Assert
        assertThat(g.isConnected()).isFalse();
        assertThat(w.spectralGap()).isEqualTo(0.0);
    }

    @Test
    void rejectsGraphsOfDifferentSizes() {
        assertThatThrownBy(() -> TopologySchedule.cycling(List.of(Topologies.ring(4), Topologies.ring(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph 1 of the cycle has 5 nodes, graph 0 has 4");
        TopologySchedule wrongSize = TopologySchedule.redrawn(4, new RngStreams(1), "g", rng -> Topologies.ring(5));
        assertThatThrownBy(() -> wrongSize.at(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph drawn for round 2 has 5 nodes, the schedule has 4");
        assertThatThrownBy(() -> TopologySchedule.fixed(Topologies.ring(4)).at(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round must be >= 0, got -1");
        assertThatThrownBy(() -> TopologySchedule.cycling(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graphs must not be empty");
    }
}
