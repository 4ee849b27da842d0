package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.clock.SimTime;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.GlobalState;

/** Runs an {@link AggregatorActor} on the real clock against test doubles of clients. */
final class AggregatorHarness {
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final long AGGREGATOR_ID = 100;
    static final long CLIENT_ID_BASE = 1_000;

    /**
     * TEST DOUBLE of a client: answers {@code Instruct} after {@code delay} of simulated time, through its
     * own outbox, with the start adapter plus {@code delta} on every parameter ({@code fails}: with a Fail).
     */
    record FakeClient(int clientId, long numExamples, long delay, float delta, boolean fails) {
        static FakeClient answering(int clientId, long numExamples, long delaySeconds, float delta) {
            return new FakeClient(clientId, numExamples, SimTime.ofSeconds(delaySeconds), delta, false);
        }

        static FakeClient failing(int clientId, long delaySeconds) {
            return new FakeClient(clientId, 1, SimTime.ofSeconds(delaySeconds), 0f, true);
        }

        Behavior<Clock.Delivered> behavior() {
            return Behaviors.setup(context -> {
                EventOutbox outbox = new EventOutbox(CLIENT_ID_BASE + clientId);
                return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
                    for (Object message : delivered.messages()) {
                        AggregatorActor.Instruct instruct = (AggregatorActor.Instruct) message;
                        long at = delivered.time() + delay;
                        Object answer = fails
                                ? new AggregatorActor.Fail(clientId, instruct.round(), "test double fails")
                                : new AggregatorActor.Submit(clientId, instruct.round(),
                                        plus(instruct.instruction().startAdapter(), delta), numExamples, 0.25);
                        outbox.deliver(at, instruct.aggregator(), answer);
                    }
                    delivered.replyTo().tell(outbox.handled(delivered));
                    return Behaviors.same();
                }).build();
            });
        }
    }

    /** The observer's log and the clock's outcome. */
    record Outcome(List<AggregatorActor.Event> events, Clock.RunOutcome run) {
        AggregatorActor.RunFinished finished() {
            assertThat(events.get(events.size() - 1)).isInstanceOf(AggregatorActor.RunFinished.class);
            return (AggregatorActor.RunFinished) events.get(events.size() - 1);
        }

        List<AggregatorActor.RoundFinished> rounds() {
            return events.stream().filter(AggregatorActor.RoundFinished.class::isInstance)
                    .map(AggregatorActor.RoundFinished.class::cast).toList();
        }
    }

    private final ActorTestKit testKit;

    AggregatorHarness(ActorTestKit testKit) {
        this.testKit = testKit;
    }

    Outcome run(CentralizedPolicy policy, List<FakeClient> fakes, RoundSettings settings, long seed) {
        ActorRef<Clock.Command> clock = testKit.spawn(Clock.create(ClockSettings.virtual()));
        Map<Integer, ActorRef<Clock.Delivered>> refs = new TreeMap<>();
        List<ClientInfo> infos = new ArrayList<>();
        for (FakeClient fake : fakes) {
            refs.put(fake.clientId(), testKit.spawn(fake.behavior()));
            infos.add(ClientInfo.of(fake.clientId(), fake.numExamples()));
        }
        TestProbe<AggregatorActor.Event> observer = testKit.createTestProbe();
        ActorRef<Clock.Delivered> aggregator = testKit.spawn(AggregatorActor.create(policy,
                GlobalState.initial(startAdapter()), infos, refs, settings, seed, AGGREGATOR_ID, observer.ref()));
        EventOutbox kickOff = new EventOutbox(1);
        kickOff.deliver(SimTime.ZERO, aggregator, new AggregatorActor.Start());
        clock.tell(kickOff.toSchedule());
        TestProbe<Clock.RunOutcome> outcome = testKit.createTestProbe();
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RunOutcome run = outcome.receiveMessage(PATIENCE);
        List<AggregatorActor.Event> events = new ArrayList<>();
        AggregatorActor.Event event;
        do {
            event = observer.receiveMessage(PATIENCE);
            events.add(event);
        } while (!(event instanceof AggregatorActor.RunFinished));
        testKit.stop(clock);
        testKit.stop(aggregator);
        refs.values().forEach(testKit::stop);
        return new Outcome(List.copyOf(events), run);
    }

    /** One matrix, rank 1, 2 in, 1 out: A = [1, 2], B = [1]; flat (A then B, or B then A) holds 1, 2, 1. */
    static Adapter startAdapter() {
        return Adapter.ofLora(Map.of("q", new LoraFactors(1, 2, 1, new float[] {1f, 2f}, new float[] {1f}, 1.0,
                LoraScaling.STANDARD)));
    }

    static Adapter plus(Adapter adapter, float delta) {
        float[] flat = adapter.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] += delta;
        }
        return adapter.withFlat(flat);
    }
}
