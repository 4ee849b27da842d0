package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decentralized (Dec-LoRA gossip) run across three real cluster nodes on loopback (coordinator, clients+trainer,
 * clients+trainer), its gossip nodes and their links sharded on the clients nodes: the same rounds (wall times
 * aside, consensus and average-adapter accuracy included), events and checksums as one JVM with the same seed.
 */
class GossipClusterRunTest {
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
    void aSystemOnlyRingAcrossThreeNodesEqualsTheSingleJvmRun() {
        // Setup: a ring of 30, a slowed client and a partition, so that timeouts and lost messages happen too
        Config scenario = Recording.scenario("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 4, seed = 7 }
                lorasim.clients.count = 30
                lorasim.algorithms.dec-lora { topology = ring, iteration-timeout = 30s }
                lorasim.scenario.events = [
                  { at-round = 1, action = partition, groups = [[0, 1, 2, 3, 4]] }
                  { at-round = 2, action = heal }
                  { at-round = 2, action = slow-down, clients = [3], factor = 4 }
                ]
                """);
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(60));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(4).isEqualTo(single.rounds);
        assertThat(distributed.rounds).allSatisfy(r -> assertThat(r.consensusDistance()).isPositive());
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(distributed.participation).isEqualTo(single.participation);
        assertThat(simulation.lastClients().hosts()).hasSize(2);
        assertThat(simulation.lastClients().deliveryBatches()).isPositive()
                .isLessThan(simulation.lastClients().deliveriesForwarded());
        assertThat(DeliveryCounters.of(cluster.node(0)).unbatched()).as("deliveries sent outside the wave batches")
                .isZero();
    }

    @Test
    void anAsynchronousQuantizedRandomRegularGraphAcrossThreeNodesEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = Recording.scenario("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 3, seed = 19 }
                lorasim.clients.count = 16
                lorasim.links.default.loss = 0.1
                lorasim.algorithms.dec-lora {
                  topology = random-regular, degree = 4, mixing = laplacian
                  mode = asynchronous, message-quantization = int8
                }
                """);
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(60));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(single.events).anySatisfy(e -> assertThat(e.kind()).isEqualTo("message-lost"));
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
    }

    @Test
    void aTinyRealTrainingRingAcrossThreeNodesEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = Recording.scenario("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, rounds = 2, seed = 5 }
                lorasim.clients.count = 4
                lorasim.algorithms.dec-lora.topology = ring
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
        assertThat(single.rounds).allSatisfy(r -> assertThat(r.averageModelAccuracy()).isBetween(0.0, 1.0));
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(2).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.summary.finalAccuracy()).isEqualTo(single.summary.finalAccuracy());
        assertThat(distributed.events).isEqualTo(single.events);
    }
}
