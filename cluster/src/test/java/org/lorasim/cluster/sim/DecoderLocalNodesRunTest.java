package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.training.llama.TinyLlama2c;

/**
 * A decoder scenario file that names its checkpoint relative to itself, run on two node JVMs (coordinator; clients,
 * trainer) started by {@link ClusterRuns#onLocalNodes}: the trainer node's JVM loads the checkpoint the requests name
 * (its working directory is not the file's, so this needs the scenario's paths made absolute before they travel) and
 * the records, checksum and generations equal the one-JVM run's.
 */
class DecoderLocalNodesRunTest {

    @Test
    void aDecoderFileWithARelativeCheckpointRunsOnNodeJvmsAsInOneJvm(@TempDir Path dir) throws IOException {
        // Setup
        TinyLlama2c.write(dir.resolve("model"));
        Path file = dir.resolve("decoder.conf");
        Files.writeString(file, """
                lorasim {
                  run { algorithm = fedit, rounds = 2, seed = 3 }
                  model { kind = decoder, checkpoint = "model/tiny.bin", rank = 2, targets = [query, value],
                          samples = 1, sample-tokens = 4 }
                  training { local-steps = 2, batch-size = 4, max-length = 32, learning-rate = 1e-2 }
                  clients.count = 2
                  data { dataset = languagetool-corrections, max-examples-per-client = 8, eval-examples = 8 }
                }
                """);
        Config scenario = ConfigFactory.parseFile(file.toFile()).withFallback(ConfigFactory.load()).resolve();
        Recording single = Recording.inOneJvm(scenario);
        Recording distributed = new Recording();

        // Execute
        ClusterRuns.onLocalNodes(2, scenario, distributed, dir.resolve("nodes"));

        // Assert
        assertThat(single.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(single.rounds).hasSize(2).allMatch(r -> r.participants() == 2 && Double.isFinite(r.perplexity()));
        assertThat(distributed.rounds).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.events).isEqualTo(single.events);
        assertThat(single.generations).containsKeys(RoundRecord.BEFORE, 0, 1);
        assertThat(distributed.generations).isEqualTo(single.generations);
    }
}
