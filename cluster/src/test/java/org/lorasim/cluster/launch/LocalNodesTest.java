package org.lorasim.cluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.cluster.node.NodeRole;

/** Two real node JVMs on loopback: both Up, the coordinator serves the members as JSON, SIGKILL and SIGTERM. */
class LocalNodesTest {

    @Test
    void twoNodeJvmsFormAClusterThatTheCoordinatorReportsAndCanBeKilledAndStopped(@TempDir Path logs)
            throws Exception {
        try (LocalNodes nodes = LocalNodes.builder(logs)
                .node(Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS))
                .node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER))
                .set("pekko.loglevel", "WARNING")
                .jvmOption("-Xmx256m")
                .upTimeout(Duration.ofSeconds(90))
                .start()) {
            LocalNode coordinator = nodes.node(0);
            assertThat(coordinator.address()).isEqualTo("pekko://lorasim@127.0.0.1:" + coordinator.port());
            assertThat(coordinator.statusUrl()).startsWith("http://127.0.0.1:").endsWith("/cluster");
            assertThat(nodes.node(1).statusUrl()).isNull();

            JsonNode status = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(coordinator.statusUrl())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(status.get("self").asText()).isEqualTo(coordinator.address());
            assertThat(status.get("selfSent").get("bytes").asLong()).isPositive();
            List<String> members = new ArrayList<>();
            status.get("members").forEach(m -> members.add(m.get("address").asText() + " " + m.get("roles")
                    + " " + m.get("status").asText()));
            assertThat(members).containsExactlyInAnyOrder(
                    coordinator.address() + " [\"clients\",\"coordinator\"] Up",
                    nodes.node(1).address() + " [\"clients\",\"trainer\"] Up");

            LocalNode clients = nodes.node(1);
            String upLine = Files.readAllLines(clients.log()).stream().filter(l -> l.startsWith(NodeRunner.UP_PREFIX))
                    .findFirst().orElseThrow();
            int maxHeapMib = Integer.parseInt(upLine.replaceAll(".* max-heap=(\\d+)MiB$", "$1"));
            assertThat(maxHeapMib).as("the node JVM's heap limit from its -Xmx256m option").isBetween(128, 256);
            assertThat(nodes.stop(1)).as("SIGTERM's exit code").isEqualTo(143);
            assertThat(clients.isAlive()).isFalse();
            assertThat(Files.readString(clients.log())).contains(NodeRunner.UP_PREFIX + clients.address());
            assertThat(nodes.kill(0)).as("SIGKILL's exit code").isEqualTo(137);
            assertThat(coordinator.isAlive()).isFalse();
            assertThat(Files.readString(coordinator.log())).doesNotContain(NodeRunner.STOPPED_PREFIX);
        }
    }
}
