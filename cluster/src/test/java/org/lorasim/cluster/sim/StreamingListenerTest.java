package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.cluster.node.NodeSettings;

/**
 * A run's callbacks on their way to the submitting process: the split and the graph of 100,000 clients travel in
 * batches that each fit Artery's frame for ordinary messages ({@code lorasim.cluster.frame-size}), in order.
 */
class StreamingListenerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());
    private static final int CLIENTS = 100_000;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void theSplitAndTheGraphOfAHundredThousandClientsTravelInBatchesThatFitTheFrame() {
        // Setup
        TestProbe<RunSubmitter.Command> submitter = KIT.createTestProbe(RunSubmitter.Command.class);
        StreamingListener listener = new StreamingListener(submitter.ref(), "run-1", 1, submitter.ref());
        List<ClientSplit.Client> clients = new ArrayList<>();
        List<RunGraph.Link> links = new ArrayList<>();
        for (int id = 0; id < CLIENTS; id++) {
            clients.add(new ClientSplit.Client(id, 100, List.of(60, 40), Map.of("region-" + id % 7, 100),
                    new DeviceProfile(3.1e12, 1L << 32, 10_000_000, 50_000_000, 50, false), 8));
            links.add(new RunGraph.Link("client-" + id + "-up", id, -1));
        }
        long frame = NodeSettings.frameSize(ConfigFactory.load());
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(KIT.system()));

        // Execute
        listener.split(new ClientSplit(List.of("negative", "positive"), clients, false));
        listener.graph(new RunGraph(CLIENTS, true, links));
        listener.flush();

        // Verify
        List<Integer> splitIds = new ArrayList<>();
        int graphLinks = 0;
        long seq = 0;
        long largest = 0;
        while (splitIds.size() < CLIENTS || graphLinks < CLIENTS) {
            RunSubmitter.Batch batch = submitter.expectMessageClass(RunSubmitter.Batch.class);
            assertThat(batch.seq()).isEqualTo(seq++);
            largest = Math.max(largest, serialization.serialize(batch).get().length);
            for (Streamed item : batch.items()) {
                if (item instanceof Streamed.SplitPart part) {
                    part.clients().forEach(c -> splitIds.add(c.id()));
                } else if (item instanceof Streamed.GraphPart part) {
                    graphLinks += part.links().size();
                }
            }
        }
        assertThat(largest).as("largest batch, bytes").isLessThan(frame);
        assertThat(splitIds).hasSize(CLIENTS).isSorted();
        assertThat(graphLinks).isEqualTo(CLIENTS);
        submitter.expectNoMessage();
    }
}
