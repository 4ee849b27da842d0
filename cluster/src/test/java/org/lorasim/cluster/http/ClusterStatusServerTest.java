package org.lorasim.cluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeStartException;
import org.lorasim.cluster.node.TestNodes;

/** GET /cluster: the members and the figures the simulation side reported; a taken port is a clear error. */
class ClusterStatusServerTest {

    @Test
    void servesMembersAndReportedFiguresAsJson() throws Exception {
        try (ClusterNode node = TestNodes.start(Set.of(NodeRole.COORDINATOR, NodeRole.TRAINER), List.of());
             ClusterStatusServer server = ClusterStatusServer.start(node, "127.0.0.1", 0)) {
            node.metrics().shards(node.address(), 12, 3400);
            node.metrics().trainerSlots(node.address(), 3, 4);
            node.metrics().sent("pekko://lorasim@127.0.0.1:1", 10, 4096);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url())).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode json = new ObjectMapper().readTree(response.body());
            assertThat(json.get("leader").asText()).isEqualTo(node.address());
            assertThat(json.get("members")).hasSize(1);
            assertThat(json.get("members").get(0).get("roles").toString()).isEqualTo("[\"coordinator\",\"trainer\"]");
            assertThat(json.get("members").get(0).get("reachable").asBoolean()).isTrue();
            JsonNode self = json.get("nodes").get(node.address());
            assertThat(self.get("shards").asInt()).isEqualTo(12);
            assertThat(self.get("entities").asInt()).isEqualTo(3400);
            assertThat(self.get("slotUtilisation").asDouble()).isEqualTo(0.75);
            assertThat(self.get("bytesSent").asLong()).isEqualTo(-1);
            assertThat(json.get("nodes").get("pekko://lorasim@127.0.0.1:1").get("bytesSent").asLong()).isEqualTo(4096);

            assertThatThrownBy(() -> ClusterStatusServer.start(node, "127.0.0.1", server.port()))
                    .isInstanceOf(NodeStartException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("lorasim.cluster.http-port");
        }
    }
}
