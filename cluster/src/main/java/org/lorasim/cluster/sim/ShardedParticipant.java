package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;

/**
 * The coordinator's stand-in for one participant of a sharded client (ParticipantAddress "Sharded(entityId)"
 * of docs/cluster-design.md): a local ref the clock, the aggregator and the scenario runner use as they use
 * any participant. The clock hands the run's {@link ClientRelay} every delivery to it, with the rest of the
 * wave's ({@link Clock.RelayVia}), so this actor receives only what was delivered before the relay was named,
 * which it passes to the relay one by one.
 */
final class ShardedParticipant {

    private ShardedParticipant() {
    }

    /** Forwards to {@code role} of entity {@code clientId} through {@code relay}. */
    static Behavior<Clock.Delivered> create(ActorRef<Object> relay, int clientId, ClientRole role) {
        return create(relay, clientId, role, -1);
    }

    /** As {@link #create(ActorRef, int, ClientRole)}, for {@code peer} (see {@link ClientEntity.Deliver}). */
    static Behavior<Clock.Delivered> create(ActorRef<Object> relay, int clientId, ClientRole role, int peer) {
        return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
            relay.tell(new ClientRelay.Forward(clientId, role, peer, delivered));
            return Behaviors.same();
        }).build();
    }
}
