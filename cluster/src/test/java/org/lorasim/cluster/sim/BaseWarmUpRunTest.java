package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * A trained run whose trainer node cannot load the run's base fails before its first round, naming the node and the
 * reason (docs/cluster.md, "Trainer nodes load the base ahead of the first round"), instead of failing every training
 * sent there round after round. Three loopback nodes; the trainer node's {@link BaseWarmer} is given a loader that
 * fails as a GPU out of memory would (the only stand-in: its slots are the real {@link TrainerHost}).
 */
class BaseWarmUpRunTest {
    private static final Config TRAINED = Recording.TINY_TRAINED;
    private static final String OUT_OF_MEMORY = "CUDA out of memory while loading the base (stand-in)";

    /** Every node's own services, but the trainer node's base loader fails. */
    private static void services(ActorSystem<Void> node) {
        if (Cluster.get(node).selfMember().hasRole(Roles.TRAINER)) {
            SimulationServices.startTrainerInbox(node, node.systemActorOf(TrainerHost.create(), "lorasim-trainer-host",
                    Props.empty()));
            node.systemActorOf(BaseWarmer.create(model -> {
                throw new IllegalStateException(OUT_OF_MEMORY);
            }), "lorasim-base-warmer", Props.empty());
        } else {
            SimulationServices.start(node);
        }
    }

    @Test
    void aTrainerNodeThatCannotLoadTheBaseFailsTheRunBeforeItsFirstRoundNamingTheNodeAndTheReason() {
        // Execute
        Recording recording = new Recording();
        String trainerNode;
        Throwable failure;
        try (LoopbackCluster cluster = LoopbackCluster.start(ConfigFactory.empty(), BaseWarmUpRunTest::services,
                "coordinator", "clients", "trainer")) {
            trainerNode = Cluster.get(cluster.node(2)).selfMember().address().toString();
            ClusterSimulation simulation = new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20),
                    Duration.ofSeconds(60));
            failure = catchThrowable(() -> simulation.run(TRAINED, recording));
        }

        // Assert: the run's preparation fails as a clients node's would (the command line's error and exit code)
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trainer node(s) could not load the run's base (encoder all-MiniLM-L6-v2)")
                .hasMessageContaining(trainerNode + ": IllegalStateException: " + OUT_OF_MEMORY);
        assertThat(recording.rounds).isEmpty();
    }
}
