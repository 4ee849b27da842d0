package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node that cannot start says why, naming what to change, and leaves nothing running. */
class NodeStartProblemsTest {

    @Test
    void anUnreachableSeedNodeFailsAfterTheJoinTimeoutNamingTheSeedsTried() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        NodeSettings settings = TestNodes.settings(Set.of(NodeRole.CLIENTS),
                List.of(new SeedNode("127.0.0.1", closedPort))).withJoinTimeout(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ClusterNode.start(settings, TestNodes.BASE))
                .isInstanceOfSatisfying(NodeStartException.class,
                        e -> assertThat(e.reason()).isEqualTo(NodeStartException.Reason.NOT_JOINED))
                .hasMessageContaining("did not join the cluster within 1500 ms")
                .hasMessageContaining("seed nodes tried: pekko://lorasim@127.0.0.1:" + closedPort);
    }

    @Test
    void aPortInUseNamesHostAndPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeSettings settings = TestNodes.settings(Set.of(NodeRole.CLIENTS), List.of())
                    .withPort(taken.getLocalPort());
            assertThatThrownBy(() -> ClusterNode.start(settings, TestNodes.BASE))
                    .isInstanceOfSatisfying(NodeStartException.class,
                            e -> assertThat(e.reason()).isEqualTo(NodeStartException.Reason.CANNOT_BIND))
                    .hasMessageStartingWith("cannot bind 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("lorasim.cluster.port");
        }
    }

    @Test
    void aNonLoopbackBindWithoutTlsIsRefusedBeforeBinding() {
        NodeSettings settings = TestNodes.settings(Set.of(NodeRole.CLIENTS), List.of()).withHost("192.0.2.10");
        assertThatThrownBy(() -> ClusterNode.start(settings, TestNodes.BASE))
                .isInstanceOfSatisfying(NodeStartException.class, e -> assertThat(e.isBadInput()).isTrue())
                .hasMessageContaining("refusing to bind to '192.0.2.10' without TLS")
                .hasMessageContaining("lorasim.cluster.allow-public-bind");
    }
}
