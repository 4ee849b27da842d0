package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * What a node runs for the simulation, by its roles: a {@link ClientHost} on a {@code clients} node, a
 * {@link TrainerHost} on a {@code trainer} node, the manager of the {@link RunCoordinator} singleton (which takes
 * submitted runs) on a {@code coordinator} node. Call once per node, after its actor system joined.
 */
public final class SimulationServices {

    private SimulationServices() {
    }

    public static void start(ActorSystem<?> node) {
        Cluster cluster = Cluster.get(node);
        if (cluster.selfMember().hasRole(Roles.CLIENTS)) {
            node.systemActorOf(ClientHost.create(), "lorasim-client-host", Props.empty());
        }
        if (cluster.selfMember().hasRole(Roles.TRAINER)) {
            node.systemActorOf(TrainerHost.create(), "lorasim-trainer-host", Props.empty());
        }
        if (cluster.selfMember().hasRole(Roles.COORDINATOR)) {
            RunCoordinator.init(node);
        }
    }
}
