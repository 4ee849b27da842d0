package org.lorasim.cluster.sim;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.lorasim.actors.clock.Clock;

/**
 * The coordinator's stand-in for one participant of a sharded client (ParticipantAddress "Sharded(entityId)"
 * of docs/cluster-design.md): a local ref the clock, the aggregator and the scenario runner use as they use
 * any participant, which forwards each delivery through the run's shard region to wherever the entity lives.
 * The clock itself is unchanged.
 */
final class ShardedParticipant {

    private ShardedParticipant() {
    }

    /** Forwards to {@code role} of entity {@code clientId} through {@code region}, counting into {@code sent}. */
    static Behavior<Clock.Delivered> create(ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region, int clientId,
                                            ClientRole role, LongAdder sent) {
        String entityId = Integer.toString(clientId);
        return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
            region.tell(new ShardingEnvelope<>(entityId, new ClientEntity.Deliver(role, delivered)));
            sent.increment();
            return Behaviors.same();
        }).build();
    }
}
