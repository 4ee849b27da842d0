package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.node.ClusterMetricsRegistry;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SlotDevice;
import java.util.List;

/**
 * What a node runs for the simulation, by its roles: a {@link ClientHost} on a {@code clients} node, a
 * {@link TrainerHost} with its {@link TrainerInbox} and {@link BaseWarmer} on a {@code trainer} node, a
 * {@link NodeReporter} and a {@link PayloadGuard} on every node, and on a {@code coordinator} node the manager of the {@link RunCoordinator} singleton (which takes submitted
 * runs) and a {@link FiguresPoller} that keeps its {@code GET /cluster} figures fresh. Call once per node, after
 * its actor system joined.
 *
 * @throws IllegalStateException on a trainer node whose {@code lorasim.cluster.trainer.devices} names a GPU that
 *                               PyTorch does not see (the message names the key)
 */
public final class SimulationServices {

    private SimulationServices() {
    }

    /** The {@link TrainerInbox} in front of a trainer node's {@code host}: what the clients nodes send requests to. */
    public static void startTrainerInbox(ActorSystem<?> node, org.apache.pekko.actor.typed.ActorRef<
            org.lorasim.actors.trainer.TrainerSlots.Command> host) {
        node.systemActorOf(TrainerInbox.create(host), "lorasim-trainer-inbox", Props.empty());
    }

    public static void start(ActorSystem<?> node) {
        Cluster cluster = Cluster.get(node);
        if (cluster.selfMember().hasRole(Roles.CLIENTS)) {
            node.systemActorOf(ClientHost.create(), "lorasim-client-host", Props.empty());
        }
        SlotUse slots = null;
        if (cluster.selfMember().hasRole(Roles.TRAINER)) {
            List<SlotDevice> devices = TrainerDevices.available(node.settings().config(), TrainerDevices::pytorchGpus);
            slots = new SlotUse(devices.size());
            startTrainerInbox(node, node.systemActorOf(TrainerHost.create(devices, slots), "lorasim-trainer-host",
                    Props.empty()));
            node.systemActorOf(BaseWarmer.create(TrainerHost.loader(devices)), "lorasim-base-warmer", Props.empty());
        }
        node.systemActorOf(NodeReporter.create(slots), "lorasim-node-reporter", Props.empty());
        node.systemActorOf(PayloadGuard.forNode(), "lorasim-payload-guard", Props.empty());
        if (cluster.selfMember().hasRole(Roles.COORDINATOR)) {
            node.systemActorOf(FiguresPoller.create("", ClusterMetricsRegistry.of(node),
                            NodeSettings.metricsInterval(node.settings().config())),
                    "lorasim-figures", Props.empty());
        }
        if (cluster.selfMember().hasRole(Roles.COORDINATOR)) {
            RunCoordinator.init(node);
        }
    }
}
