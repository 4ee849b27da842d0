package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lorasim node} with bad input: exit 2 naming the option and key; a node that cannot join: exit 1. */
class NodeCommandTest {

    @Test
    void anUnknownRoleIsBadInputNamingTheOptionAndTheKey() {
        Cli.Result r = Cli.execute("node", "--role", "coordinator,trainr", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("option --role").contains("lorasim.cluster.roles")
                .contains("did you mean 'trainer'").doesNotContain("\tat ");
    }

    @Test
    void badPortsSeedsDevicesAndOptionsAreBadInput() {
        assertThat(Cli.execute("node", "--role", "clients", "--port", "70000").err())
                .contains("option --port").contains("lorasim.cluster.port");
        Cli.Result seeds = Cli.execute("node", "--role", "clients", "--seed-nodes", "nohostport");
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.err()).contains("lorasim.cluster.seed-nodes").contains("HOST:PORT");
        Cli.Result devices = Cli.execute("node", "--role", "trainer", "--devices", "tpu:0");
        assertThat(devices.code()).isEqualTo(2);
        assertThat(devices.err()).contains("lorasim.cluster.trainer.devices");
        Cli.Result unknown = Cli.execute("node", "--roles", "clients");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--roles");
    }

    @Test
    void aPublicAddressWithoutTlsIsRefused() {
        Cli.Result r = Cli.execute("node", "--role", "clients", "--host", "192.0.2.10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("option --host").contains("not a loopback address and TLS is off")
                .contains("lorasim.cluster.allow-public-bind");
    }

    @Test
    void anUnreachableSeedNodeExitsOneNamingIt() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Cli.Result r = Cli.execute("node", "--role", "clients", "--port", "0", "--seed-nodes", "127.0.0.1:" + closed,
                "--join-timeout", "1500ms", "--set", "pekko.loglevel=OFF");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsPattern("^lorasim node: node 127\\.0\\.0\\.1:[1-9][0-9]* did not join the cluster"
                        + " within 1500 ms")
                .contains("seed nodes tried: pekko://lorasim@127.0.0.1:" + closed);
    }

    @Test
    void validateChecksTheClusterKeys(@TempDir Path dir) throws IOException {
        Path scenario = Cli.scenario(dir, "node.conf", "lorasim.cluster.roles = [clients, trainr]\n");
        Cli.Result r = Cli.execute("validate", scenario.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("node.conf:1").contains("lorasim.cluster.roles").contains("trainer");
    }
}
