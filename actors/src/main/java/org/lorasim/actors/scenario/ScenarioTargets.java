package org.lorasim.actors.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.client.ClientActor;
import org.lorasim.actors.clock.Clock;

/**
 * Who a scenario acts on: every client, the links of each client (for a gossip run, the links leaving each
 * client), every link of the network (a partition is told to all of them) and the aggregator (null in a
 * gossip run), the last given as a supplier because the aggregator is spawned after the runner (it tells the
 * runner when rounds begin). Partition node ids are client ids; the aggregator is node {@link #AGGREGATOR_NODE}.
 */
public record ScenarioTargets(Map<Integer, ActorRef<Clock.Delivered>> clients,
                              Map<Integer, List<ActorRef<Clock.Delivered>>> uplinks,
                              Map<Integer, List<ActorRef<Clock.Delivered>>> downlinks,
                              List<ActorRef<Clock.Delivered>> allLinks,
                              Supplier<ActorRef<Clock.Delivered>> aggregator, NodeInputs inputs) {

    /** The messages that crash, recover and slow down a client of this kind of run. */
    public interface NodeInputs {
        Object crash(boolean loseState);

        Object recover();

        Object slowDown(double factor);

        /** The inputs of {@link org.lorasim.actors.client.ClientActor}. */
        NodeInputs CLIENTS = new NodeInputs() {
            @Override
            public Object crash(boolean loseState) {
                return new ClientActor.Crash(loseState);
            }

            @Override
            public Object recover() {
                return new ClientActor.Recover();
            }

            @Override
            public Object slowDown(double factor) {
                return new ClientActor.SlowDown(factor);
            }
        };
    }

    /** The aggregator's node id in partitions. */
    public static final long AGGREGATOR_NODE = -1;

    public ScenarioTargets {
        clients = Map.copyOf(clients);
        uplinks = Map.copyOf(uplinks);
        downlinks = Map.copyOf(downlinks);
        allLinks = List.copyOf(allLinks);
        Objects.requireNonNull(aggregator, "aggregator (a supplier of null for none)");
        Objects.requireNonNull(inputs, "inputs");
    }
}
