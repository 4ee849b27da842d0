package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/** Runs one round on the real clock: a scenario feeds the collector, a recording parent hears it. */
final class RoundHarness {
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final long PARENT_ID = 1;
    static final long COLLECTOR_ID = 2;

    /** Deliver {@code input} to the collector at {@code time}. */
    record Timed(long time, RoundCollector.Input input) {
    }

    /** Everything the parent heard, the clock's outcome and the collector's ref. */
    record Outcome(List<RoundCollector.Report> reports, Clock.RunOutcome run, ActorRef<Clock.Delivered> collector) {
        RoundCollector.RoundClosed closed() {
            List<RoundCollector.RoundClosed> closed = reports.stream()
                    .filter(RoundCollector.RoundClosed.class::isInstance).map(RoundCollector.RoundClosed.class::cast)
                    .toList();
            assertThat(closed).hasSize(1);
            return closed.get(0);
        }

        List<RoundCollector.LateArrival> late() {
            return reports.stream().filter(RoundCollector.LateArrival.class::isInstance)
                    .map(RoundCollector.LateArrival.class::cast).toList();
        }
    }

    private final ActorTestKit testKit;

    RoundHarness(ActorTestKit testKit) {
        this.testKit = testKit;
    }

    /**
     * Opens the round at {@code openAt}, delivers {@code inputs} from a scenario with clock sender id
     * {@code scenarioId}, runs the clock until idle. With {@code retire} the parent retires the collector
     * when the round closes.
     */
    Outcome run(RoundSpec spec, long openAt, List<Timed> inputs, long scenarioId, boolean retire) {
        ActorRef<Clock.Command> clock = testKit.spawn(Clock.create(ClockSettings.virtual()));
        Queue<RoundCollector.Report> reports = new ConcurrentLinkedQueue<>();
        AtomicReference<ActorRef<Clock.Delivered>> collectorRef = new AtomicReference<>();
        ActorRef<Clock.Delivered> parent = testKit.spawn(parent(reports, collectorRef, retire));
        ActorRef<Clock.Delivered> collector = testKit.spawn(RoundCollector.create(spec, parent, COLLECTOR_ID));
        collectorRef.set(collector);
        EventOutbox scenario = new EventOutbox(scenarioId);
        RoundCollector.open(scenario, openAt, collector, spec.round());
        for (Timed timed : inputs) {
            scenario.deliver(timed.time(), collector, timed.input());
        }
        clock.tell(scenario.toSchedule());
        TestProbe<Clock.RunOutcome> outcome = testKit.createTestProbe();
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RunOutcome run = outcome.receiveMessage(PATIENCE);
        testKit.stop(clock);
        return new Outcome(List.copyOf(reports), run, collector);
    }

    private static Behavior<Clock.Delivered> parent(Queue<RoundCollector.Report> reports,
                                                    AtomicReference<ActorRef<Clock.Delivered>> collector,
                                                    boolean retire) {
        return Behaviors.setup(context -> {
            EventOutbox outbox = new EventOutbox(PARENT_ID);
            return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
                for (Object message : delivered.messages()) {
                    reports.add((RoundCollector.Report) message);
                    if (retire && message instanceof RoundCollector.RoundClosed closed) {
                        outbox.deliver(delivered.time(), collector.get(), new RoundCollector.Retire(closed.round()));
                    }
                }
                delivered.replyTo().tell(outbox.handled(delivered));
                return Behaviors.same();
            }).build();
        });
    }

    /** A one-matrix adapter (rank 1, 2 x 1) whose values identify the client: A = [c, 1], B = [c]. */
    static RoundCollector.Update update(int clientId, long numExamples, double loss) {
        LoraFactors factors = new LoraFactors(1, 2, 1, new float[] {clientId, 1f}, new float[] {clientId}, 1.0,
                LoraScaling.STANDARD);
        return new RoundCollector.Update(Adapter.ofLora(Map.of("q", factors)), numExamples, loss);
    }

    static RoundCollector.UpdateArrived updateOf(int clientId, int round) {
        return new RoundCollector.UpdateArrived(clientId, round, update(clientId, 10L * (clientId + 1), 0.5), round);
    }
}
