package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A coordinator node that also hosts clients (roles {@code coordinator,clients}, as {@code --local-nodes 1} and a
 * coordinator that failed over to a clients node): its clients' messages to the aggregator, which lives in the same
 * JVM, must reach it as they are, not as the {@link WaveRelay.Held} stubs that the node's wave relay keeps for its
 * own entities' participants. The run, half its clients on the coordinator node, equals the single JVM's. The same
 * for a gossip run, whose nodes on the coordinator node name the run's stand-ins and scenario runner before the
 * coordinator has spawned them ({@link LateResolved}).
 */
class CoordinatorAlsoClientsRunTest {
    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LoopbackCluster.start("coordinator,clients", "clients");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aRunWhoseCoordinatorNodeAlsoHostsClientsEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { trainer = cost-model, rounds = 3, seed = 17 }
                lorasim.clients.count = 40
                lorasim.rounds.fraction = 0.5
                """).withFallback(ConfigFactory.load()).resolve();
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20),
                Duration.ofSeconds(60));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(single.rounds).allSatisfy(r -> assertThat(r.participants()).isPositive());
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(simulation.lastClients().hosts()).hasSize(2);
        assertThat(simulation.lastClients().deliveryBatches()).isPositive();
    }

    @Test
    void aGossipRunWhoseCoordinatorNodeAlsoHostsGossipNodesEqualsTheSingleJvmRun() {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 3, seed = 5 }
                lorasim.clients.count = 12
                """).withFallback(ConfigFactory.load()).resolve();
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20),
                Duration.ofSeconds(60));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(simulation.lastClients().hosts()).hasSize(2);
        assertThat(simulation.lastClients().deliveryBatches()).isPositive();
        assertThat(DeliveryCounters.of(cluster.node(0)).unbatched()).as("deliveries sent outside the wave batches")
                .isZero();
    }
}
