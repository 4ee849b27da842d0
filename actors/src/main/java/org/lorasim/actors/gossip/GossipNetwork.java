package org.lorasim.actors.gossip;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.DecLoraGossip;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.Example;

/**
 * Builds a decentralized (Dec-LoRA, Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361) network: one
 * {@link GossipNode} per client of the {@link Topology} and one {@link LinkActor} per directed edge
 * ({@code i -> j} and {@code j -> i} for every undirected edge), each link's ends named by the client ids so
 * that a {@link LinkActor.Partition} keyed by client id cuts the right links. A plain factory, not an actor.
 *
 * <p>Clock sender ids, every participant a distinct one, from {@code senderIdBase = b} with {@code n} nodes and
 * {@code E} undirected edges: node {@code i} gets {@code b + i}; the {@code k}-th directed edge in ascending
 * {@code (from, to)} order gets {@code b + n + k}, {@code k < 2E}; the {@link #start()} schedule is sent under
 * {@code b + n + 2E}. The network uses ids {@code [b, b + n + 2E]} ({@link #senderIdsUsed()} of them); the
 * caller keeps the others (clock observers, scenario runner) outside that range.
 *
 * <p>Every link draws its loss and jitter from {@code RngStreams(settings.seed()).stream("gossip-link",
 * senderId)}; the mixing policy is {@link DecLoraGossip} with the settings' missing-neighbour rule.
 */
public final class GossipNetwork {

    /** How the mixing matrix is made from the topology ({@link MixingMatrix}). */
    public enum MixingKind {
        /** {@code q_ij = 1 / (1 + max(d_i, d_j))}: 1/3 each on a ring. */
        METROPOLIS_HASTINGS,
        /** Dec-LoRA's {@code Q = I - (2 / (3 lambda_max(L))) L}. */
        LAPLACIAN;

        public MixingMatrix of(Topology topology) {
            return this == METROPOLIS_HASTINGS ? MixingMatrix.metropolisHastings(topology) : MixingMatrix.laplacian(topology);
        }
    }

    /** One client's device and data: speed in FLOP/s, shard (empty in system-only runs), examples it stands for. */
    public record NodeProfile(double flopsPerSecond, List<Example> shard, int numExamples) {
        public NodeProfile {
            shard = List.copyOf(shard);
        }

        /** A system-only profile: no data, {@code numExamples} it stands for. */
        public static NodeProfile synthetic(double flopsPerSecond, int numExamples) {
            return new NodeProfile(flopsPerSecond, List.of(), numExamples);
        }
    }

    /** The link model of each directed edge, a fresh one per call. */
    @FunctionalInterface
    public interface LinkModels {
        LinkModel of(int from, int to);
    }

    /** Where the actors are spawned: an actor's context or a system. */
    public interface Spawner {
        <T> ActorRef<T> spawn(Behavior<T> behavior, String name);

        /** This spawner with {@code prefix} before every name, for several networks in one parent. */
        default Spawner prefixed(String prefix) {
            Spawner inner = this;
            return new Spawner() {
                @Override
                public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                    return inner.spawn(behavior, prefix + name);
                }
            };
        }

