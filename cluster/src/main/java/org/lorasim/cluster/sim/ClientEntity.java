package org.lorasim.cluster.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.run.ClientFactory;
import org.lorasim.actors.run.ClientPlacement;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * One client of a run as a Cluster Sharding entity (entity id: the client id): the client with its uplink
 * and downlink, spawned as children by the {@link ClientFactory} that every clients node builds from the run's
 * scenario, so the entity is the client the single JVM would have built. A {@link Deliver} hands a clock
 * delivery to one of the three; they answer the clock themselves.
 *
 * <p>The client schedules its uploads to its uplink child's own ref (as in one JVM): that ref is only valid
 * while the entity stays on its node, which holds because the run's shards are never rebalanced
 * ({@link NoRebalance}); a node that leaves takes its entities with it (see docs/cluster.md, "Failures").
 */
public final class ClientEntity {

    /**
     * Deliver {@code delivered} to the entity's participant {@code role}; {@code peer} is -1, but for the link of a
     * gossip node ({@link GossipEntity}, role {@code UPLINK}) the neighbour it leads to.
     */
    public record Deliver(ClientRole role, int peer, Clock.Delivered delivered) implements LorasimMessage {
        public Deliver {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(delivered, "delivered");
        }

        public Deliver(ClientRole role, Clock.Delivered delivered) {
            this(role, -1, delivered);
        }
    }

    /** Client {@code clientId}'s entity started on node {@code node} (to the coordinator's {@link ClientRelay}). */
    public record Hosted(int clientId, String node) implements LorasimMessage {
        public Hosted {
            Objects.requireNonNull(node, "node");
        }
    }

    private ClientEntity() {
    }

    /**
     * Client {@code clientId} built by {@code factory}, reporting link and client events to {@code recorder}; names
     * its three participants to this node's {@code waveRelay}, then tells {@code hosted} where it started, before it
     * handles anything (so before any answer of its children, and the relay knows them before any batch for them).
     */
    public static Behavior<Deliver> create(ClientFactory factory, int clientId, ActorRef<Object> recorder,
                                           ActorRef<Hosted> hosted, ActorRef<WaveRelay.Children> waveRelay) {
        return Behaviors.setup(context -> {
            ClientPlacement.Participants p = factory.spawn(context, "", clientId, recorder.narrow(), recorder.narrow());
            Map<ClientRole, ActorRef<Clock.Delivered>> children = new EnumMap<>(ClientRole.class);
            children.put(ClientRole.CLIENT, p.client());
            children.put(ClientRole.UPLINK, p.uplink());
            children.put(ClientRole.DOWNLINK, p.downlink());
            waveRelay.tell(new WaveRelay.Children(clientId, Map.copyOf(children)));
            hosted.tell(new Hosted(clientId, Cluster.get(context.getSystem()).selfMember().address().toString()));
            return Behaviors.receive(Deliver.class).onMessage(Deliver.class, deliver -> {
                children.get(deliver.role()).tell(deliver.delivered());
                return Behaviors.same();
            }).build();
        });
    }
}
