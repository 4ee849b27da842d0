package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.Simulation;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.NodeSettings;

/**
 * The coordinator node SIGKILLed mid-run (issue 10): three node JVMs (coordinator; coordinator, clients, trainer;
 * clients, trainer) and this JVM submitting; once round 1's record has reached this JVM, node 0, which runs the
 * run, is killed. The run coordinator singleton moves to node 1, the run starts again there and replays, and what
 * this JVM passes on is the single-JVM run: every round record (wall times aside), every event, the checksum,
 * plus one {@code coordinator-lost} event naming node 0 and the round the run resumed after.
 */
class CoordinatorCrashRunTest {

    private static final Config SCENARIO = ConfigFactory.parseString("""
            lorasim.run { trainer = cost-model, rounds = 8, seed = 41 }
            lorasim.clients.count = 40
            lorasim.rounds.fraction = 0.5
            """).withFallback(ConfigFactory.load()).resolve();

    @Test
    @Timeout(600)
    void aRunWhoseCoordinatorNodeIsKilledCompletesWithTheSingleJvmRecords(@TempDir Path dir) throws Exception {
        // Setup
        Recording single = new Recording();
        Simulation.run(SCENARIO, single, null);
        Recording distributed = new Recording();
        AtomicBoolean killed = new AtomicBoolean();
        try (LocalNodes nodes = LocalNodes.builder(dir.resolve("nodes"))
                .node(Set.of(NodeRole.COORDINATOR))
                .node(Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS, NodeRole.TRAINER))
                .node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER))
                .start()) {
            CompletableFuture<Integer> kill = new CompletableFuture<>();
            distributed.onRound = record -> {
                if (record.round() == 1 && killed.compareAndSet(false, true)) {
                    CompletableFuture.supplyAsync(() -> nodes.kill(0)).whenComplete((code, e) -> {
                        if (e == null) {
                            kill.complete(code);
                        } else {
                            kill.completeExceptionally(e);
                        }
                    });
                }
            };

            // Execute
            ClusterRuns.submit(nodes.node(0).asSeed(), SCENARIO, distributed);

            // Assert
            assertThat(kill.isDone()).as("node 0 was killed").isTrue();
            assertThat(nodes.node(0).isAlive()).isFalse();
            List<RunEvent> lost = distributed.events.stream().filter(e -> e.kind().equals("coordinator-lost")).toList();
            assertThat(lost).hasSize(1);
            assertThat(lost.get(0).subject()).isEqualTo(nodes.node(0).address());
            assertThat(lost.get(0).detail()).contains(nodes.node(1).address()).contains("after round ");
            assertThat(distributed.summary.outcome()).isEqualTo("finished");
            assertThat(distributed.rounds).hasSize(8).isEqualTo(single.rounds);
            assertThat(distributed.events.stream().filter(e -> !e.kind().equals("coordinator-lost")).toList())
                    .isEqualTo(single.events);
            assertThat(distributed.participation).isEqualTo(single.participation);
            assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        }
    }

    @Test
    @Timeout(600)
    void aTrainedRunResumedAfterItsCoordinatorNodeWasKilledDoesNotTrainItsFinishedRoundsAgain(@TempDir Path dir)
            throws Exception {
        // Setup
        Config scenario = ConfigFactory.parseString("""
                lorasim.run { rounds = 3, seed = 5 }
                lorasim.clients.count = 4
                lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
                lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
                lorasim.model.rank = 4
                lorasim.references.linear-probe = off
                """).withFallback(ConfigFactory.load()).resolve();
        Recording single = new Recording();
        Simulation.run(scenario, single, null);
        Path journals = dir.resolve("journals");
        Recording distributed = new Recording();
        AtomicBoolean killed = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong killedAtMillis = new java.util.concurrent.atomic.AtomicLong();
        try (LocalNodes nodes = LocalNodes.builder(dir.resolve("nodes"))
                .node(Set.of(NodeRole.COORDINATOR))
                .node(Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS, NodeRole.TRAINER))
                .node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER))
                .set("lorasim.cluster.journal-dir", "\"" + journals + "\"")
                .start()) {
            distributed.onRound = record -> {
                if (record.round() == 0 && killed.compareAndSet(false, true)) {
                    killedAtMillis.set(System.currentTimeMillis());
                    CompletableFuture.runAsync(() -> nodes.kill(0));
                }
            };

            // Execute
            ClusterRuns.submit(nodes.node(0).asSeed(), scenario, distributed);
        }

        // Assert
        assertThat(distributed.events).anyMatch(e -> e.kind().equals("coordinator-lost"));
        assertThat(distributed.summary.outcome()).isEqualTo("finished");
        assertThat(distributed.rounds).hasSize(3).isEqualTo(single.rounds);
        assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
        assertThat(distributed.summary.finalAccuracy()).isEqualTo(single.summary.finalAccuracy());
        List<Path> runJournals;
        try (var runs = java.nio.file.Files.list(journals)) {
            runJournals = runs.toList();
        }
        assertThat(runJournals).hasSize(1);
        List<Path> roundZero;
        try (var entries = java.nio.file.Files.list(runJournals.get(0))) {
            roundZero = entries.filter(f -> f.getFileName().toString().matches("c\\d+-r0-.*\\.kryo")).toList();
        }
        assertThat(roundZero).hasSize(single.rounds.get(0).participants());
        for (Path entry : roundZero) {
            assertThat(java.nio.file.Files.getLastModifiedTime(entry).toMillis())
                    .as("%s was written before the kill, and not again", entry.getFileName())
                    .isLessThanOrEqualTo(killedAtMillis.get());
        }
    }

    @Test
    @Timeout(300)
    void withoutASecondCoordinatorNodeTheRunFailsWithinTheAcceptTimeoutNamingTheLostNode(@TempDir Path dir)
            throws Exception {
        // Setup
        RunSubmitter.Timing timing = new RunSubmitter.Timing(Duration.ofSeconds(20), Duration.ofSeconds(3),
                Duration.ofSeconds(30), 3);
        Recording distributed = new Recording();
        AtomicBoolean killed = new AtomicBoolean();
        try (LocalNodes nodes = LocalNodes.builder(dir.resolve("nodes"))
                .node(Set.of(NodeRole.COORDINATOR))
                .node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER))
                .start();
             ClusterNode submitter = ClusterNode.start(NodeSettings.fromConfig(SCENARIO).withRoles(Set.of())
                     .withPort(0).withSeedNodes(List.of(nodes.node(0).asSeed())).withHttp(false, 0), SCENARIO)) {
            distributed.onRound = record -> {
                if (record.round() == 1 && killed.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(() -> nodes.kill(0));
                }
            };

            // Execute / Assert
            assertThatThrownBy(() -> ClusterRuns.submit(submitter.system(), SCENARIO, distributed, timing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no node with role coordinator took the run within 20 s after its"
                            + " coordinator node " + nodes.node(0).address() + " was lost");
            assertThat(distributed.summary).isNull();
            assertThat(distributed.rounds).hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
