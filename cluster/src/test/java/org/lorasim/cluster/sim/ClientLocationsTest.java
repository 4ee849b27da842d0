package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which clients are lost with a node: those that started there, and the unstarted ones of its shards. */
class ClientLocationsTest {
    private static final String B = "pekko://lorasim@127.0.0.1:2552";
    private static final String C = "pekko://lorasim@127.0.0.1:2553";

    @Test
    void aNodeTakesItsHostedClientsAndTheUnstartedClientsOfItsShards() {
        // Setup: shard = id % 4
        ClientLocations locations = new ClientLocations(id -> Integer.toString(id % 4));
        locations.hosted(0, B);
        locations.hosted(5, B);
        locations.hosted(2, C);
        locations.hosted(3, C);
        List<Integer> clients = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        // Execute
        List<Integer> lost = locations.lose(B, clients);

        // Assert: 0 and 5 started on B; 1, 4, 8 and 9 never started, in B's shards 0 and 1
        assertThat(lost).containsExactly(0, 1, 4, 5, 8, 9);
        assertThat(locations.isLost(4)).isTrue();
        assertThat(locations.isLost(2)).isFalse();
        assertThat(locations.wasLost(B)).isTrue();
        assertThat(locations.lose(B, clients)).isEmpty();
        locations.hosted(0, C);
        assertThat(locations.lose(C, clients)).as("a lost client stays lost, whatever starts later")
                .containsExactly(2, 3, 6, 7);
        assertThat(locations.isLost(0)).isTrue();
    }
}
