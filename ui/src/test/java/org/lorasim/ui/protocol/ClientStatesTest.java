package org.lorasim.ui.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientStatesTest {

    private final List<ObjectNode> told = new ArrayList<>();
    private final ClientStates states = new ClientStates(told::add);

    @Test
    void aSampledClientTrainsUploadsWaitsAndRestsOrStragglesAtTheRoundsEnd() {
        states.clients(4);
        states.roundStarted(0, List.of(0, 1, 2));
        assertThat(states.state(0)).isEqualTo(ClientState.TRAINING);
        assertThat(states.state(3)).isEqualTo(ClientState.IDLE);
        states.sent(0, 100, 200);
        assertThat(states.state(0)).isEqualTo(ClientState.UPLOADING);
        states.sent(1, 250, 400);
        assertThat(states.state(0)).as("its upload arrived at 200").isEqualTo(ClientState.WAITING);
        states.participation(300, Map.of(0, "took-part", 1, "took-part", 2, "late"));
        assertThat(states.state(0)).isEqualTo(ClientState.IDLE);
        assertThat(states.state(2)).isEqualTo(ClientState.STRAGGLING);
        assertThat(told).last().satisfies(m -> {
            assertThat(m.path("type").asText()).isEqualTo("client-state");
            assertThat(m.path("state").asText()).isEqualTo("straggling");
        });
    }

    @Test
    void crashesRemovalsPartitionsAndSlowDownsComeFromEventsAndOnlyRecoveryOrHealUndoesThem() {
        states.clients(5);
        states.event(10, "client-crashed", "client-1", "crash-stop, local state kept");
        states.event(10, "client-removed", "client-4", "taken out");
        states.event(11, "scenario-partition", "scenario", "[[0, 2], [3]]");
        states.event(12, "client-slowed", "client-3", "compute 7.5x slower");
        states.roundStarted(20, List.of(0, 1, 2, 3, 4));
        assertThat(states.state(1)).isEqualTo(ClientState.CRASHED);
        assertThat(states.state(4)).isEqualTo(ClientState.REMOVED);
        assertThat(states.state(0)).isEqualTo(ClientState.PARTITIONED);
        assertThat(states.state(3)).isEqualTo(ClientState.PARTITIONED);
        assertThat(states.slowdown(3)).isEqualTo(7.5);
        states.event(30, "scenario-heal", "scenario", "every link joins again");
        states.event(30, "client-recovered", "client-1", "takes part again");
        assertThat(states.state(0)).isEqualTo(ClientState.IDLE);
        assertThat(states.state(1)).isEqualTo(ClientState.IDLE);
        assertThat(states.state(4)).isEqualTo(ClientState.REMOVED);
    }

    @Test
    void aSubjectNamesItsClient() {
        assertThat(ClientStates.clientOf("client-12")).isEqualTo(12);
        assertThat(ClientStates.clientOf("client-3->client-4")).isEqualTo(3);
        assertThat(ClientStates.clientOf("aggregator")).isEqualTo(-1);
    }

    @Test
    void aClientThatDoesNotFitItsMemoryStaysSoAndIsNeverTraining() {
        states.clients(3);
        states.event(0, "client-does-not-fit", "client-1", "needs 149.8 MB, has 100.0 MB");
        assertThat(states.state(1)).isEqualTo(ClientState.DOES_NOT_FIT);
        assertThat(told).last().satisfies(m -> assertThat(m.path("state").asText()).isEqualTo("does-not-fit"));
        states.roundStarted(1, List.of(0, 1, 2));
        assertThat(states.state(1)).isEqualTo(ClientState.DOES_NOT_FIT);
        states.participation(5, Map.of(0, "took-part", 1, "does-not-fit", 2, "took-part"));
        assertThat(states.state(1)).isEqualTo(ClientState.DOES_NOT_FIT);
        assertThat(states.state(0)).isEqualTo(ClientState.IDLE);
    }
}
