package org.lorasim.actors.run;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipClients;
import org.lorasim.actors.gossip.GossipNetwork;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;

/**
 * Builds gossip node {@code id} of a decentralized run with its links to its neighbours from the run's settings,
 * its common starting adapter and the client's id alone, exactly as the single JVM's {@link DecentralizedSimulation}
 * builds it (the same {@link GossipNetwork.Spec}, built by {@link GossipClients}): what a cluster's {@code clients}
 * node spawns as a client's entity ({@link ClientFactories#gossipForNode}).
 */
public final class GossipClientFactory {
    /** The actor name of a decentralized run's scenario runner, a child of the run's root actor. */
    public static final String SCENARIO_RUNNER = "scenario";

    private final GossipClients clients;
    private final int[][] neighbours;

    /**
     * @param shards        every client's shard, by id (empty for a system-only run)
     * @param examples      every client's example count, by id
     * @param recorder      where nodes and links report (the run's recorder)
     * @param roundListener the run's scenario runner, told when a node begins an iteration
     */
    GossipClientFactory(RunSettings settings, Adapter initial, java.util.List<java.util.List<Example>> shards,
                        int[] examples, LocalTraining training, ActorRef<Object> recorder,
                        ActorRef<Clock.Delivered> roundListener) {
        GossipNetwork.Spec spec = DecentralizedSimulation.spec(new RunParts(settings, Objects.requireNonNull(initial,
                "initial adapter"), shards, examples, training, Map.of(), FedPipeSetup.Base.MINILM), training, recorder);
        this.clients = new GossipClients(spec, roundListener);
        this.neighbours = new int[spec.topology().nodeCount()][];
        for (int i = 0; i < neighbours.length; i++) {
            neighbours[i] = spec.topology().neighbours(i);
        }
    }

    /** The neighbours of node {@code id} in the run's topology, ascending. */
    public int[] neighbours(int id) {
        return neighbours[id].clone();
    }

    /**
     * Spawns node {@code id} and its outgoing links under {@code site} (named {@code gossip-node-<id>} and
     * {@code gossip-link-<id>-<j>}); the node sends to neighbour {@code j} at {@code directory.get(j)}.
     */
    public ClientPlacement.GossipParticipants spawn(ActorContext<?> site, int id,
                                                    Map<Integer, ActorRef<Clock.Delivered>> directory) {
        GossipNetwork.Spawner spawner = GossipNetwork.Spawner.of(site);
        SortedMap<Integer, ActorRef<Clock.Delivered>> links = clients.spawnLinks(id, spawner);
        return new ClientPlacement.GossipParticipants(clients.spawnNode(id, links, directory, spawner), links);
    }
}
