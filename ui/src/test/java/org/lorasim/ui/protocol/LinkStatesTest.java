package org.lorasim.ui.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.RunGraph;

class LinkStatesTest {

    private final List<ObjectNode> told = new ArrayList<>();
    private final LinkStates links = new LinkStates(told::add);

    private static ClientSplit split(int clients) {
        List<ClientSplit.Client> list = new ArrayList<>();
        for (int id = 0; id < clients; id++) {
            list.add(new ClientSplit.Client(id, 10, List.of(), Map.of(),
                    new DeviceProfile(1e12, 1L << 30, 1_000_000 * (id + 1), 4_000_000, 5_000_000, false), 8));
        }
        return new ClientSplit(List.of(), list, true);
    }

    private static RunGraph star(int clients) {
        List<RunGraph.Link> l = new ArrayList<>();
        for (int id = 0; id < clients; id++) {
            l.add(new RunGraph.Link("client-" + id + "-up", id, RunGraph.AGGREGATOR));
            l.add(new RunGraph.Link("client-" + id + "-down", RunGraph.AGGREGATOR, id));
        }
        return new RunGraph(clients, true, l);
    }

    @Test
    void everyLinkStartsUpAtItsSendersBandwidthOnceGraphAndSplitAreKnownInEitherOrder() {
        links.split(split(2));
        assertThat(told).isEmpty();
        links.graph(star(2));
        assertThat(told).hasSize(4).allSatisfy(m -> {
            assertThat(m.path("type").asText()).isEqualTo("link-state");
            assertThat(m.path("down").asBoolean()).isFalse();
            assertThat(m.path("cut").asBoolean()).isFalse();
        });
        assertThat(links.bandwidth("client-1-up")).isEqualTo(2_000_000);
        assertThat(links.bandwidth("client-1-down")).isEqualTo(4_000_000);
        assertThat(told.get(2).path("from").asInt()).isEqualTo(1);
        assertThat(told.get(2).path("to").asInt()).isEqualTo(-1);
    }

    @Test
    void linkEventsSetBandwidthDownAndCutAndAPartitionTellsItsGroupsUntilTheHeal() {
        links.graph(star(3));
        links.split(split(3));
        told.clear();
        links.event(5, "link-changed", "client-2-up", "bandwidth 50000 B/s");
        links.event(5, "link-changed", "client-1-down", "down");
        links.event(6, "link-changed", "client-1-down", "latency 3000000 ns");
        assertThat(links.bandwidth("client-2-up")).isEqualTo(50_000);
        assertThat(links.down("client-1-down")).isTrue();
        assertThat(told).hasSize(2).last().satisfies(m -> {
            assertThat(m.path("link").asText()).isEqualTo("client-1-down");
            assertThat(m.path("down").asBoolean()).isTrue();
            assertThat(m.path("time").asLong()).isEqualTo(5);
        });

        links.event(7, "scenario-partition", "scenario", "[[0, 1], [2]]");
        links.event(7, "link-changed", "client-0-up", "partitioned");
        links.event(7, "link-changed", "client-1-up", "partitioned, this link not cut");
        assertThat(links.cut("client-0-up")).isTrue();
        assertThat(links.cut("client-1-up")).isFalse();
        assertThat(told.get(2).path("type").asText()).isEqualTo("partition");
        assertThat(told.get(2).path("groups").toString()).isEqualTo("[[0,1],[2]]");

        links.event(9, "scenario-heal", "scenario", "every link joins again");
        links.event(9, "link-changed", "client-0-up", "healed");
        links.event(9, "link-changed", "client-1-down", "up");
        assertThat(links.cut("client-0-up")).isFalse();
        assertThat(links.down("client-1-down")).isFalse();
        assertThat(told).filteredOn(m -> m.path("type").asText().equals("partition")).last()
                .satisfies(m -> assertThat(m.path("groups")).isEmpty());
        links.event(9, "link-changed", "client-9-up", "down");
        assertThat(links.down("client-9-up")).as("not in the graph").isFalse();
    }

    @Test
    void partitionGroupsAreReadFromTheScenarioEventsDetail() {
        assertThat(PartitionGroups.parse("[[0, 1, 2], [5]]")).containsExactly(List.of(0, 1, 2), List.of(5));
        assertThat(PartitionGroups.parse("every link joins again")).isEmpty();
    }
}
