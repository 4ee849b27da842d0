package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * THE property of the cluster runtime: three real cluster nodes on loopback (coordinator, clients+trainer,
 * clients+trainer) run a scenario to the same rounds (wall times aside), events and checksums as one JVM with
 * the same seed; with the cost-model trainer and with real DJL training.
 */
class ClusterRunTest {
    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LoopbackCluster.start("coordinator", "clients,trainer", "clients,trainer");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aSystemOnlyRunAcrossThreeNodesEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = Recording.scenario("""
                lorasim.run { trainer = cost-model, rounds = 4, seed = 11 }
                lorasim.clients.count = 60
                lorasim.rounds.fraction = 0.5
                """);
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(60));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(4).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(simulation.lastClients().hosts()).hasSize(2);
        assertThat(simulation.lastClients().deliveriesForwarded()).isPositive();
        assertThat(simulation.lastClients().deliveryBatches()).isPositive()
                .isLessThan(simulation.lastClients().deliveriesForwarded());
    }

    @Test
    void aTinyRealTrainingRunAcrossThreeNodesEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = Recording.scenario("""
                lorasim.run { rounds = 2, seed = 5 }
                lorasim.clients.count = 4
                lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
                lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
                lorasim.model.rank = 4
                lorasim.references.linear-probe = off
                """);
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(120));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(single.summary.synthetic()).isFalse();
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(2).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.summary.finalAccuracy()).isEqualTo(single.summary.finalAccuracy());
        assertThat(distributed.events).isEqualTo(single.events);
    }
}
