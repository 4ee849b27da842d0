package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** lorasim.cluster.* read and checked, each problem naming its key; and the Pekko config built from it. */
class NodeSettingsTest {

    private static NodeSettings read(String hocon) {
        return NodeSettings.fromConfig(ConfigFactory.parseString(hocon, com.typesafe.config.ConfigParseOptions
                .defaults().setOriginDescription("node.conf")).withFallback(TestNodes.BASE).resolve());
    }

    @Test
    void theDocumentedDefaultsAreALoopbackNodeWithEveryRoleAndOneCpuSlot() {
        NodeSettings s = NodeSettings.defaults();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(2551);
        assertThat(s.roles()).containsExactlyInAnyOrder(NodeRole.values());
        assertThat(s.trainerDevices()).containsExactly(SlotDevice.CPU);
        assertThat(s.tls().enabled()).isFalse();
        assertThat(s.joinTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.seedNodes()).isEmpty();
    }

    @Test
    void rolesSeedsAndDevicesAreRead() {
        NodeSettings s = read("lorasim.cluster { roles = [clients, trainer], seed-nodes = [\"10.0.0.5:2551\","
                + " \"node-b:2552\"], trainer.devices = [cpu, \"gpu:1\"], port = 0 }");
        assertThat(s.roles()).containsExactlyInAnyOrder(NodeRole.CLIENTS, NodeRole.TRAINER);
        assertThat(s.seedNodes()).containsExactly(new SeedNode("10.0.0.5", 2551), new SeedNode("node-b", 2552));
        assertThat(s.seedNodes().get(0).address("lorasim")).isEqualTo("pekko://lorasim@10.0.0.5:2551");
        assertThat(s.trainerDevices()).containsExactly(SlotDevice.CPU, new SlotDevice(1));
        assertThat(s.trainerDevices().get(1).djlDevice().getDeviceId()).isEqualTo(1);
        assertThat(s.trainerDevices().get(0).djlDevice().isGpu()).isFalse();
    }

