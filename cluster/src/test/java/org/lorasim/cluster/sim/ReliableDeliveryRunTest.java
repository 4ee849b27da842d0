package org.lorasim.cluster.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.node.RecoveryCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.actors.trainer.TrainerSlot;

/**
 * Issue 10, item 4, "Payloads without loss": messages dropped on the wire are recovered, and a message lost for good
 * fails the run naming it. Real loopback cluster nodes (coordinator; clients; trainer: so training requests and
 * outcomes cross the wire) with the fault injection of {@code lorasim.cluster.chaos}, which makes each receiver drop
 * the first messages of its kind that reach it, as Artery drops them when its outbound queue overflows.
 */
class ReliableDeliveryRunTest {

    private static final Config TRAINED = Recording.TINY_TRAINED;

    static Config nodes(String delivery, String chaos) {
        return ConfigFactory.parseString("lorasim.cluster { delivery { " + delivery + " }, chaos { " + chaos + " } }");
    }

    private static ClusterSimulation simulation(LoopbackCluster cluster) {
        return new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(120));
    }

    @Test
    void droppedBatchesAnswersRequestsAndOutcomesAreSentAgainAndTheRunEqualsTheSingleJvmRun() throws Exception {
        // Setup: the first two wave batches a clients node receives, the first two answer batches the coordinator
        // receives, the first training request the trainer node receives, the first outcome the clients node's
        // router receives and the first outcome the coordinator receives from it are dropped. The first wave batch is
        // thus lost twice and its answer twice: four retransmissions of it, within the six allowed
        Config chaos = nodes("retransmit-after = 300ms, max-retransmissions = 6", """
                drop-delivered-batches = 2, drop-handled-batches = 2
                drop-training-requests = 1, drop-training-outcomes = 1, drop-completions = 1""");
        Recording single = Recording.inOneJvm(TRAINED);

        // Execute
        Recording distributed;
        DeliveryCounters coordinator;
        DeliveryCounters clients;
        DeliveryCounters trainer;
        Map<String, RecoveryCounts> reported = new TreeMap<>();
        Map<String, RecoveryCounts> counted = new TreeMap<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(chaos, "coordinator", "clients", "trainer")) {
            distributed = Recording.onTheCluster(simulation(cluster), TRAINED);
            coordinator = DeliveryCounters.of(cluster.node(0));
            clients = DeliveryCounters.of(cluster.node(1));
            trainer = DeliveryCounters.of(cluster.node(2));
            ClusterView view = ClusterFigures.collect(cluster.node(0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                String node = Cluster.get(cluster.node(i)).selfMember().address().toString();
                reported.put(node, view.nodes().get(node).recovery());
                counted.put(node, DeliveryCounters.of(cluster.node(i)).totals());
            }
        }

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(single.rounds).allSatisfy(r -> assertThat(r.participants()).isPositive());
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(2).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.summary.finalAccuracy()).isEqualTo(single.summary.finalAccuracy());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(clients.chaosDropped()).isEqualTo(2 + 1);
        assertThat(coordinator.chaosDropped()).isEqualTo(2 + 1);
        assertThat(trainer.chaosDropped()).isEqualTo(1);
        assertThat(coordinator.retransmissions()).as("wave batches sent again").isGreaterThanOrEqualTo(4);
        assertThat(clients.answersResent()).as("answers sent again by the wave relay").isGreaterThanOrEqualTo(2);
        assertThat(clients.retransmissions()).as("the lost training request asked after by the router, an outcome"
                + " sent again to the coordinator (the lost outcome is asked after as a check: the inbox held it)")
                .isGreaterThanOrEqualTo(1 + 1);
        assertThat(trainer.answersResent()).as("an outcome sent again by the trainer inbox").isGreaterThanOrEqualTo(1);
        assertThat(reported).as("every node's recovery counts in the run's cluster figures").isEqualTo(counted);
    }

    /** A centralized run and a decentralized (gossip) one: both send their deliveries in wave batches. */
    @ParameterizedTest
    @ValueSource(strings = {"trainer = cost-model", "trainer = cost-model, variant = decentralized, algorithm = dec-lora"})
    void waveBatchesLostForGoodFailTheRunNamingTheMessageTheNodeAndTheKeys(String run) {
        // Setup: every wave batch is lost
        Config chaos = nodes("retransmit-after = 200ms, max-retransmissions = 3", "drop-delivered-batches = 1000000");
        Config scenario = Recording.scenario("""
                lorasim.run { %s, rounds = 2, seed = 3 }
                lorasim.clients.count = 6
                lorasim.algorithms.dec-lora.topology = ring
                """.formatted(run));

        // Execute
        Recording recording;
        String clientsNode;
        long dropped;
        try (LoopbackCluster cluster = LoopbackCluster.start(chaos, "coordinator", "clients")) {
            clientsNode = Cluster.get(cluster.node(1)).selfMember().address().toString();
            recording = Recording.onTheCluster(simulation(cluster), scenario);
            dropped = DeliveryCounters.of(cluster.node(1)).chaosDropped();
        }

        // Assert
        assertThat(recording.summary.outcome())
                .startsWith("failed: wave batch 0 (" + WaveRelay.DeliveredBatch.class.getName())
                .contains("to node " + clientsNode + " got no answer after 3 retransmission(s), one every 200 ms"
                        + " (lorasim.cluster.delivery.retransmit-after, lorasim.cluster.delivery.max-retransmissions"
                        + " = 3)");
        assertThat(recording.rounds).isEmpty();
        assertThat(dropped).isEqualTo(1 + 3);
    }

    @Test
    void trainingRequestsLostForGoodFailTheRunNamingTheRequestTheNodeAndTheKeys() {
        // Setup: every training request reaching the trainer node is lost
        Config chaos = nodes("retransmit-after = 200ms, max-retransmissions = 2", "drop-training-requests = 1000000");

        // Execute
        Recording recording;
        String clientsNode;
        String trainerNode;
        try (LoopbackCluster cluster = LoopbackCluster.start(chaos, "coordinator", "clients", "trainer")) {
            clientsNode = Cluster.get(cluster.node(1)).selfMember().address().toString();
            trainerNode = Cluster.get(cluster.node(2)).selfMember().address().toString();
            recording = Recording.onTheCluster(simulation(cluster), TRAINED);
        }

        // Assert
        assertThat(recording.summary.outcome())
                .startsWith("failed: node " + clientsNode + ": the training request for client ")
                .contains("(" + TrainerSlot.Train.class.getName() + ", completion key ")
                .contains("to node " + trainerNode + " got no answer after 2 retransmission(s), one every 200 ms"
                        + " (lorasim.cluster.delivery.retransmit-after, lorasim.cluster.delivery.max-retransmissions"
                        + " = 2)");
        assertThat(recording.rounds).isEmpty();
    }
}
