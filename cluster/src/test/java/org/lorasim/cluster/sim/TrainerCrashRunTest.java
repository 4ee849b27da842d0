package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.Simulation;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainerSlots;

/**
 * A trainer-only node lost with trainings in flight: four real cluster nodes on loopback (coordinator, clients,
 * trainer, trainer) run a tiny real-training (DJL) scenario; the trainer node that the first training request
 * reaches terminates its actor system abruptly at that moment (no leave), before it trains anything, so that
 * request is certainly in flight there. The split brain resolver downs it, the clients node's
 * {@link TrainerRouter} sends the same requests to the other trainer node, and the run finishes with the rounds,
 * events and checksum of the run in one JVM, plus the loss recorded. With no other trainer node, the requests
 * fail instead, and so do the later ones: the run finishes with every sampled client a failure. (The clock's
 * {@code work-timeout} is cut to 180 s so that a request never answered fails the test instead of hanging it for an
 * hour.)
 */
class TrainerCrashRunTest {

    /** Abrupt termination, and a lost node downed within seconds. */
    private static final Config CRASHABLE = ConfigFactory.parseString("""
            pekko.coordinated-shutdown.run-by-actor-system-terminate = off
            pekko.cluster.split-brain-resolver.stable-after = 3s
            """);

    /** The tiny real-training scenario of ClusterRunTest. */
    private static final Config SCENARIO = ConfigFactory.parseString("""
            lorasim.run { rounds = 2, seed = 5 }
            lorasim.clients.count = 4
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.references.linear-probe = off
            lorasim.clock.work-timeout = 180s
            """).withFallback(ConfigFactory.load()).resolve();

    @Test
    void aTrainerNodeLostWithTrainingsInFlightHasThemRetriedElsewhereAndTheRunEqualsOneJvm() {
        // Setup
        Recording single = new Recording();
        Simulation.run(SCENARIO, single, null);
        AtomicReference<String> victim = new AtomicReference<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(CRASHABLE, node -> services(node, victim),
                "coordinator", "clients", "trainer", "trainer")) {
            Set<String> trainers = Set.of(address(cluster.node(2)), address(cluster.node(3)));

            // Execute
            Recording distributed = onTheCluster(cluster);

            // Assert
            assertThat(victim.get()).as("a trainer node got a request and died").isIn(trainers);
            String survivor = trainers.stream().filter(t -> !t.equals(victim.get())).findFirst().orElseThrow();
            assertThat(distributed.summary.outcome()).isEqualTo("finished");
            assertThat(distributed.rounds).hasSize(2).isEqualTo(single.rounds);
            assertThat(distributed.summary.checksum()).isEqualTo(single.summary.checksum());
            assertThat(distributed.summary.finalAccuracy()).isEqualTo(single.summary.finalAccuracy());
            List<RunEvent> losses = losses(distributed, victim.get());
            assertThat(kind(losses, "trainer-lost").detail()).matches(".*for clients node " + address(cluster.node(1))
                    + ": clients \\[[0-9, ]+] retried on " + survivor);
            assertThat(distributed.events.stream().filter(e -> !losses.contains(e)).toList()).isEqualTo(single.events);
        }
    }

    @Test
    void theOnlyTrainerNodeLostHasItsTrainingsFailedAndTheRunStillFinishes() {
        // Setup
        AtomicReference<String> victim = new AtomicReference<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(CRASHABLE, node -> services(node, victim),
                "coordinator", "clients", "trainer")) {

            // Execute
            Recording distributed = onTheCluster(cluster);

            // Assert
            assertThat(victim.get()).isEqualTo(address(cluster.node(2)));
            assertThat(distributed.summary.outcome()).isEqualTo("finished");
            assertThat(distributed.rounds).hasSize(2).allSatisfy(round -> {
                assertThat(round.sampled()).isPositive();
                assertThat(round.failures()).isEqualTo(round.sampled());
                assertThat(round.participants()).isZero();
            });
            List<RunEvent> losses = losses(distributed, victim.get());
            assertThat(kind(losses, "trainer-lost").detail()).matches(".*for clients node " + address(cluster.node(1))
                    + ": clients \\[[0-9, ]+] failed \\(no trainer node left or already retried\\)");
        }
    }

    private static Recording onTheCluster(LoopbackCluster cluster) {
        Recording recording = new Recording();
        new ClusterSimulation(cluster.node(0), Duration.ofSeconds(20), Duration.ofSeconds(120)).run(SCENARIO, recording);
        return recording;
    }

    /** The run's node-lost and trainer-lost events, one each in that order, both about {@code victim}. */
    private static List<RunEvent> losses(Recording recording, String victim) {
        List<RunEvent> losses = recording.events.stream()
                .filter(e -> e.kind().equals("node-lost") || e.kind().equals("trainer-lost")).toList();
        assertThat(losses).extracting(RunEvent::kind).containsExactly("node-lost", "trainer-lost");
        assertThat(losses).extracting(RunEvent::subject).containsOnly(victim);
        assertThat(kind(losses, "node-lost").detail()).endsWith("it hosted no clients");
        return losses;
    }

    private static RunEvent kind(List<RunEvent> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static String address(ActorSystem<?> node) {
        return Cluster.get(node).selfMember().address().toString();
    }

    /**
     * A clients node's own services; on a trainer node, {@link #dyingOnFirstRequest} instead of its TrainerHost (behind
     * the node's own {@link TrainerInbox}, beside its {@link BaseWarmer}).
     */
    private static void services(ActorSystem<Void> node, AtomicReference<String> victim) {
        if (Cluster.get(node).selfMember().hasRole(Roles.TRAINER)) {
            SimulationServices.startTrainerInbox(node,
                    node.systemActorOf(dyingOnFirstRequest(victim), "lorasim-trainer-host", Props.empty()));
            node.systemActorOf(BaseWarmer.create(TrainerHost.loader(TrainerDevices.of(node.settings().config()))),
                    "lorasim-base-warmer", Props.empty());
        } else {
            SimulationServices.start(node);
        }
    }

    /**
     * A {@link TrainerHost} (registered under its key, slots of {@code lorasim.trainer-slots} made at the first
     * request), except that the first training request any such host of the test gets terminates its node's actor
     * system instead of being trained; the node's address goes into {@code victim}.
     */
    private static Behavior<TrainerSlots.Command> dyingOnFirstRequest(AtomicReference<String> victim) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(TrainerHost.KEY, context.getSelf()));
            ActorRef<TrainerSlots.Command>[] slots = new ActorRef[1];
            return Behaviors.receive(TrainerSlots.Command.class).onAnyMessage(command -> {
                if (command instanceof TrainerSlot.Train && victim.compareAndSet(null, address(context.getSystem()))) {
                    context.getSystem().terminate();
                    return Behaviors.ignore();
                }
                if (slots[0] == null) {
                    slots[0] = context.spawn(TrainerSlots.fromConfig(), "slots");
                }
                slots[0].tell(command);
                return Behaviors.same();
            }).build();
        });
    }
}
