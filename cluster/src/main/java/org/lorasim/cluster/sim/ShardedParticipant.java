package org.lorasim.cluster.sim;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;

/**
 * The coordinator's stand-in for one participant of a sharded client (ParticipantAddress "Sharded(entityId)"
 * of docs/cluster-design.md): a local ref the clock, the aggregator and the scenario runner use as they use
 * any participant, which hands each delivery to the run's {@link ClientRelay}, on its way through the shard
 * region to wherever the entity lives. The clock itself is unchanged.
 */
final class ShardedParticipant {

    private ShardedParticipant() {
    }

    /** Forwards to {@code role} of entity {@code clientId} through {@code relay}, counting into {@code sent}. */
    static Behavior<Clock.Delivered> create(ActorRef<Object> relay, int clientId, ClientRole role, LongAdder sent) {
        return create(relay, clientId, role, -1, sent);
    }

    /** As {@link #create(ActorRef, int, ClientRole, LongAdder)}, for {@code peer} (see {@link ClientEntity.Deliver}). */
    static Behavior<Clock.Delivered> create(ActorRef<Object> relay, int clientId, ClientRole role, int peer,
                                            LongAdder sent) {
        return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
            relay.tell(new ClientRelay.Forward(clientId, role, peer, delivered));
            sent.increment();
            return Behaviors.same();
        }).build();
    }
}
