package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/** Three real nodes on loopback in one JVM: they form one cluster with their roles, and roles are waited for. */
class ClusterFormationTest {

    @Test
    void threeNodesFormOneClusterWithTheirRoles() {
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            ClusterNode coordinator = TestNodes.start(Set.of(NodeRole.COORDINATOR), List.of());
            nodes.add(coordinator);
            List<SeedNode> seeds = List.of(coordinator.asSeed());
            nodes.add(TestNodes.start(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER), seeds));
            nodes.add(TestNodes.start(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER), seeds));

            ClusterRoles.awaitRoles(coordinator.system(), Set.of(NodeRole.values()), Duration.ofSeconds(20));
            ClusterRoles.awaitMembersUp(coordinator.system(), 3, Duration.ofSeconds(20));

            Map<String, Set<String>> rolesByAddress = new TreeMap<>();
            for (Member m : Cluster.get(coordinator.system()).state().getMembers()) {
                assertThat(m.status()).isEqualTo(MemberStatus.up());
                Set<String> roles = new TreeSet<>(m.getRoles());
                roles.removeIf(r -> r.startsWith("dc-"));
                rolesByAddress.put(m.address().toString(), roles);
            }
            assertThat(rolesByAddress).containsOnlyKeys(nodes.stream().map(ClusterNode::address).toList());
            assertThat(rolesByAddress.get(coordinator.address())).containsExactly("coordinator");
            assertThat(rolesByAddress.get(nodes.get(1).address())).containsExactly("clients", "trainer");
            assertThat(nodes.get(2).port()).isNotEqualTo(nodes.get(1).port()).isPositive();
            for (ClusterNode n : nodes) {
                assertThat(n.sent().messages()).as("gossip and heartbeats sent by " + n.address()).isPositive();
                assertThat(n.sent().bytes()).isGreaterThan(n.sent().messages());
                assertThat(n.received().messages()).as("gossip and heartbeats received by " + n.address()).isPositive();
            }
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    @Test
    void aRoleNoNodeHasIsAClearErrorWithinTheTimeout() {
        try (ClusterNode node = TestNodes.start(Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS), List.of())) {
            assertThatThrownBy(() -> ClusterRoles.awaitRoles(node.system(), Set.of(NodeRole.CLIENTS,
                    NodeRole.TRAINER), Duration.ofMillis(800)))
                    .isInstanceOf(MissingRoleException.class)
                    .hasMessageStartingWith("no node has role trainer (waited 800 ms); members: "
                            + node.address() + " [clients, coordinator] Up");
        }
    }
}
