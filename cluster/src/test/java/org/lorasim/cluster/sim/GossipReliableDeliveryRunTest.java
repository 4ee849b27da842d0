package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4, "Payloads without loss", for a decentralized (Dec-LoRA gossip) run: its deliveries travel in the
 * clock's waves as a centralized run's do, so wave batches and answer batches dropped on the wire are sent again and
 * the run equals the single-JVM run (batches lost for good: {@link ReliableDeliveryRunTest}, which runs that case for
 * both kinds of run). Real loopback cluster nodes with the fault injection of {@code lorasim.cluster.chaos}.
 */
class GossipReliableDeliveryRunTest {

    private static ClusterSimulation simulation(LoopbackCluster cluster) {
        return new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    @Test
    void droppedWaveBatchesAndAnswersOfAGossipRunAreSentAgainAndTheRunEqualsTheSingleJvmRun() {
        // Setup: a ring whose nodes lie on two clients nodes, so messages between neighbours cross from one node to
        // the other; each clients node drops the first two wave batches it receives, the coordinator the first two
        // answer batches
        Config scenario = Recording.scenario("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 3, seed = 11 }
                lorasim.clients.count = 10
                lorasim.algorithms.dec-lora { topology = ring, iteration-timeout = 30s }
                """);
        Config chaos = ReliableDeliveryRunTest.nodes("retransmit-after = 300ms, max-retransmissions = 6",
                "drop-delivered-batches = 2, drop-handled-batches = 2");
        Recording single = Recording.inOneJvm(scenario);

        // Execute
        Recording distributed;
        ClusterClients clients;
        DeliveryCounters coordinator;
        long clientsNodesDropped;
        long answersResent;
        try (LoopbackCluster cluster = LoopbackCluster.start(chaos, "coordinator", "clients", "clients")) {
            ClusterSimulation simulation = simulation(cluster);
            distributed = Recording.onTheCluster(simulation, scenario);
            clients = simulation.lastClients();
            coordinator = DeliveryCounters.of(cluster.node(0));
            clientsNodesDropped = DeliveryCounters.of(cluster.node(1)).chaosDropped()
                    + DeliveryCounters.of(cluster.node(2)).chaosDropped();
            answersResent = DeliveryCounters.of(cluster.node(1)).answersResent()
                    + DeliveryCounters.of(cluster.node(2)).answersResent();
        }

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(distributed.participation).isEqualTo(single.participation);
        assertThat(clients.hosts()).hasSize(2);
        assertThat(clients.deliveryBatches()).as("gossip deliveries travel in wave batches").isPositive()
                .isLessThan(clients.deliveriesForwarded());
        assertThat(coordinator.unbatched()).as("deliveries sent outside the wave batches").isZero();
        assertThat(clientsNodesDropped).isEqualTo(2 + 2);
        assertThat(coordinator.chaosDropped()).isEqualTo(2);
        assertThat(coordinator.retransmissions()).as("wave batches sent again").isGreaterThanOrEqualTo(2 + 2);
        assertThat(answersResent).as("answers sent again by the wave relays").isGreaterThanOrEqualTo(2);
    }
}
