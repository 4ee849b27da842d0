package org.lorasim.cluster.sim;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipClients;
import org.lorasim.actors.run.GossipClientFactory;

/**
 * The coordinator's actors that a {@code clients} node's gossip nodes name, as seen from that node: the stand-in
 * ({@link ShardedParticipant}) of each gossip node, {@code gossip-node-<i>}, and the scenario runner,
 * {@code scenario}, all children of the run's root actor there, whose child the relay also is. Their refs are made
 * from the relay's path (Pekko's {@link ActorRefResolver}), since the stand-ins are spawned only after the
 * clients nodes are prepared; a message to one is delivered once it exists, which is before the first delivery
 * of the run.
 */
final class GossipStandIns {
    private final ActorRefResolver resolver;
    private final ActorPath root;

    /** @param relay the coordinator's {@link ClientRelay} of the run */
    GossipStandIns(ActorSystem<?> system, ActorRef<?> relay) {
        this.resolver = ActorRefResolver.get(system);
        this.root = relay.path().parent();
    }

    /** The stand-in of gossip node {@code id}. */
    ActorRef<Clock.Delivered> node(int id) {
        return resolve(GossipClients.nodeName(id));
    }

    /** The stand-ins of {@code ids}, by id. */
    Map<Integer, ActorRef<Clock.Delivered>> nodes(int[] ids) {
        Map<Integer, ActorRef<Clock.Delivered>> out = new TreeMap<>();
        for (int id : ids) {
            out.put(id, node(id));
        }
        return out;
    }

    /** The run's scenario runner, which the nodes tell when they begin an iteration. */
    ActorRef<Clock.Delivered> scenarioRunner() {
        return resolve(GossipClientFactory.SCENARIO_RUNNER);
    }

    private ActorRef<Clock.Delivered> resolve(String child) {
        return resolver.resolveActorRef(root.child(child).toSerializationFormat());
    }
}
