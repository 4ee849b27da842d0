package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.training.llama.TinyLlama2c;

/**
 * A decoder ({@code lorasim.model.kind = decoder}) across three real cluster nodes on loopback (coordinator;
 * clients,trainer; clients,trainer): the trainer nodes train the checkpoint each request names, and the run's rounds
 * (held-out perplexity included, wall times aside), checksum, events and sampled generations equal the one-JVM run's
 * with the same seed. A tiny random llama2.c checkpoint the test writes; the built-in corrections data set.
 */
class DecoderClusterRunTest {
    private static LoopbackCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = LoopbackCluster.start("coordinator", "clients,trainer", "clients,trainer");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aFlexLoraDecoderRunAcrossThreeNodesEqualsTheSingleJvmRun() throws IOException {
        // Setup
        Path checkpoint = TinyLlama2c.write(dir.resolve("model")).toAbsolutePath();
        Config scenario = Recording.scenario("""
                lorasim {
                  run { algorithm = flexlora, rounds = 2, seed = 7 }
                  model { kind = decoder, checkpoint = "%s", rank = 4, targets = [query, value, gate],
                          samples = 1, sample-tokens = 6 }
                  algorithms.flexlora.client-ranks = [2, 4]
                  training { local-steps = 2, batch-size = 4, max-length = 48, learning-rate = 1e-2 }
                  clients.count = 4
                  data { dataset = languagetool-corrections, partition = group, max-examples-per-client = 8,
                         eval-examples = 8 }
                }
                """.formatted(checkpoint.toString().replace("\\", "/")));
        ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20),
                Duration.ofSeconds(120));

        // Execute
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = Recording.onTheCluster(simulation, scenario);

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(single.rounds).hasSize(2).allMatch(r -> Double.isFinite(r.perplexity()));
        assertThat(distributed.rounds).isEqualTo(single.rounds);
        assertThat(distributed.initial.withoutWallTime()).isEqualTo(single.initial.withoutWallTime());
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(single.generations).containsKeys(RoundRecord.BEFORE, 0, 1);
        assertThat(distributed.generations).isEqualTo(single.generations);
        assertThat(simulation.lastClients().hosts()).hasSize(2);
    }
}
