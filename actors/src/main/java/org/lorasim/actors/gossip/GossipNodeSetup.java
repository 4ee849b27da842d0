package org.lorasim.actors.gossip;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.training.data.Example;

/**
 * What is particular to one {@link GossipNode} of a Dec-LoRA (Ghiasvand et al., arXiv 2501.15361) run.
 * {@code links} holds the outgoing link to each neighbour (its keys are the neighbours); {@code directory} maps
 * node ids to node refs, the links' destinations. The directory is read only while the node handles a
 * delivery, so a factory may complete it after spawning the nodes and before the first delivery (the nodes
 * need each other's refs); it is not copied.
 *
 * @param senderId       the node's clock sender id, distinct from every other participant's
 * @param flopsPerSecond the device's compute speed before any slow-down
 * @param shard          its training examples, empty in a system-only run
 * @param numExamples    the examples it has (or, system-only, stands for)
 */
public record GossipNodeSetup(int id, long senderId, Adapter initial,
                              SortedMap<Integer, ActorRef<Clock.Delivered>> links,
                              Map<Integer, ActorRef<Clock.Delivered>> directory, double flopsPerSecond,
                              List<Example> shard, int numExamples) {
    public GossipNodeSetup {
        Checks.nonNegative("node id", id);
        Objects.requireNonNull(initial, "initial adapter of node " + id);
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
        Checks.require(!links.containsKey(id), "node " + id + " cannot be its own neighbour");
        Objects.requireNonNull(directory, "directory");
        Checks.require(flopsPerSecond > 0 && Double.isFinite(flopsPerSecond),
                "compute speed of node " + id + " must be finite and > 0, got " + flopsPerSecond);
        shard = List.copyOf(shard);
        Checks.positive("number of examples of node " + id, numExamples);
    }

    /** Checks that this node and its neighbours are a client and its graph neighbours in {@code mixing}. */
    public void requireFits(MixingMatrix mixing) {
        int n = mixing.size();
        Checks.require(id < n, "node " + id + " is not a client of the " + n + "-node mixing matrix");
        for (int j : links.keySet()) {
            Checks.require(mixing.topology().hasEdge(id, j), "node " + j + " is given as a neighbour of node " + id
                    + " but {" + id + ", " + j + "} is not an edge of the topology");
        }
    }
}
