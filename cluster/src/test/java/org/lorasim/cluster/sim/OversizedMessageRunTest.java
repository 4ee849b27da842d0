package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: a message too large to cross the wire is never silent; the run fails at once, naming the
 * message and the key to raise (a silent drop would fail it later, at the clock's ack-timeout, naming the
 * participant that never answered). The nodes use the product's two frames ({@code NodeConfig}): the wave batches
 * of deliveries to the clients nodes' wave relays ({@code /system/lorasim-client-host/*}) travel in large frames of
 * {@code lorasim.serialization.max-bytes} + 64 KiB, so {@code max-bytes} bounds them (as it bounds every Kryo
 * message); the relays' answers ({@link WaveRelay.HandledBatch}, to the coordinator's {@link ClientRelay}),
 * training requests and outcomes travel in ordinary frames ({@code lorasim.cluster.frame-size}). A tiny
 * real-training run's adapter is ~150 KB in Kryo.
 */
class OversizedMessageRunTest {

    private static final Config SCENARIO = Recording.TINY_TRAINED;

    /** The frames a node of the product gets ({@code NodeConfig}), with {@code frame} and {@code maxBytes}. */
    private static Config productFrames(String frame, String maxBytes) {
        Config limits = ConfigFactory.parseString("""
                pekko.remote.artery.advanced.maximum-frame-size = %s
                lorasim.serialization.max-bytes = %s
                """.formatted(frame, maxBytes));
        long largeFrame = limits.getBytes("lorasim.serialization.max-bytes") + 64 * 1024;
        return limits
                .withValue("pekko.remote.artery.advanced.maximum-large-frame-size",
                        ConfigValueFactory.fromAnyRef(largeFrame + " b"))
                .withValue("pekko.remote.artery.large-message-destinations", ConfigValueFactory.fromIterable(
                        ConfigFactory.load().getStringList("lorasim.cluster.large-message-destinations")));
    }

    private static Recording run(Config frames, String... roles) {
        Recording recording = new Recording();
        try (LoopbackCluster cluster = LoopbackCluster.start(frames, roles)) {
            new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(120))
                    .run(SCENARIO, recording);
        }
        return recording;
    }

    @Test
    void anAnswerBatchOverTheOrdinaryFrameFailsTheRunNamingItAndFrameSize() {
        // Setup: ordinary frames of 64 KiB. The first instruction's batch (a large frame) reaches the clients node;
        // the downlink's answer schedules the instruction for its client's stand-in on the coordinator, so the
        // answer batch carries it back in an ordinary frame
        Config frames = productFrames("64 KiB", "64 MiB");

        // Execute
        Recording recording = run(frames, "coordinator", "clients,trainer");

        // Assert
        assertThat(recording.summary.outcome())
                .startsWith("failed: node pekko://lorasim@127.0.0.1:")
                .contains("could not send a message of class " + WaveRelay.HandledBatch.class.getName())
                .contains("bytes (pekko.remote.artery.advanced.maximum-frame-size)")
                .contains("raise lorasim.cluster.frame-size");
        assertThat(recording.rounds).isEmpty();
    }

    @Test
    void aMessageOverMaxBytesFailsTheRunNamingItAndMaxBytes() {
        // Setup: max-bytes of 100 KiB (large frames of 164 KiB), under the adapter's ~150 KB: the first message
        // that carries it is refused wherever it goes (a batch part that overflows is refused as loudly:
        // ArteryFrameCheckTest)
        Config frames = productFrames("4 MiB", "100 KiB");

        // Execute
        Recording recording = run(frames, "coordinator", "clients,trainer");

        // Assert
        assertThat(recording.summary.outcome())
                .startsWith("failed: node pekko://lorasim@127.0.0.1:")
                .contains("could not send a message of class org.lorasim.")
                .contains("over the limit of 102400 bytes (lorasim.serialization.max-bytes)")
                .contains("raise lorasim.serialization.max-bytes");
        assertThat(recording.rounds).isEmpty();
    }
}
