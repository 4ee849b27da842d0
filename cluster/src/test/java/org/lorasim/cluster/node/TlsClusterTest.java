package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with a key store made by the JDK's keytool: two TLS nodes form a cluster, and a plain node
 * cannot join them (a clear error after its join timeout).
 */
class TlsClusterTest {

    private static final String PASSWORD = "test-only-password";

    @Test
    void twoTlsNodesFormAClusterAndAPlainNodeCannotJoinIt(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("lorasim-cluster.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "lorasim", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=lorasim-test", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        TlsSettings tls = TlsSettings.withKeyStore(keyStore, PASSWORD);
        try (ClusterNode first = ClusterNode.start(TestNodes.settings(Set.of(NodeRole.COORDINATOR), List.of())
                .withTls(tls), TestNodes.BASE);
             ClusterNode second = ClusterNode.start(TestNodes.settings(Set.of(NodeRole.CLIENTS),
                     List.of(first.asSeed())).withTls(tls), TestNodes.BASE)) {
            ClusterRoles.awaitMembersUp(first.system(), 2, Duration.ofSeconds(20));
            assertThat(Cluster.get(first.system()).state().getMembers()).hasSize(2);
            assertThat(Cluster.get(second.system()).selfMember().status().toString()).isEqualTo("Up");

            NodeSettings plain = TestNodes.settings(Set.of(NodeRole.TRAINER), List.of(first.asSeed()))
                    .withJoinTimeout(Duration.ofSeconds(3));
            assertThatThrownBy(() -> ClusterNode.start(plain, TestNodes.BASE))
                    .isInstanceOf(NodeStartException.class)
                    .hasMessageContaining("seed nodes tried: " + first.address())
                    .hasMessageContaining("TLS (lorasim.cluster.tls.enabled) is on for all nodes or for none");
            assertThat(Cluster.get(first.system()).state().getMembers()).hasSize(2);
        }
    }
}
