package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.cluster.node.ClusterMetricsRegistry.NodeFigures;
import org.lorasim.cluster.node.RecoveryCounts;
import org.lorasim.cluster.sim.ClusterView;

/** A cluster run's cluster-nodes.csv (a row per round and node) and cluster.json (the view at the end). */
class ClusterFilesTest {

    private static final String A = "pekko://lorasim@127.0.0.1:2551";
    private static final String B = "pekko://lorasim@127.0.0.1:2552";

    private static ClusterView view(long bytesB, String json) {
        return new ClusterView(List.of(new ClusterView.Member(A, List.of("coordinator"), "Up", true),
                new ClusterView.Member(B, List.of("clients", "trainer"), "Up", true)),
                Map.of(B, new NodeFigures(3, 40, 1, 2, 7, 1234, 90, bytesB, new RecoveryCounts(4, 2, 1, 3)),
                        A, new NodeFigures(-1, -1, -1, -1, -1, -1, 80, 5000, RecoveryCounts.NONE)), json);
    }

    @Test
    void writesARowPerRoundAndNodeAndTheLastViewAsJson(@TempDir Path dir) throws Exception {
        // Setup
        ClusterFiles files = new ClusterFiles(dir);

        // Execute: round 1's figures arrive before round 0's, then the end
        files.round(1, view(2000, "{\"round\":1}"));
        files.round(0, view(1000, "{\"round\":0}"));
        files.finished(view(3000, "{\"end\":true}"));
        files.round(2, view(2500, "{\"round\":2}"));

        // Assert
        List<String> csv = Files.readAllLines(dir.resolve(ClusterFiles.CSV));
        assertThat(csv).containsExactly(
                "round,node,roles,status,shards,entities,trainer_slots_busy,trainer_slots_total,trainings,"
                        + "slot_busy_millis,messages_sent,bytes_sent,retransmissions,answers_resent,duplicates,"
                        + "chaos_dropped",
                "0," + A + ",coordinator,Up,-1,-1,-1,-1,-1,-1,80,5000,-1,-1,-1,-1",
                "0," + B + ",clients;trainer,Up,3,40,1,2,7,1234,90,1000,4,2,1,3",
                "1," + A + ",coordinator,Up,-1,-1,-1,-1,-1,-1,80,5000,-1,-1,-1,-1",
                "1," + B + ",clients;trainer,Up,3,40,1,2,7,1234,90,2000,4,2,1,3",
                "2," + A + ",coordinator,Up,-1,-1,-1,-1,-1,-1,80,5000,-1,-1,-1,-1",
                "2," + B + ",clients;trainer,Up,3,40,1,2,7,1234,90,2500,4,2,1,3");
        assertThat(new ObjectMapper().readTree(dir.resolve(ClusterFiles.JSON).toFile()).get("end").asBoolean())
                .isTrue();
    }
}
