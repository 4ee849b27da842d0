package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.Simulation;

/**
 * The multi-JVM form: two node JVMs (coordinator; clients, trainer) started by {@link ClusterRuns#onLocalNodes},
 * the run submitted from this JVM (a member without roles, where the records arrive), give the single JVM's
 * rounds, events and checksum for a system-only scenario.
 */
class LocalNodesRunTest {

    @Test
    void aRunAcrossTwoNodeJvmsEqualsTheSingleJvmRun(@TempDir Path dir) {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { trainer = cost-model, rounds = 3, seed = 23 }
                lorasim.clients.count = 30
                lorasim.rounds.fraction = 0.5
                """).withFallback(ConfigFactory.load()).resolve();
        Recording single = new Recording();
        Recording distributed = new Recording();

        // Execute
        Simulation.run(scenario, single, null);
        ClusterRuns.onLocalNodes(2, scenario, distributed, dir.resolve("nodes"));

        // Assert
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(Files.exists(dir.resolve("nodes").resolve("node-1.log"))).isTrue();
    }
}
