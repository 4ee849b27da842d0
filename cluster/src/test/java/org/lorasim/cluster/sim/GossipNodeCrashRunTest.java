package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;

/**
 * A clients+trainer node lost in the middle of a decentralized (gossip) run, as {@link NodeCrashRunTest} does it
 * to a centralized one: its gossip nodes (with their links) crash for good, their neighbours go on without them
 * (after their iteration timeout), and the run finishes all its iterations, recording the loss.
 */
class GossipNodeCrashRunTest {

    private static final Config CRASHABLE = ConfigFactory.parseString("""
            pekko.coordinated-shutdown.run-by-actor-system-terminate = off
            pekko.cluster.split-brain-resolver.stable-after = 3s
            """);

    @Test
    void aWorkerNodeKilledMidRunLeavesItsGossipNodesCrashedAndTheRunFinishes() {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 5, seed = 3 }
                lorasim.clients.count = 24
                lorasim.algorithms.dec-lora { topology = ring, iteration-timeout = 30s }
                """).withFallback(ConfigFactory.load()).resolve();
        try (LoopbackCluster cluster = LoopbackCluster.start(CRASHABLE, "coordinator", "clients,trainer", "clients,trainer")) {
            String victim = Cluster.get(cluster.node(1)).selfMember().address().toString();
            ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20),
                    Duration.ofSeconds(60));
            Recording recording = new Recording();
            AtomicBoolean killed = new AtomicBoolean();
            recording.onRound = record -> {
                if (record.round() == 0 && killed.compareAndSet(false, true)) {
                    cluster.node(1).terminate();
                }
            };

            // Execute
            simulation.run(scenario, recording);

            // Assert
            assertThat(killed).isTrue();
            assertThat(recording.summary.outcome()).isEqualTo("finished");
            assertThat(recording.rounds).hasSize(5);
            List<RunEvent> losses = recording.events.stream().filter(e -> e.kind().equals("node-lost")).toList();
            assertThat(losses).as("node-lost events: %s", recording.events).hasSize(1);
            RunEvent loss = losses.get(0);
            assertThat(loss.subject()).isEqualTo(victim);
            Set<Integer> lost = clientsIn(loss.detail());
            assertThat(lost).isNotEmpty().hasSizeLessThan(24);
            List<RunEvent> crashes = recording.events.stream().filter(e -> e.kind().equals("client-crashed")).toList();
            assertThat(crashes).hasSize(lost.size()).allSatisfy(e -> {
                assertThat(e.timeNanos()).isEqualTo(loss.timeNanos());
                assertThat(e.detail()).isEqualTo("crash-stop: its node " + victim + " was lost");
            });
            RoundRecord last = recording.rounds.get(4);
            assertThat(last.participants()).isEqualTo(24 - lost.size());
            assertThat(last.simTimeNanos()).isGreaterThan(loss.timeNanos());
            Participation lastTook = recording.participation.get(recording.participation.size() - 1);
            assertThat(lastTook.round()).isEqualTo(4);
            assertThat(lastTook.tookPart()).hasSize(24 - lost.size()).doesNotContainAnyElementsOf(lost);
            assertThat(lastTook.crashed()).containsExactlyInAnyOrderElementsOf(lost);
        }
    }

    private static Set<Integer> clientsIn(String detail) {
        Matcher m = Pattern.compile("clients \\[([0-9, ]*)]").matcher(detail);
        assertThat(m.find()).as(detail).isTrue();
        Set<Integer> ids = new TreeSet<>();
        for (String id : m.group(1).split(",\\s*")) {
            if (!id.isBlank()) {
                ids.add(Integer.parseInt(id.trim()));
            }
        }
        return ids;
    }
}
