package org.lorasim.actors.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkId;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.Checks;
import org.lorasim.policies.gossip.DecLoraGossip;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.policies.random.RngStreams;

/**
 * Builds one client's part of a gossip network from the network's {@link GossipNetwork.Spec} alone: its
 * {@link GossipNode} ({@code gossip-node-<i>}) and its outgoing {@link LinkActor}s ({@code gossip-link-<i>-<j>}),
 * with the sender ids, random streams and link models {@link GossipNetwork} documents. {@link GossipNetwork#spawn}
 * builds every client with it in one JVM; a cluster's {@code clients} node builds the clients it hosts with it, so
 * a client built on another node is the one the single JVM would have built.
 */
public final class GossipClients {
    private final GossipNetwork.Spec spec;
    private final GossipEnvironment env;
    private final List<GossipNetwork.Edge> edges;
    private final RngStreams streams;

    /**
     * The builder of {@code spec}'s clients; every node delivers {@code AggregatorActor.RoundBegan(t)} to
     * {@code roundListener} (if not null) when it begins iteration t.
     */
    public GossipClients(GossipNetwork.Spec spec, ActorRef<Clock.Delivered> roundListener) {
        this.spec = Objects.requireNonNull(spec, "spec");
        SyntheticNoise noise = spec.noise();
        if (noise == null && spec.training().synthetic()) {
            noise = new SyntheticNoise(new RngStreams(spec.settings().seed()).seed("gossip-noise", 0));
        }
        this.env = new GossipEnvironment(spec.mixing().of(spec.topology()),
                new DecLoraGossip(spec.settings().missingRule()), spec.training(), spec.settings(), noise,
                spec.observer(), roundListener);
        this.edges = edges(spec.topology());
        this.streams = new RngStreams(spec.settings().seed());
    }

    /** Every directed edge of {@code topology} ({@code i -> j} and {@code j -> i}), ascending by {@code (from, to)}. */
    public static List<GossipNetwork.Edge> edges(Topology topology) {
        List<GossipNetwork.Edge> edges = new ArrayList<>();
        for (int i = 0; i < topology.nodeCount(); i++) {
            for (int j : topology.neighbours(i)) {
                edges.add(new GossipNetwork.Edge(i, j));
            }
        }
        Collections.sort(edges);
        return List.copyOf(edges);
    }

    /** The actor name of client {@code id}'s node. */
    public static String nodeName(int id) {
        return "gossip-node-" + id;
    }

    /** The actor name of the link from client {@code from} to client {@code to}. */
    public static String linkName(int from, int to) {
        return "gossip-link-" + from + "-" + to;
    }

    public GossipEnvironment environment() {
        return env;
    }

    /** The clock sender id of directed edge {@code edge}: {@code base + n + k}, {@code k} its index in edge order. */
    public long senderId(GossipNetwork.Edge edge) {
        int k = Collections.binarySearch(edges, edge);
        Checks.require(k >= 0, "no edge " + edge.from() + " -> " + edge.to() + " in the topology");
        return spec.senderIdBase() + spec.topology().nodeCount() + k;
    }

    /** Spawns the links leaving client {@code from}, by neighbour. */
    public SortedMap<Integer, ActorRef<Clock.Delivered>> spawnLinks(int from, GossipNetwork.Spawner spawner) {
        TreeMap<Integer, ActorRef<Clock.Delivered>> out = new TreeMap<>();
        for (int to : spec.topology().neighbours(from)) {
            out.put(to, spawnLink(new GossipNetwork.Edge(from, to), spawner));
        }
        return out;
    }

    /** Spawns the link of {@code edge}, named {@code gossip-link-<from>-<to>}. */
    public ActorRef<Clock.Delivered> spawnLink(GossipNetwork.Edge edge, GossipNetwork.Spawner spawner) {
        long senderId = senderId(edge);
        LinkId id = new LinkId("client-" + edge.from() + "->client-" + edge.to(), senderId, edge.from(), edge.to());
        LinkModel model = Objects.requireNonNull(spec.links().of(edge.from(), edge.to()),
                "link model of " + edge.from() + "->" + edge.to());
        return spawner.spawn(LinkActor.create(id, model, streams.stream("gossip-link", senderId), spec.linkObservers()),
                linkName(edge.from(), edge.to()));
    }

    /**
     * Spawns client {@code id}'s node, named {@code gossip-node-<id>}, sending through {@code links} (its outgoing
     * links by neighbour) to the neighbours' refs of {@code directory} (read only while it handles a delivery, so
     * it may be completed after this call and before the first delivery).
     */
    public ActorRef<Clock.Delivered> spawnNode(int id, SortedMap<Integer, ActorRef<Clock.Delivered>> links,
                                               Map<Integer, ActorRef<Clock.Delivered>> directory,
                                               GossipNetwork.Spawner spawner) {
        GossipNetwork.NodeProfile p = spec.profiles().get(id);
        GossipNodeSetup setup = new GossipNodeSetup(id, spec.senderIdBase() + id,
                Objects.requireNonNull(spec.initial().apply(id), "initial adapter of node " + id), links, directory,
                p.flopsPerSecond(), p.shard(), p.numExamples());
        return spawner.spawn(GossipNode.create(setup, env), nodeName(id));
    }
}
