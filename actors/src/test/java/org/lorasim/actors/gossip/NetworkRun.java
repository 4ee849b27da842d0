package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.client.CostModelTraining;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.client.TrainingDurations;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.SyntheticLossCurve;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.training.model.MiniLmConfig;

/** One gossip network under a real clock with system-only (cost-model) training, and what came out of it. */
final class NetworkRun {
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** 2^16 values: room for the rank-2 MiniLM adapters of these tests (19,202 values). */
    private static final SyntheticNoise NOISE = new SyntheticNoise(99, 16);

    final ActorTestKit testKit;
    final ActorRef<Clock.Command> clock;
    final EventCollector observer;
    final GossipNetwork network;
    final EventOutbox scenario = new EventOutbox(1);

    /** A cost-model training: MiniLM-L6 FLOPs at batch 8 of 32 tokens, {@code learningRate} per step. */
    static LocalTraining costModel(long seed, double learningRate) {
        CostModelTrainer trainer = new CostModelTrainer(MiniLmConfig.allMiniLmL6V2(), seed, learningRate,
                SyntheticLossCurve.DEFAULT);
        return new CostModelTraining(trainer, new TrainingDurations(trainer, 8, 32));
    }

    /** Node {@code i} at {@code 10^12 (1 + i / 10)} FLOP/s, standing for 64 examples. */
    static List<GossipNetwork.NodeProfile> profiles(int n) {
        List<GossipNetwork.NodeProfile> profiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            profiles.add(GossipNetwork.NodeProfile.synthetic(1e12 * (1 + i / 10.0), 64));
        }
        return profiles;
    }

    NetworkRun(ActorTestKit testKit, Topology topology, IntFunction<Adapter> initial, LocalTraining training,
               GossipNetwork.LinkModels links, GossipSettings settings) {
        this(testKit, testKit.spawn(Clock.create(ClockSettings.virtual())), topology, initial, training, links, settings,
                profiles(topology.nodeCount()));
    }

    NetworkRun(ActorTestKit testKit, ActorRef<Clock.Command> clock, Topology topology, IntFunction<Adapter> initial,
               LocalTraining training, GossipNetwork.LinkModels links, GossipSettings settings,
               List<GossipNetwork.NodeProfile> profiles) {
        this.testKit = testKit;
        this.clock = clock;
        this.observer = new EventCollector(testKit);
        GossipNetwork.Spec spec = new GossipNetwork.Spec(topology, GossipNetwork.MixingKind.METROPOLIS_HASTINGS, initial,
                profiles, training, links, settings, 1000, observer.nodeObserver(),
                List.of(observer.linkObserver()), training.synthetic() ? NOISE : null);
        this.network = GossipNetwork.spawn(spec,
                GossipNetwork.Spawner.of(testKit.system()).prefixed("run-" + RUNS.incrementAndGet() + "-"));
    }

    /** Schedules {@code message} to every link at {@code time}. */
    void toLinks(long time, Object message) {
        for (ActorRef<Clock.Delivered> link : network.links().values()) {
            scenario.deliver(time, link, message);
        }
    }

    void toNode(long time, int node, Object message) {
        scenario.deliver(time, network.nodes().get(node), message);
    }

    /** Runs until the clock is idle (a hang or a failure fails the test) and returns the idle time. */
    long run() {
        TestProbe<Clock.RunOutcome> outcome = testKit.createTestProbe();
        clock.tell(network.start());
        clock.tell(scenario.toSchedule());
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RunOutcome result = outcome.receiveMessage(Duration.ofSeconds(60));
        assertThat(result).isInstanceOf(Clock.WentIdle.class);
        return ((Clock.WentIdle) result).time();
    }

    /** The rounds, every event fed after the run, in arrival order. */
    List<RoundRecord> rounds(boolean synthetic) {
        GossipRounds rounds = new GossipRounds(network.nodes().size(), null, synthetic, () -> 0);
        for (Object event : observer.events()) {
            if (event instanceof GossipNode.Event e) {
                rounds.onNodeEvent(e);
            } else if (event instanceof LinkActor.Event e) {
                rounds.onLinkEvent(e);
            }
        }
        List<RoundRecord> out = new ArrayList<>(rounds.closeUpTo(Long.MAX_VALUE));
        out.addAll(rounds.finish());
        return out;
    }
}
