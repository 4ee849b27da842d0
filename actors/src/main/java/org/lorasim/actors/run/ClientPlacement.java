package org.lorasim.actors.run;

import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.clock.Clock;
import org.lorasim.policies.adapter.Adapter;

/**
 * Where the clients of a centralized run live, each with its uplink and downlink: in the run's own actor
 * system ({@link ClientFactory}, the single-JVM default), or elsewhere (the cluster runtime's sharded
 * entities, reached through local forwarding refs). The aggregator, the scenario runner and the clock only
 * ever see the three refs of {@link Participants}, so they do not know which. A placement elsewhere may also
 * host the gossip nodes of a decentralized run, each with its links to its neighbours
 * ({@link #prepareGossip}, {@link #gossipParticipants}; built there by a {@link GossipClientFactory}).
 */
public interface ClientPlacement {

    /** The refs through which the run reaches client {@code id} and its two links. */
    record Participants(ActorRef<Clock.Delivered> client, ActorRef<Clock.Delivered> uplink,
                        ActorRef<Clock.Delivered> downlink) {
    }

    /**
     * Called once, inside the run's actors, after the clock and the recorder exist and before any
     * {@link #participants}; the run starts its clock only once the stage completes (exceptionally: the
     * run fails with its message).
     */
    CompletionStage<Void> prepare(ActorContext<?> site, ActorRef<Clock.Command> clock, ActorRef<Object> recorder);

    /** The participants of client {@code clientId}, spawned (or proxied) under {@code site}. */
    Participants participants(ActorContext<?> site, int clientId);

    /** The refs through which a decentralized run reaches gossip node {@code node} and its links, by neighbour. */
    record GossipParticipants(ActorRef<Clock.Delivered> node, SortedMap<Integer, ActorRef<Clock.Delivered>> links) {
        public GossipParticipants {
            links = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(links));
        }
    }

    /**
     * As {@link #prepare}, for a decentralized run whose gossip nodes all start from {@code initial}; called
     * instead of it.
     *
     * @throws UnsupportedOperationException where this placement hosts no gossip nodes
     */
    default CompletionStage<Void> prepareGossip(ActorContext<?> site, ActorRef<Clock.Command> clock,
                                                ActorRef<Object> recorder, Adapter initial) {
        throw new UnsupportedOperationException("this client placement does not host gossip nodes");
    }

    /**
     * The participants of gossip node {@code clientId}, its link to each of {@code neighbours}, spawned (or
     * proxied) under {@code site} and named as {@link org.lorasim.actors.gossip.GossipClients} names them.
     *
     * @throws UnsupportedOperationException where this placement hosts no gossip nodes
     */
    default GossipParticipants gossipParticipants(ActorContext<?> site, int clientId, int[] neighbours) {
        throw new UnsupportedOperationException("this client placement does not host gossip nodes");
    }
}