        static Spawner of(ActorContext<?> context) {
            return new Spawner() {
                @Override
                public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                    return context.spawn(behavior, name);
                }
            };
        }

        static Spawner of(ActorSystem<?> system) {
            return new Spawner() {
                @Override
                public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                    return system.systemActorOf(behavior, name, Props.empty());
                }
            };
        }
    }

    /**
     * What a network is made of.
     *
     * @param initial       client id to its initial adapter (Dec-LoRA: one common adapter for all,
     *                      {@link #common}); all of one layout
     * @param noise         materialises synthetic updates; {@code null} makes one from the seed when the
     *                      training is synthetic
     * @param linkObservers subscribed to every link from the start (e.g. to feed {@link GossipRounds})
     */
    public record Spec(Topology topology, MixingKind mixing, IntFunction<Adapter> initial, List<NodeProfile> profiles,
                       LocalTraining training, LinkModels links, GossipSettings settings, long senderIdBase,
                       ActorRef<GossipNode.Event> observer, List<ActorRef<LinkActor.Event>> linkObservers,
                       SyntheticNoise noise) {
        public Spec {
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(mixing, "mixing kind");
            Objects.requireNonNull(initial, "initial adapters");
            Checks.require(profiles != null && profiles.size() == topology.nodeCount(),
                    "profiles must have one entry per node (" + topology.nodeCount() + "), got "
                            + (profiles == null ? "null" : profiles.size()));
            profiles = List.copyOf(profiles);
            Objects.requireNonNull(training, "local training");
            Objects.requireNonNull(links, "link models");
            Objects.requireNonNull(settings, "settings");
            Checks.require(senderIdBase >= 0, "sender id base must be >= 0, got " + senderIdBase);
            Objects.requireNonNull(observer, "observer");
            linkObservers = List.copyOf(linkObservers);
        }

        /** Every client starts from {@code adapter}. */
        public static IntFunction<Adapter> common(Adapter adapter) {
            Objects.requireNonNull(adapter, "initial adapter");
            return id -> adapter;
        }
    }

    /** A directed edge, ordered by {@code (from, to)}. */
    public record Edge(int from, int to) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge other) {
            int c = Integer.compare(from, other.from);
            return c != 0 ? c : Integer.compare(to, other.to);
        }
    }

    private final SortedMap<Integer, ActorRef<Clock.Delivered>> nodes;
    private final SortedMap<Edge, ActorRef<Clock.Delivered>> links;
    private final MixingMatrix mixing;
    private final long senderIdBase;
    private final long senderIdsUsed;
    private final EventOutbox starter;

    private GossipNetwork(SortedMap<Integer, ActorRef<Clock.Delivered>> nodes,
                          SortedMap<Edge, ActorRef<Clock.Delivered>> links, MixingMatrix mixing, long senderIdBase) {
        this.nodes = Collections.unmodifiableSortedMap(nodes);
        this.links = Collections.unmodifiableSortedMap(links);
        this.mixing = mixing;
        this.senderIdBase = senderIdBase;
        this.senderIdsUsed = nodes.size() + links.size() + 1L;
        this.starter = new EventOutbox(senderIdBase + nodes.size() + links.size());
    }

    /** Spawns the nodes (named {@code gossip-node-<i>}) and links ({@code gossip-link-<i>-<j>}). */
    public static GossipNetwork spawn(Spec spec, Spawner spawner) {
        return spawn(spec, spawner, null);
    }

    /**
     * As {@link #spawn(Spec, Spawner)}; every node delivers {@code AggregatorActor.RoundBegan(t)} to
     * {@code roundListener} (if not null) when it begins iteration t, e.g. for a scenario's round events.
     */
    public static GossipNetwork spawn(Spec spec, Spawner spawner, ActorRef<Clock.Delivered> roundListener) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spawner, "spawner");
        Topology topology = spec.topology();
        int n = topology.nodeCount();
        Adapter first = Objects.requireNonNull(spec.initial().apply(0), "initial adapter of node 0");
        for (int i = 1; i < n; i++) {
            first.requireSameLayout(Objects.requireNonNull(spec.initial().apply(i), "initial adapter of node " + i),
                    "initial adapter of node " + i);
        }
        GossipClients clients = new GossipClients(spec, roundListener);
        TreeMap<Edge, ActorRef<Clock.Delivered>> links = new TreeMap<>();
        for (Edge e : GossipClients.edges(topology)) {
            links.put(e, clients.spawnLink(e, spawner));
        }

        // Nodes need each other's refs as link destinations: they read them from a directory completed
        // right after spawning, before any delivery reaches them.
        Map<Integer, ActorRef<Clock.Delivered>> directory = new ConcurrentHashMap<>();
        TreeMap<Integer, ActorRef<Clock.Delivered>> nodes = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            TreeMap<Integer, ActorRef<Clock.Delivered>> out = new TreeMap<>();
            for (int j : topology.neighbours(i)) {
                out.put(j, links.get(new Edge(i, j)));
            }
            nodes.put(i, clients.spawnNode(i, out, directory, spawner));
        }
        directory.putAll(nodes);
        return new GossipNetwork(nodes, links, clients.environment().mixing(), spec.senderIdBase());
    }

    /**
     * A network whose nodes and links were built elsewhere (a cluster's {@code clients} nodes, with
     * {@link GossipClients}), reached through {@code nodes} (by client id) and {@code links} (by directed edge;
     * one for every edge of {@code topology}): what the coordinator's clock and scenario runner address.
     */
    public static GossipNetwork placed(Topology topology, MixingKind mixing, long senderIdBase,
                                       SortedMap<Integer, ActorRef<Clock.Delivered>> nodes,
                                       SortedMap<Edge, ActorRef<Clock.Delivered>> links) {
        Checks.require(nodes.size() == topology.nodeCount(), "a ref for each of the " + topology.nodeCount()
                + " nodes is needed, got " + nodes.size());
        Checks.require(links.keySet().equals(new java.util.TreeSet<>(GossipClients.edges(topology))),
                "a ref for each directed edge of the topology is needed");
        return new GossipNetwork(new TreeMap<>(nodes), new TreeMap<>(links), mixing.of(topology), senderIdBase);
    }

    /** The nodes by client id. */
    public SortedMap<Integer, ActorRef<Clock.Delivered>> nodes() {
        return nodes;
    }

    /** The links by directed edge. */
    public SortedMap<Edge, ActorRef<Clock.Delivered>> links() {
        return links;
    }

    public MixingMatrix mixing() {
        return mixing;
    }

    public long senderIdBase() {
        return senderIdBase;
    }

    /** How many sender ids from {@link #senderIdBase()} on the network uses. */
    public long senderIdsUsed() {
        return senderIdsUsed;
    }

    /** The {@link GossipNode.Start} of every node at time 0, to send to the clock before {@link Clock.Run}. */
    public Clock.Schedule start() {
        for (ActorRef<Clock.Delivered> node : nodes.values()) {
            starter.deliver(0, node, new GossipNode.Start());
        }
        return starter.toSchedule();
    }
}
