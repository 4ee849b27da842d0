package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipNetwork;
import org.lorasim.actors.gossip.GossipNode;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.actors.scenario.ScenarioRunner;
import org.lorasim.actors.scenario.ScenarioTargets;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.policies.random.RngStreams;

/**
 * Builds the actor graph of a decentralized (Dec-LoRA) run: one {@link GossipNode} per client over the graph of
 * {@code lorasim.algorithms.dec-lora}, one {@link LinkActor} per directed edge timed by the sending client's
 * profile (its upload bandwidth and latency; the default jitter and loss of {@code lorasim.links.default}),
 * and the {@link ScenarioRunner}, whose round events fire when the first node begins that iteration. A
 * scenario's "up" links of a client are the edges leaving it, its "down" links those arriving.
 */
final class DecentralizedSimulation {

    private DecentralizedSimulation() {
    }

    /** The graph of a run with every gossip node and link in this actor system, under {@code context}. */
    static BuiltGraph build(ActorContext<?> context, RunParts parts, ActorRef<Object> recorder) {
        return build(context, parts, recorder, null);
    }

    /**
     * The graph of a run whose gossip nodes and links are hosted by {@code remote} (built there by a
     * {@link GossipClientFactory}), or, with {@code remote} null, spawned under {@code context}; the scenario runner is
     * spawned under {@code context} (named {@code scenario}) either way.
     */
    static BuiltGraph build(ActorContext<?> context, RunParts parts, ActorRef<Object> recorder, ClientPlacement remote) {
        RunSettings s = parts.settings();
        int n = s.clients().count();
        DecLoraSettings d = s.decLora();
        Topology topology = d.topologyFor(n, s.seed());
        AtomicReference<ScenarioTargets> targets = new AtomicReference<>();
        ActorRef<Clock.Delivered> scenario = context.spawn(ScenarioRunner.create(s.scenario(), targets::get,
                recorder.narrow(), SenderIds.SCENARIO), GossipClientFactory.SCENARIO_RUNNER);
        GossipNetwork network;
        if (remote == null) {
            network = GossipNetwork.spawn(spec(parts, parts.training(), recorder), GossipNetwork.Spawner.of(context),
                    scenario);
        } else {
            TreeMap<Integer, ActorRef<Clock.Delivered>> nodes = new TreeMap<>();
            TreeMap<GossipNetwork.Edge, ActorRef<Clock.Delivered>> links = new TreeMap<>();
            for (int id = 0; id < n; id++) {
                ClientPlacement.GossipParticipants p = remote.gossipParticipants(context, id, topology.neighbours(id));
                nodes.put(id, p.node());
                int from = id;
                p.links().forEach((to, link) -> links.put(new GossipNetwork.Edge(from, to), link));
            }
            network = GossipNetwork.placed(topology, d.mixingKind(), SenderIds.GOSSIP_LINKS, nodes, links);
        }
        Map<Integer, List<ActorRef<Clock.Delivered>>> ups = new HashMap<>();
        Map<Integer, List<ActorRef<Clock.Delivered>>> downs = new HashMap<>();
        network.links().forEach((edge, link) -> {
            ups.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(link);
            downs.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(link);
        });
        targets.set(new ScenarioTargets(network.nodes(), ups, downs, new ArrayList<>(network.links().values()),
                () -> null, GOSSIP_INPUTS));
        List<RunGraph.Link> graphLinks = new ArrayList<>();
        network.links().keySet().forEach(edge -> graphLinks.add(new RunGraph.Link(
                "client-" + edge.from() + "->client-" + edge.to(), edge.from(), edge.to())));
        return new BuiltGraph(List.of(network.start(), ScenarioRunner.openingSchedule(s.scenario(), scenario,
                SenderIds.SCENARIO)), scenario, new RunGraph(n, false, graphLinks));
    }

    /**
     * The network of {@code parts}' run, its clients training through {@code training}, reporting to
     * {@code recorder}: every client's device profile ({@code RngStreams(seed).stream("profile", id)}), shard and
     * examples, each directed edge timed by the sending client's profile (its upload bandwidth and latency; the
     * jitter and loss of {@code lorasim.links.default}).
     */
    static GossipNetwork.Spec spec(RunParts parts, LocalTraining training, ActorRef<Object> recorder) {
        RunSettings s = parts.settings();
        int n = s.clients().count();
        RngStreams streams = new RngStreams(s.seed());
        DecLoraSettings d = s.decLora();
        ProfileGenerator generator = s.clients().profileGenerator();
        List<DeviceProfile> devices = new ArrayList<>();
        List<GossipNetwork.NodeProfile> profiles = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            DeviceProfile p = generator.profileOf(id, streams.stream("profile", id));
            devices.add(p);
            profiles.add(new GossipNetwork.NodeProfile(p.flops(), parts.shards().isEmpty() ? List.of()
                    : parts.shards().get(id), parts.examples()[id]));
        }
        return new GossipNetwork.Spec(d.topologyFor(n, s.seed()), d.mixingKind(),
                GossipNetwork.Spec.common(parts.initial()), profiles, training,
                (from, to) -> new LinkModel((long) devices.get(from).uplinkBytesPerSecond(),
                        devices.get(from).latencyNanos(), s.links().jitterNanos(), s.links().lossProbability()),
                d.gossip(s.rounds(), s.training().localSteps(), s.model().basePrecision(), s.seed()),
                SenderIds.GOSSIP_LINKS, recorder.narrow(), List.of(recorder.narrow()),
                s.synthetic() ? new SyntheticNoise(s.seed()) : null);
    }

    /** The scenario inputs of a gossip node. */
    static final ScenarioTargets.NodeInputs GOSSIP_INPUTS = new ScenarioTargets.NodeInputs() {
        @Override
        public Object crash(boolean loseState) {
            return new GossipNode.Crash(loseState);
        }

        @Override
        public Object recover() {
            return new GossipNode.Recover();
        }

        @Override
        public Object slowDown(double factor) {
            return new GossipNode.SlowDown(factor);
        }
    };
}
