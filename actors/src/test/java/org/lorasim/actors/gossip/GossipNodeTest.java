package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lorasim.actors.gossip.GossipFixtures.MS;
import static org.lorasim.actors.gossip.GossipFixtures.S;
import static org.lorasim.actors.gossip.GossipFixtures.tiny;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.client.TrainingJob;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.gossip.GossipNode.Crash;
import org.lorasim.actors.gossip.GossipNode.Crashed;
import org.lorasim.actors.gossip.GossipNode.Finished;
import org.lorasim.actors.gossip.GossipNode.IterationFinished;
import org.lorasim.actors.gossip.GossipNode.NeighbourAdapter;
import org.lorasim.actors.gossip.GossipNode.Recover;
import org.lorasim.actors.gossip.GossipNode.Recovered;
import org.lorasim.actors.gossip.GossipNode.SlowDown;
import org.lorasim.actors.gossip.GossipNode.SlowedDown;
import org.lorasim.actors.gossip.GossipNode.Start;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkId;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.DecLoraGossip;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.policies.gossip.Topologies;

/**
 * Node 0 of a 3-node ring (Metropolis-Hastings: 1/3 to self and to each neighbour) as a real clock participant
 * with real outgoing links; its neighbours 1 and 2 are recorders, and their adapters are delivered to node 0
 * by the test. Training ({@link PlusOneTraining}) adds 1 to every value and takes 1 s at full speed; the
 * initial adapter is all zeros; the iteration timeout is 5 s.
 */
class GossipNodeTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long TIMEOUT = 5 * S;

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static Behavior<Clock.Delivered> recorder(List<String> log) {
        return Behaviors.receive((context, delivered) -> {
            for (Object message : delivered.messages()) {
                if (message instanceof NeighbourAdapter n) {
                    log.add(delivered.time() + " " + n.iteration());
                }
            }
            delivered.replyTo().tell(new Clock.Handled(delivered.deliveryId(), List.of()));
            return Behaviors.same();
        });
    }

    private static final class OneNode {
        final ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        final EventOutbox scenario = new EventOutbox(1);
        final EventCollector observer = new EventCollector(TEST_KIT);
        final List<String> atOne = new CopyOnWriteArrayList<>();
        final List<String> atTwo = new CopyOnWriteArrayList<>();
        final ActorRef<Clock.Delivered> node;

        OneNode(int iterations, GossipSettings.Mode mode) {
            this(iterations, mode, new PlusOneTraining());
        }

        OneNode(int iterations, GossipSettings.Mode mode, LocalTraining training) {
            GossipSettings settings = GossipSettings.synchronous(iterations, 1, TIMEOUT, 7).withMode(mode);
            ActorRef<Clock.Delivered> one = TEST_KIT.spawn(recorder(atOne));
            ActorRef<Clock.Delivered> two = TEST_KIT.spawn(recorder(atTwo));
            TreeMap<Integer, ActorRef<Clock.Delivered>> links = new TreeMap<>();
            links.put(1, link(110, 1));
            links.put(2, link(111, 2));
            GossipNodeSetup setup = new GossipNodeSetup(0, 100, tiny(0), links, Map.of(1, one, 2, two),
                    PlusOneTraining.SPEED, List.of(), 10);
            GossipEnvironment env = new GossipEnvironment(
                    MixingMatrix.metropolisHastings(Topologies.ring(3)), new DecLoraGossip(), training,
                    settings, null, observer.nodeObserver());
            node = TEST_KIT.spawn(GossipNode.create(setup, env));
        }

        private static ActorRef<Clock.Delivered> link(long senderId, int to) {
            return TEST_KIT.spawn(LinkActor.create(new LinkId("client-0->client-" + to, senderId, 0, to),
                    new LinkModel(10_000_000L, 20 * MS, 0, 0.0), new SplittableRandom(senderId), List.of()));
        }

        void at(long time, Object message) {
            scenario.deliver(time, node, message);
        }

        void from(long time, int neighbour, int iteration, float value) {
            at(time, new NeighbourAdapter(neighbour, iteration, tiny(value)));
        }

        List<GossipNode.Event> run() {
            TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
            clock.tell(scenario.toSchedule());
            clock.tell(new Clock.Run(outcome.ref()));
            assertThat(outcome.receiveMessage()).isInstanceOf(Clock.WentIdle.class);
            return observer.nodeEvents();
        }
    }

    private static float value(Adapter adapter) {
        float[] flat = adapter.flatten();
        for (float v : flat) {
            assertThat(v).isEqualTo(flat[0]);
        }
        return flat[0];
    }

    private static List<IterationFinished> iterations(List<GossipNode.Event> events) {
        return events.stream().filter(IterationFinished.class::isInstance).map(IterationFinished.class::cast).toList();
    }

    @Test
    void mixesAsSoonAsEveryNeighbourArrivedAndUsesTheTimeoutOtherwise() {
        // Prepare
        OneNode net = new OneNode(2, GossipSettings.Mode.SYNCHRONOUS);
        net.at(0, new Start());
        net.from(2 * S, 1, 0, 4);
        net.from(3 * S, 2, 0, 7);

        // Execute
        List<GossipNode.Event> events = net.run();

        // Assert: it. 0 trains 0..1 s (0 -> 1), has both neighbours at 3 s: (1 + 4 + 7) / 3 = 4.
        // It. 1 trains 3..4 s (4 -> 5), nothing arrives, timeout at 4 + 5 = 9 s: the weights go to self, 5.
        List<IterationFinished> done = iterations(events);
        assertThat(done).extracting(IterationFinished::iteration).containsExactly(0, 1);
        assertThat(done.get(0).time()).isEqualTo(3 * S);
        assertThat(value(done.get(0).adapter())).isCloseTo(4f, within(1e-6f));
        assertThat(done.get(0).received()).containsExactly(1, 2);
        assertThat(done.get(0).missing()).isEmpty();
        assertThat(done.get(0).trainLoss()).isEqualTo(0.5);
        assertThat(done.get(1).time()).isEqualTo(9 * S);
        assertThat(value(done.get(1).adapter())).isCloseTo(5f, within(1e-6f));
        assertThat(done.get(1).received()).isEmpty();
        assertThat(done.get(1).missing()).containsExactly(1, 2);
        assertThat(events.get(events.size() - 1)).isEqualTo(new Finished(0, 9 * S, 2, 0, 0));
        // each neighbour got iteration 0 (sent at 1 s) and 1 (sent at 4 s) through its link
        assertThat(net.atOne).hasSize(2).allMatch(line -> line.endsWith(" 0") || line.endsWith(" 1"));
        long firstArrival = Long.parseLong(net.atOne.get(0).split(" ")[0]);
        assertThat(firstArrival).isBetween(1 * S + 20 * MS, 1 * S + 100 * MS);
    }

    @Test
    void aFutureIterationIsBufferedAndAPastOneDropped() {
        // Prepare: neighbour 1 is one iteration ahead; neighbour 2 repeats iteration 0 at 6 s
        OneNode net = new OneNode(2, GossipSettings.Mode.SYNCHRONOUS);
        net.at(0, new Start());
        net.from(S / 2, 1, 1, 10);
        net.from(2 * S, 1, 0, 4);
        net.from(3 * S, 2, 0, 7);
        net.from(6 * S, 2, 0, 100);

        // Execute
        List<IterationFinished> done = iterations(net.run());

        // Assert: it. 0 as before, 4 at 3 s. It. 1: trained 5, neighbour 1's buffered 10, neighbour 2 missing
        // (its 1/3 goes to self): 2/3 * 5 + 1/3 * 10 = 20/3, at the timeout 9 s; the 100 was dropped.
        assertThat(done).hasSize(2);
        assertThat(value(done.get(0).adapter())).isCloseTo(4f, within(1e-6f));
        assertThat(done.get(1).time()).isEqualTo(9 * S);
        assertThat(value(done.get(1).adapter())).isCloseTo(20f / 3, within(1e-5f));
        assertThat(done.get(1).received()).containsExactly(1);
        assertThat(done.get(1).missing()).containsExactly(2);
        assertThat(done.get(0).staleDropped()).isZero();
        assertThat(done.get(1).staleDropped()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"true, 1", "false, 2"})
    void aCrashAbandonsTheIterationAndRecoveryResumesWhereTheNodeWouldBe(boolean loseState, float expected) {
        // Prepare: it. 0 trains 0..1 s (-> 1), times out at 6 s. It. 1 starts training at 6 s; crash at 6.5 s,
        // the outcome at 7 s and neighbour 1's adapter at 7 s are dropped; recover at 8 s.
        OneNode net = new OneNode(3, GossipSettings.Mode.SYNCHRONOUS);
        net.at(0, new Start());
        net.at(6 * S + S / 2, new Crash(loseState));
        net.from(7 * S, 1, 2, 4);
        net.at(8 * S, new Recover());

        // Execute
        List<GossipNode.Event> events = net.run();

        // Assert: one iteration took 6 s, so at 8 s the node would still be in it. 1 + floor(2 / 6) = 1, but the
        // crashed iteration is never redone: resume at 2. Lost state: 0 -> trains to 1; kept: 1 -> 2.
        // It. 2 trains 8..9 s, times out at 14 s.
        assertThat(events).contains(new Crashed(0, 6 * S + S / 2, 1, loseState), new Recovered(0, 8 * S, 2));
        List<IterationFinished> done = iterations(events);
        assertThat(done).extracting(IterationFinished::iteration).containsExactly(0, 2);
        assertThat(done.get(1).time()).isEqualTo(14 * S);
        assertThat(value(done.get(1).adapter())).isEqualTo(expected);
        assertThat(done.get(1).received()).isEmpty();
        assertThat(events.get(events.size() - 1)).isEqualTo(new Finished(0, 14 * S, 3, 0, 1));
        assertThat(net.atOne).extracting(line -> line.split(" ")[1]).containsExactly("0", "2");
    }

    @Test
    void aSlowDownStretchesTheTrainingsStartedAfterIt() {
        // Prepare: speed halved before the start, restored at 3 s
        OneNode net = new OneNode(2, GossipSettings.Mode.SYNCHRONOUS);
        net.at(0, new SlowDown(2));
        net.at(0, new Start());
        net.at(3 * S, new SlowDown(1));

        // Execute
        List<GossipNode.Event> events = net.run();

        // Assert: it. 0 trains 0..2 s (1 s x 2), timeout at 7 s; it. 1 trains 7..8 s at full speed, timeout 13 s
        // (without the slow-down: 6 s and 12 s).
        assertThat(events).contains(new SlowedDown(0, 0, 2), new SlowedDown(0, 3 * S, 1));
        assertThat(iterations(events)).extracting(IterationFinished::time).containsExactly(7 * S, 13 * S);
    }

    @Test
    void asynchronousNodesMixWhateverArrivedWithoutWaiting() {
        // Prepare
        OneNode net = new OneNode(2, GossipSettings.Mode.ASYNCHRONOUS);
        net.at(0, new Start());
        net.from(S / 2, 1, 0, 4);
        net.from(3 * S / 2, 2, 0, 7);
        net.from(9 * S / 5, 2, 1, 10);

        // Execute
        List<IterationFinished> done = iterations(net.run());

        // Assert: at 1 s: trained 1, neighbour 1's 4, neighbour 2 missing: 2/3 * 1 + 1/3 * 4 = 2.
        // At 2 s: trained 3, neighbour 2's newest (10, not 7): 2/3 * 3 + 1/3 * 10 = 16/3.
        assertThat(done).extracting(IterationFinished::time).containsExactly(S, 2 * S);
        assertThat(value(done.get(0).adapter())).isCloseTo(2f, within(1e-6f));
        assertThat(done.get(0).received()).containsExactly(1);
        assertThat(value(done.get(1).adapter())).isCloseTo(16f / 3, within(1e-5f));
        assertThat(done.get(1).received()).containsExactly(2);
        assertThat(net.atTwo).hasSize(2);
    }

    @Test
    void aFailedTrainingLeavesTheAdapterUnchangedAndTheIterationGoesOn() {
        // Prepare: every training fails after 1 s
        LocalTraining failing = new LocalTraining() {
            @Override
            public long start(TrainingJob job, long now, EventOutbox outbox, ActorRef<Clock.Delivered> target) {
                outbox.deliver(now + S, target, new TrainerSlot.TrainingFailed(job.clientId(), "out of memory"));
                return now + S;
            }

            @Override
            public boolean synthetic() {
                return false;
            }
        };
        OneNode net = new OneNode(1, GossipSettings.Mode.SYNCHRONOUS, failing);
        net.at(0, new Start());

        // Execute
        List<IterationFinished> done = iterations(net.run());

        // Assert: the untrained 0 is sent at 1 s and kept at the timeout 6 s, loss NaN
        assertThat(done).hasSize(1);
        assertThat(done.get(0).time()).isEqualTo(6 * S);
        assertThat(value(done.get(0).adapter())).isZero();
        assertThat(done.get(0).trainLoss()).isNaN();
        assertThat(net.atOne).hasSize(1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new SlowDown(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slow-down factor");
        assertThatThrownBy(() -> new NeighbourAdapter(3, 0, "adapter")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload of node 3");
        assertThatThrownBy(() -> GossipSettings.synchronous(0, 1, S, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gossip iterations");
        assertThatThrownBy(() -> GossipSettings.synchronous(1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iteration timeout");
        assertThatThrownBy(() -> GossipSettings.synchronous(1, 1, S, 1).withMessageQuantizer("int3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int3");
        assertThatThrownBy(() -> new GossipNodeSetup(2, 0, tiny(0), new TreeMap<>(Map.of(2, TEST_KIT.<Clock.Delivered>createTestProbe().ref())),
                Map.of(), 1e12, List.of(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("own neighbour");
    }
}
