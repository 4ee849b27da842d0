package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.trainer.SharedBaseModel;
import org.lorasim.cluster.node.SlotDevice;
import org.lorasim.training.train.ModelRef;

/**
 * A trainer node's {@link BaseWarmer} with the node's real loader ({@link TrainerHost#loader}) on two CPU slots: it
 * loads the encoder once for both and answers; a decoder checkpoint that is not on this machine is answered with the
 * reason, naming the file. One node (cluster provider, not joined).
 */
class BaseWarmerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
            pekko.loglevel = OFF
            """).withFallback(ConfigFactory.load()).resolve());
    private static final List<SlotDevice> TWO_CPU_SLOTS = List.of(SlotDevice.parse("cpu"), SlotDevice.parse("cpu"));

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void theEncoderIsLoadedOnceForTheNodesSlotsAndAMissingDecoderCheckpointIsAnsweredNamingIt() {
        // Setup
        ActorRef<BaseWarmer.Warm> warmer = KIT.spawn(BaseWarmer.create(TrainerHost.loader(TWO_CPU_SLOTS)));
        TestProbe<BaseWarmer.Warmed> answers = KIT.createTestProbe();
        String node = Cluster.get(KIT.system()).selfMember().address().toString();
        Path absent = dir.resolve("nowhere/model.bin").toAbsolutePath();

        // Execute
        warmer.tell(new BaseWarmer.Warm(ModelRef.ENCODER, answers.ref()));
        BaseWarmer.Warmed encoder = answers.receiveMessage(Duration.ofMinutes(2));
        warmer.tell(new BaseWarmer.Warm(new ModelRef(ModelRef.DECODER_KIND, absent.toString(), ""), answers.ref()));
        BaseWarmer.Warmed decoder = answers.receiveMessage(Duration.ofMinutes(1));

        // Assert
        assertThat(encoder.failure()).isNull();
        assertThat(encoder.node()).isEqualTo(node);
        assertThat(encoder.model()).isEqualTo("encoder all-MiniLM-L6-v2");
        assertThat(SharedBaseModel.loads()).as("one copy for both CPU slots").isEqualTo(1);
        assertThat(decoder.failure()).startsWith("IllegalArgumentException: ").contains(absent.toString())
                .contains("does not exist");
    }
}
