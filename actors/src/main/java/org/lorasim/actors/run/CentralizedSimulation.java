package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.aggregator.AggregatorOptions;
import org.lorasim.actors.aggregator.RoundSettings;
import org.lorasim.actors.aggregator.LatePolicy;
import org.lorasim.actors.client.ClientActor;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.scenario.ScenarioRunner;
import org.lorasim.actors.scenario.ScenarioTargets;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.ClientInstruction;
import org.lorasim.policies.centralized.GlobalState;

/**
 * Builds the actor graph of a centralized (or pipeline) run inside an actor system: one {@link ClientActor}
 * per client with an upload and a download {@link LinkActor} (timed by the client's profile: its bandwidths
 * and latency, the default jitter and loss of {@code lorasim.links.default}), the {@link AggregatorActor},
 * the {@link ScenarioRunner}, all reporting to one recorder; and the opening schedule (the aggregator's
 * Start and the scenario's timed events at their times).
 *
 * <p>Message sizes: a trained run measures every message's Kryo bytes on its link. A system-only run sends
 * compact synthetic updates that stand for adapters, so its links are given the Kryo size of the message it
 * stands for: the overhead beyond the adapter (of an {@link AggregatorActor.Instruct} here, of the uploads in
 * {@link ClientFactory#uploadOverheadBytes}), measured once when the run is built, plus the size of the adapter
 * each message carries. The clients come from a
 * {@link ClientPlacement}: in this JVM, or sharded across a cluster. The clients that do not fit
 * ({@link ClientsThatDoNotFit}) are never offered to the policy, and the recorder hears of them before the
 * clock starts.
 */
final class CentralizedSimulation {

    private CentralizedSimulation() {
    }

    /**
     * Spawns everything (the clients through {@code placement}, already prepared); returns the opening schedule
     * to send to the clock before {@code Run}, the scenario runner and the graph.
     */
    static BuiltGraph build(ActorContext<?> site, RunParts parts, ClientPlacement placement,
                            ActorRef<Object> recorder) {
        ActorSystem<?> system = site.getSystem();
        RunSettings s = parts.settings();
        int n = s.clients().count();
        ActorRef<org.lorasim.actors.run.RunEvent> events = recorder.narrow();
        AtomicReference<ActorRef<Clock.Delivered>> aggregatorRef = new AtomicReference<>();
        long adapterBytes = parts.initial().byteSize();
        long instructOverhead = s.synthetic() ? ClientFactory.kryoSize(system, new AggregatorActor.Instruct(0,
                new ClientInstruction(0, parts.initial(), 0, null, 1), site.getSystem().ignoreRef())) - adapterBytes
                : LinkActor.MEASURE;
        Map<Integer, ActorRef<Clock.Delivered>> clients = new HashMap<>();
        Map<Integer, ActorRef<Clock.Delivered>> downlinks = new HashMap<>();
        Map<Integer, List<ActorRef<Clock.Delivered>>> ups = new HashMap<>();
        Map<Integer, List<ActorRef<Clock.Delivered>>> downs = new HashMap<>();
        List<ActorRef<Clock.Delivered>> allLinks = new ArrayList<>();
        List<RunGraph.Link> graphLinks = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            graphLinks.add(new RunGraph.Link("client-" + id + "-up", id, RunGraph.AGGREGATOR));
            graphLinks.add(new RunGraph.Link("client-" + id + "-down", RunGraph.AGGREGATOR, id));
            ClientPlacement.Participants p = placement.participants(site, id);
            clients.put(id, p.client());
            downlinks.put(id, p.downlink());
            ups.put(id, List.of(p.uplink()));
            downs.put(id, List.of(p.downlink()));
            allLinks.add(p.uplink());
            allLinks.add(p.downlink());
        }
        ActorRef<Clock.Delivered> scenario = site.spawn(ScenarioRunner.create(s.scenario(),
                new ScenarioTargets(clients, ups, downs, allLinks, aggregatorRef::get,
                        ScenarioTargets.NodeInputs.CLIENTS), events, SenderIds.SCENARIO),
                "scenario");
        List<ClientInfo> infos = PolicyFactory.clients(s, parts.examples());
        RoundSettings rounds = new RoundSettings(s.rounds(),
                s.roundSettings().deadlineNanos(), s.roundSettings().waitFor() == 0
                ? RoundSettings.WAIT_FOR_ALL : s.roundSettings().waitFor(),
                s.roundSettings().acceptLate() ? LatePolicy.ACCEPT_WITH_STALENESS : LatePolicy.DROP);
        AggregatorOptions options = new AggregatorOptions(downlinks, instructOverhead,
                s.clients().availability(s.seed()), s.synthetic() ? new SyntheticNoise(s.seed()) : null,
                List.of(scenario));
        CentralizedPolicy policy = PolicyFactory.policy(s, parts.initial(), parts.importance(), parts.base());
        ClientsThatDoNotFit doNotFit = ClientsThatDoNotFit.of(parts, policy);
        doNotFit.events().forEach(recorder::tell);
        if (policy instanceof org.lorasim.policies.centralized.FedPipePolicy fedPipe) {
            recorder.tell(FedPipePlan.of(fedPipe));
        }
        aggregatorRef.set(site.spawn(AggregatorActor.create(doNotFit.restrict(policy),
                GlobalState.initial(parts.initial()), infos, clients, rounds, s.seed(), SenderIds.AGGREGATOR,
                recorder.narrow(), options), "aggregator"));
        EventOutbox opening = new EventOutbox(SenderIds.OPENING);
        opening.deliver(0, aggregatorRef.get(), new AggregatorActor.Start());
        return new BuiltGraph(List.of(opening.toSchedule(), ScenarioRunner.openingSchedule(s.scenario(), scenario,
                SenderIds.SCENARIO)), scenario, new RunGraph(n, true, graphLinks));
    }
}
