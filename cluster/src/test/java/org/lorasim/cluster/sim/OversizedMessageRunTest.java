package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: a message too large for Artery's frame is never silent. With a frame of 64 KiB on every node,
 * a tiny real-training run's first instruction (its adapter is ~150 KB) cannot reach its client: the run fails at
 * once, naming the message and the key to raise (a silent drop would fail it later, at the clock's ack-timeout,
 * naming the participant that never answered).
 */
class OversizedMessageRunTest {

    @Test
    void anAdapterOverTheFrameFailsTheRunNamingItAndTheKeyToRaise() {
        // Setup
        Config small = ConfigFactory.parseString("pekko.remote.artery.advanced.maximum-frame-size = 64 KiB");
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { rounds = 2, seed = 5 }
                lorasim.clients.count = 2
                lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
                lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
                lorasim.model.rank = 4
                lorasim.references.linear-probe = off
                """).withFallback(ConfigFactory.load()).resolve();
        Recording recording = new Recording();

        // Execute
        try (LoopbackCluster cluster = LoopbackCluster.start(small, "coordinator", "clients,trainer")) {
            new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(120))
                    .run(scenario, recording);
        }

        // Assert
        assertThat(recording.summary.outcome())
                .startsWith("failed: node pekko://lorasim@127.0.0.1:")
                .contains("could not send a message of class")
                .contains("65536 bytes (pekko.remote.artery.advanced.maximum-frame-size)")
                .contains("raise lorasim.cluster.frame-size");
        assertThat(recording.rounds).isEmpty();
    }
}
