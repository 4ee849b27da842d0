package org.lorasim.cluster.sim;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipClients;
import org.lorasim.actors.run.GossipClientFactory;

/**
 * The coordinator's actors that a {@code clients} node's gossip nodes name, as seen from that node: the stand-in
 * ({@link ShardedParticipant}) of each gossip node, {@code gossip-node-<i>}, and the scenario runner,
 * {@code scenario}, all children of the run's root actor there, whose child the relay also is. Their refs are made
 * from the relay's path (Pekko's {@link ActorRefResolver}), since the stand-ins are spawned only after the
 * clients nodes are prepared; a message to one is delivered once it exists, which is before the first delivery
 * of the run. On the coordinator node itself (when it also hosts clients) a path resolves to dead letters until its
 * actor exists, so there each is named through a {@link LateResolved} spawned in the asking actor's context; a
 * node's under the stand-in's own name, so that the coordinator's {@link ClientRelay} re-addresses an event for it
 * to the stand-in, whose deliveries the clock hands the relay with the rest of the wave.
 */
final class GossipStandIns {
    private final ActorRefResolver resolver;
    private final ActorPath root;

    /** @param relay the coordinator's {@link ClientRelay} of the run */
    GossipStandIns(ActorSystem<?> system, ActorRef<?> relay) {
        this.resolver = ActorRefResolver.get(system);
        this.root = relay.path().parent();
    }

    /** The stand-ins of {@code ids}, by id, for an actor spawning in {@code context}. */
    Map<Integer, ActorRef<Clock.Delivered>> nodes(ActorContext<?> context, int[] ids) {
        Map<Integer, ActorRef<Clock.Delivered>> out = new TreeMap<>();
        for (int id : ids) {
            out.put(id, resolve(context, GossipClients.nodeName(id), true));
        }
        return out;
    }

    /** The run's scenario runner, which the nodes tell when they begin an iteration. */
    ActorRef<Clock.Delivered> scenarioRunner(ActorContext<?> context) {
        return resolve(context, GossipClientFactory.SCENARIO_RUNNER, false);
    }

    /** {@code child} of the run's root; in this JVM a {@link LateResolved}, {@code named} as {@code child} or not. */
    private ActorRef<Clock.Delivered> resolve(ActorContext<?> context, String child, boolean named) {
        String path = root.child(child).toSerializationFormat();
        if (!root.address().hasLocalScope()) {
            return resolver.resolveActorRef(path);
        }
        return named ? context.spawn(LateResolved.create(path), child) : context.spawnAnonymous(LateResolved.create(path));
    }
}
