package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.serialization.LorasimMessage;

/** Eager work, lazy results: work starts at once, its completion waits on the clock. */
class ClockWorkTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @AfterAll
    static void shutDown() {
        WORKERS.shutdownNow();
        TEST_KIT.shutdownTestKit();
    }

    /** Work that runs on a worker thread and reports its result to the clock under {@code key}. */
    private interface Work {
        void run(EventKey key, ActorRef<Clock.Command> clock) throws InterruptedException;
    }

    /** "Train {@code name}; in simulated time that takes {@code duration}". */
    private record Train(String name, long duration) {
    }

    /** What a participant got, and when, in the order it got it. */
    private record Received(long time, Object message) implements LorasimMessage {
    }

    /**
     * A participant that starts the named work on a worker thread as soon as it is told to train, and
     * schedules the work's completion {@code duration} later.
     */
    private static Behavior<Clock.Delivered> trainer(long id, Map<String, Work> works, ActorRef<Received> log) {
        return Behaviors.setup(context -> {
            EventOutbox outbox = new EventOutbox(id);
            return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
                for (Object message : delivered.messages()) {
                    log.tell(new Received(delivered.time(), message));
                    if (message instanceof Train) {
                        Train train = (Train) message;
                        EventKey key = outbox.completionAt(delivered.time() + train.duration(), context.getSelf());
                        Work work = works.get(train.name());
                        WORKERS.execute(() -> {
                            try {
                                work.run(key, delivered.replyTo());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                    }
                }
                delivered.replyTo().tell(outbox.handled(delivered));
                return Behaviors.same();
            }).build();
        });
    }

    @Test
    void overlappingWorkRunsConcurrentlyAndItsResultsComeInSimulatedTimeOrder() {
        // Prepare: A trains over [0 s, 10 s], B over [1 s, 20 s]. Each work waits until both have started
        // (only possible if they run at the same time); A then waits until B has reported, so the clock
        // gets B's result first in wall time although A completes first in simulated time.
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch bReported = new CountDownLatch(1);
        Queue<String> reportOrder = new ConcurrentLinkedQueue<>();
        Work a = (key, clock) -> {
            bothStarted.countDown();
            boolean overlapped = bothStarted.await(10, TimeUnit.SECONDS);
            bReported.await(10, TimeUnit.SECONDS);
            reportOrder.add("A");
            clock.tell(new Clock.WorkCompleted(key, "A trained, overlapped=" + overlapped));
        };
        Work b = (key, clock) -> {
            bothStarted.countDown();
            boolean overlapped = bothStarted.await(10, TimeUnit.SECONDS);
            reportOrder.add("B");
            clock.tell(new Clock.WorkCompleted(key, "B trained, overlapped=" + overlapped));
            bReported.countDown();
        };
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Received> log = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        ActorRef<Clock.Delivered> participant = TEST_KIT.spawn(trainer(1, Map.of("A", a, "B", b), log.ref()));
        EventOutbox scenario = new EventOutbox(0);
        scenario.deliver(SimTime.ofSeconds(0), participant, new Train("A", SimTime.ofSeconds(10)));
        scenario.deliver(SimTime.ofSeconds(1), participant, new Train("B", SimTime.ofSeconds(19)));
        clock.tell(scenario.toSchedule());

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        List<Received> received = log.receiveSeveralMessages(4, PATIENCE);

        // Assert
        assertThat(received).containsExactly(
                new Received(SimTime.ofSeconds(0), new Train("A", SimTime.ofSeconds(10))),
                new Received(SimTime.ofSeconds(1), new Train("B", SimTime.ofSeconds(19))),
                new Received(SimTime.ofSeconds(10), "A trained, overlapped=true"),
                new Received(SimTime.ofSeconds(20), "B trained, overlapped=true"));
        assertThat(reportOrder).containsExactly("B", "A");
        assertThat(outcome.receiveMessage(PATIENCE)).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(20), 4));
    }

    @Test
    void clockWaitsAtACompletionWhoseResultIsNotReadyAndDoesNotReorder() {
        // Prepare: "slow" completes at 5 s but its work holds until released; a plain event waits at 7 s
        CountDownLatch release = new CountDownLatch(1);
        Work slow = (key, clock) -> {
            release.await(10, TimeUnit.SECONDS);
            clock.tell(new Clock.WorkCompleted(key, "slow done"));
        };
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Received> log = TEST_KIT.createTestProbe();
        TestProbe<Clock.TimeAdvanced> observer = TEST_KIT.createTestProbe();
        TestProbe<Clock.CurrentTime> state = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        ActorRef<Clock.Delivered> participant = TEST_KIT.spawn(trainer(1, Map.of("slow", slow), log.ref()));
        EventOutbox scenario = new EventOutbox(0);
        scenario.deliver(SimTime.ofSeconds(0), participant, new Train("slow", SimTime.ofSeconds(5)));
        scenario.deliver(SimTime.ofSeconds(7), participant, "tick");
        clock.tell(scenario.toSchedule());
        clock.tell(new Clock.Subscribe(observer.ref()));

        // Execute: once time reaches 5 s, look at the clock, then let the work finish
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.TimeAdvanced reached = observer.receiveMessage(PATIENCE);
        clock.tell(new Clock.GetTime(state.ref()));
        Clock.CurrentTime waiting = state.receiveMessage();
        release.countDown();

        // Assert: at 5 s the clock waits for one result, then delivers it before the 7 s tick
        assertThat(reached).isEqualTo(new Clock.TimeAdvanced(SimTime.ofSeconds(5)));
        assertThat(waiting).isEqualTo(new Clock.CurrentTime(SimTime.ofSeconds(5), true, 0, 1));
        assertThat(log.receiveSeveralMessages(3, PATIENCE)).containsExactly(
                new Received(0, new Train("slow", SimTime.ofSeconds(5))),
                new Received(SimTime.ofSeconds(5), "slow done"),
                new Received(SimTime.ofSeconds(7), "tick"));
        assertThat(outcome.receiveMessage(PATIENCE)).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(7), 3));
    }

    @Test
    void resultArrivingBeforeItsCompletionEventIsKeptForIt() {
        // Prepare: the result for (3 s, sender 4, #0) comes before anyone scheduled that completion
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(SimTime.ofSeconds(3), 4, 0);
        clock.tell(new Clock.WorkCompleted(key, "early result"));
        clock.tell(new Clock.Schedule(List.of(ScheduledEvent.completion(key, participant.ref()))));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.Delivered delivered = participant.receiveMessage();
        clock.tell(new Clock.Handled(delivered.deliveryId(), List.of()));

        // Assert
        assertThat(delivered.time()).isEqualTo(SimTime.ofSeconds(3));
        assertThat(delivered.messages()).containsExactly("early result");
        assertThat(outcome.receiveMessage()).isEqualTo(new Clock.WentIdle(SimTime.ofSeconds(3), 1));
    }

    @Test
    void missingResultFailsTheRunAfterTheWorkTimeout() {
        // Prepare
        ClockSettings settings = ClockSettings.virtual().withWorkTimeout(Duration.ofMillis(500));
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(settings));
        TestProbe<Clock.Delivered> participant = TEST_KIT.createTestProbe();
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Schedule(List.of(
                ScheduledEvent.completion(new EventKey(SimTime.ofSeconds(2), 4, 0), participant.ref()))));

        // Execute: no WorkCompleted ever comes
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RunOutcome result = outcome.receiveMessage(PATIENCE);

        // Assert
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        assertThat(((Clock.RunFailed) result).reason())
                .contains("no result at 2.000000000 s")
                .contains("(2.000000000 s, sender 4, #0)")
                .contains("work-timeout of PT0.5S");
    }

    @Test
    void secondResultForOneWorkFailsTheRun() {
        // Prepare
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(SimTime.ofSeconds(1), 2, 5);
        clock.tell(new Clock.WorkCompleted(key, "first"));
        clock.tell(new Clock.WorkCompleted(key, "second"));

        // Execute
        clock.tell(new Clock.Run(outcome.ref()));

        // Assert
        Clock.RunOutcome result = outcome.receiveMessage();
        assertThat(result).isInstanceOf(Clock.RunFailed.class);
        assertThat(((Clock.RunFailed) result).reason())
                .contains("two results for the work of completion event (1.000000000 s, sender 2, #5)");
    }
}