    @Test
    void eachMistakeNamesItsKey() {
        assertThatThrownBy(() -> read("lorasim.cluster.roles = [coordinator, trainr]"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.cluster.roles").hasMessageContaining("did you mean 'trainer'");
        assertThatThrownBy(() -> read("lorasim.cluster.roles = []")).hasMessageContaining("lorasim.cluster.roles");
        assertThatThrownBy(() -> read("lorasim.cluster.port = 70000"))
                .hasMessageContaining("lorasim.cluster.port").hasMessageContaining("0..65535");
        assertThatThrownBy(() -> read("lorasim.cluster.seed-nodes = [\"node-a\"]"))
                .hasMessageContaining("lorasim.cluster.seed-nodes").hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> read("lorasim.cluster.trainer.devices = [\"cuda:0\"]"))
                .hasMessageContaining("lorasim.cluster.trainer.devices").hasMessageContaining("'gpu:N'");
        assertThatThrownBy(() -> read("lorasim.cluster.join-timeout = 0s"))
                .hasMessageContaining("lorasim.cluster.join-timeout");
        assertThatThrownBy(() -> read("lorasim.cluster.frame-size = 1 KiB"))
                .hasMessageContaining("lorasim.cluster.frame-size").hasMessageContaining("32000 bytes");
        assertThatThrownBy(() -> read("lorasim.cluster.metrics-interval = 0s"))
                .hasMessageContaining("lorasim.cluster.metrics-interval");
        assertThatThrownBy(() -> read("lorasim.cluster.tls.enabled = on"))
                .hasMessageContaining("lorasim.cluster.tls.key-store").hasMessageContaining("keytool");
        assertThatThrownBy(() -> read("lorasim.cluster.local-node-jvm-options = [\"Xmx8g\"]"))
                .hasMessageContaining("lorasim.cluster.local-node-jvm-options").hasMessageContaining("'Xmx8g'");
    }

    @Test
    void theLocalNodesJvmOptionsAreNoneByDefaultAndReadInOrder() {
        assertThat(NodeSettings.localNodeJvmOptions(ConfigFactory.load())).isEmpty();
        assertThat(NodeSettings.localNodeJvmOptions(ConfigFactory.parseString(
                "lorasim.cluster.local-node-jvm-options = [\"-Xmx8g\", \"-XX:+UseParallelGC\"]")))
                .containsExactly("-Xmx8g", "-XX:+UseParallelGC");
    }

    @Test
    void aNonLoopbackHostNeedsTlsOrAnExplicitAllowance() {
        assertThatThrownBy(() -> read("lorasim.cluster.host = \"10.1.2.3\""))
                .hasMessageStartingWith("node.conf: 1:").hasMessageContaining("'lorasim.cluster.host'")
                .hasMessageContaining("not a loopback address and TLS is off");
        assertThat(read("lorasim.cluster { host = \"10.1.2.3\", allow-public-bind = on }").host())
                .isEqualTo("10.1.2.3");
        assertThat(read("lorasim.cluster.host = localhost").host()).isEqualTo("localhost");
    }

    @Test
    void thePekkoConfigIsAClusterWithKryoOnlyLargeFramesAndKeepMajority() {
        NodeSettings s = NodeSettings.defaults().withSeedNodes(List.of(new SeedNode("127.0.0.1", 2551)))
                .withRoles(Set.of(NodeRole.TRAINER, NodeRole.CLIENTS));
        Config c = NodeConfig.build(s, TestNodes.BASE);
        assertThat(c.getString("pekko.actor.provider")).isEqualTo("cluster");
        assertThat(c.getBoolean("pekko.actor.allow-java-serialization")).isFalse();
        assertThat(c.getString("pekko.actor.serialization-bindings.\"org.lorasim.actors.serialization.LorasimMessage\""))
                .isEqualTo("lorasim-kryo");
        assertThat(c.getString("pekko.remote.artery.transport")).isEqualTo("tcp");
        assertThat(c.getStringList("pekko.cluster.seed-nodes")).containsExactly("pekko://lorasim@127.0.0.1:2551");
        assertThat(c.getStringList("pekko.cluster.roles")).containsExactly("clients", "trainer");
        assertThat(c.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size"))
                .isEqualTo(c.getBytes("lorasim.serialization.max-bytes") + NodeConfig.ENVELOPE_MARGIN_BYTES);
        assertThat(c.getStringList("pekko.remote.artery.large-message-destinations")).isNotEmpty();
        assertThat(c.getBytes("pekko.remote.artery.advanced.maximum-frame-size")).isEqualTo(4L << 20);
        assertThat(NodeConfig.build(s, ConfigFactory.parseString("lorasim.cluster.frame-size = 1 MiB")
                .withFallback(TestNodes.BASE)).getBytes("pekko.remote.artery.advanced.maximum-frame-size"))
                .isEqualTo(1L << 20);
        assertThat(c.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
        assertThat(c.getDuration("pekko.cluster.split-brain-resolver.stable-after")).isEqualTo(Duration.ofSeconds(7));

        Config tls = NodeConfig.build(s.withTls(TlsSettings.withKeyStore(java.nio.file.Path.of("/k.p12"), "pw")),
                TestNodes.BASE);
        assertThat(tls.getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
        assertThat(tls.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store")).isEqualTo("/k.p12");
        assertThat(tls.getBoolean("pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication")).isTrue();
        assertThat(TlsSettings.withKeyStore(java.nio.file.Path.of("/k.p12"), "secret").toString())
                .doesNotContain("secret");
    }

    @Test
    void aGpuSlotOnAMachineWithoutThatGpuIsRefused() {
        assertThatThrownBy(() -> SlotDevice.parse("gpu:0").requireAvailable(0))
                .hasMessageContaining("gpu:0").hasMessageContaining("-Pcuda");
        SlotDevice.parse("gpu:1").requireAvailable(2);
        SlotDevice.CPU.requireAvailable(0);
    }
}
