package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.RunEvent;

/**
 * A clients+trainer node lost mid-run: three real cluster nodes on loopback (coordinator, clients+trainer,
 * clients+trainer); when the first round ends, one worker's actor system is terminated abruptly (no leave: its
 * coordinated shutdown does not run), the others detect it unreachable and the split brain resolver downs it.
 * The run finishes all its rounds; the clients that lived on the node are recorded crashed at one simulated time,
 * with the node's address, and never take part again.
 */
class NodeCrashRunTest {

    /** Abrupt termination, and a lost node downed within seconds (the clock's ack-timeout bounds the wait). */
    private static final Config CRASHABLE = ConfigFactory.parseString("""
            pekko.coordinated-shutdown.run-by-actor-system-terminate = off
            pekko.cluster.split-brain-resolver.stable-after = 3s
            """);

    @Test
    void aWorkerNodeKilledMidRunLeavesItsClientsCrashedAndTheRunFinishes() {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { trainer = cost-model, rounds = 5, seed = 3 }
                lorasim.clients.count = 24
                lorasim.rounds.fraction = 0.5
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
            assertThat(lost).isNotEmpty();
            List<RunEvent> crashes = recording.events.stream().filter(e -> e.kind().equals("client-crashed")).toList();
            assertThat(crashes).hasSize(lost.size()).allSatisfy(e -> {
                assertThat(e.timeNanos()).isEqualTo(loss.timeNanos());
                assertThat(e.detail()).isEqualTo("crash-stop: its node " + victim + " was lost");
            });
            assertThat(crashes.stream().map(e -> Integer.parseInt(e.subject().substring("client-".length()))))
                    .containsExactlyInAnyOrderElementsOf(lost);
            List<Integer> after = recording.started.entrySet().stream().filter(e -> e.getValue() > loss.timeNanos())
                    .map(java.util.Map.Entry::getKey).toList();
            assertThat(after).as("rounds started after the loss at %d ns", loss.timeNanos()).isNotEmpty();
            for (Participation p : recording.participation) {
                if (after.contains(p.round())) {
                    List<Integer> sampledLost = new ArrayList<>(recording.sampled.get(p.round()));
                    sampledLost.retainAll(lost);
                    assertThat(p.crashed()).as("round %d", p.round()).containsAll(sampledLost);
                    assertThat(p.tookPart()).as("round %d", p.round()).doesNotContainAnyElementsOf(lost);
                }
            }
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
