package org.lorasim.cluster.sim;

import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.run.ClientPlacement;
import org.lorasim.actors.run.GossipClientFactory;

/**
 * One client of a decentralized (gossip) run as a Cluster Sharding entity (entity id: the client id): its gossip
 * node with its links to its neighbours, spawned as children by the {@link GossipClientFactory} every clients node
 * builds from the run's scenario, so the entity is the node the single JVM would have built. A
 * {@link ClientEntity.Deliver} for role {@code CLIENT} goes to the node, for {@code UPLINK} to its link to
 * {@link ClientEntity.Deliver#peer()}; they answer the clock themselves.
 *
 * <p>The node sends to a neighbour through its own link children (re-addressed by the coordinator's
 * {@link ClientRelay} to their stand-ins, as a centralized client's uplink is) and names the neighbour's node by
 * its stand-in on the coordinator ({@code directory}), so that every message between nodes passes the clock and
 * the relay there, in the single JVM's order. The clock hands the relay a wave's deliveries to the stand-ins at
 * once, and the relay sends each node's share to that node's {@link WaveRelay} in batches it sends again until
 * answered, which hands them to the children the entity named ({@link WaveRelay.Children}); a message the node
 * hands its own link stays on this node ({@link WaveRelay.Held}).
 */
final class GossipEntity {

    private GossipEntity() {
    }

    /**
     * Gossip node {@code clientId} built by {@code factory}, sending to neighbour {@code j} at {@code directory}'s
     * {@code get(j)} (made in the entity's context); names the node and its links to this node's {@code waveRelay},
     * then tells {@code hosted} where it started, before it handles anything (as {@link ClientEntity} does).
     */
    static Behavior<ClientEntity.Deliver> create(GossipClientFactory factory, int clientId,
                                                 Function<ActorContext<?>, Map<Integer, ActorRef<Clock.Delivered>>> directory,
                                                 ActorRef<ClientEntity.Hosted> hosted,
                                                 ActorRef<WaveRelay.Children> waveRelay) {
        return Behaviors.setup(context -> {
            ClientPlacement.GossipParticipants p = factory.spawn(context, clientId, directory.apply(context));
            waveRelay.tell(new WaveRelay.Children(clientId, Map.of(ClientRole.CLIENT, p.node()), p.links()));
            hosted.tell(new ClientEntity.Hosted(clientId, Cluster.get(context.getSystem()).selfMember().address()
                    .toString()));
            return Behaviors.receive(ClientEntity.Deliver.class).onMessage(ClientEntity.Deliver.class, deliver -> {
                ActorRef<Clock.Delivered> target = deliver.role() == ClientRole.CLIENT ? p.node()
                        : deliver.role() == ClientRole.UPLINK ? p.links().get(deliver.peer()) : null;
                if (target == null) {
                    context.getLog().error("gossip node {} has no participant {} (peer {}); the delivery is dropped",
                            clientId, deliver.role(), deliver.peer());
                } else {
                    target.tell(deliver.delivered());
                }
                return Behaviors.same();
            }).build();
        });
    }
}
