package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random scenarios (seeded): six participants pass tokens around with delays of 0-3 ms, many at the same
 * time, some through eager work on a thread pool. The actor run must deliver exactly what a
 * single-threaded reference loop over {@link EventQueue} delivers, and two runs must agree, whatever
 * the opening send order and the threads' timing.
 */
class ClockDeterminismTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(3);
    private static final int PARTICIPANTS = 6;
    private static final int MAX_DEPTH = 6;
    private static final long SCENARIO_SENDER = 1_000;

    @AfterAll
    static void shutDown() {
        WORKERS.shutdownNow();
        TEST_KIT.shutdownTestKit();
    }

    private record Token(long value, int depth) {
    }

    /** One delivered message, where the clock's order put it. */
    private record Entry(long deliveryId, int index, long time, int participant, Token token) {
    }

    /** A reaction: send {@code token} to {@code target} after {@code delay}, as eager work if {@code work}. */
    private record Reaction(long delay, int target, Token token, boolean work) {
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /** What participant {@code self} does on receiving {@code token}: a pure function, as a model is. */
    private static List<Reaction> react(int self, Token token) {
        List<Reaction> reactions = new ArrayList<>();
        if (token.depth() >= MAX_DEPTH) {
            return reactions;
        }
        long h = mix(token.value() * 31 + self);
        for (int i = 0; i < (int) (h & 3); i++) {
            long child = mix(h + i);
            long delay = SimTime.ofMillis(Math.floorMod(child >>> 8, 4));
            boolean work = Math.floorMod(child >>> 40, 5) == 0;
            int target = work ? self : Math.floorMod(child >>> 16, PARTICIPANTS);
            reactions.add(new Reaction(delay, target, new Token(child, token.depth() + 1), work));
        }
        return reactions;
    }

    /** The scenario's opening: eight tokens at 0-2 ms to seeded participants, in scenario-counter order. */
    private static List<Reaction> opening(long seed) {
        Random random = new Random(seed);
        List<Reaction> opening = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            opening.add(new Reaction(SimTime.ofMillis(random.nextInt(3)), random.nextInt(PARTICIPANTS),
                    new Token(random.nextLong(), 0), false));
        }
        return opening;
    }

    /** The single-threaded reference: waves of one time, grouped per participant as the clock does. */
    private static List<Entry> reference(long seed) {
        record Event(EventKey key, int target, Token token) implements EventQueue.Keyed {
        }
        TestProbe<Clock.Delivered> nobody = TEST_KIT.createTestProbe();
        EventQueue<Event> queue = new EventQueue<>();
        EventOutbox scenario = new EventOutbox(SCENARIO_SENDER);
        for (Reaction r : opening(seed)) {
            queue.add(new Event(scenario.deliver(r.delay(), nobody.ref(), r.token()), r.target(), r.token()));
        }
        EventOutbox[] outboxes = new EventOutbox[PARTICIPANTS];
        for (int p = 0; p < PARTICIPANTS; p++) {
            outboxes[p] = new EventOutbox(p);
        }
        List<Entry> log = new ArrayList<>();
        long deliveryId = 0;
        List<Event> wave = new ArrayList<>();
        while (true) {
            if (!queue.hasDueNow()) {
                if (queue.isEmpty()) {
                    return log;
                }
                queue.advance();
            }
            wave.clear();
            queue.pollDue(wave);
            Map<Integer, List<Token>> byTarget = new LinkedHashMap<>();
            wave.forEach(e -> byTarget.computeIfAbsent(e.target(), t -> new ArrayList<>()).add(e.token()));
            for (Map.Entry<Integer, List<Token>> delivery : byTarget.entrySet()) {
                int self = delivery.getKey();
                for (int i = 0; i < delivery.getValue().size(); i++) {
                    Token token = delivery.getValue().get(i);
                    log.add(new Entry(deliveryId, i, queue.now(), self, token));
                    for (Reaction r : react(self, token)) {
                        EventKey key = outboxes[self].deliver(queue.now() + r.delay(), nobody.ref(), r.token());
                        queue.add(new Event(key, r.target(), r.token()));
                    }
                    outboxes[self].drain();
                }
                deliveryId++;
            }
        }
    }

    private static Behavior<Clock.Delivered> participant(int self, List<ActorRef<Clock.Delivered>> refs,
                                                         Queue<Entry> log) {
        return Behaviors.setup(context -> {
            EventOutbox outbox = new EventOutbox(self);
            return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
                for (int i = 0; i < delivered.messages().size(); i++) {
                    Token token = (Token) delivered.messages().get(i);
                    log.add(new Entry(delivered.deliveryId(), i, delivered.time(), self, token));
                    for (Reaction r : react(self, token)) {
                        long at = delivered.time() + r.delay();
                        if (r.work()) {
                            EventKey key = outbox.completionAt(at, refs.get(self));
                            WORKERS.execute(() -> delivered.replyTo().tell(new Clock.WorkCompleted(key, r.token())));
                        } else {
                            outbox.deliver(at, refs.get(r.target()), r.token());
                        }
                    }
                }
                delivered.replyTo().tell(outbox.handled(delivered));
                return Behaviors.same();
            }).build();
        });
    }

    private static List<Entry> runActors(long seed, boolean shuffled) {
        Queue<Entry> log = new ConcurrentLinkedQueue<>();
        List<ActorRef<Clock.Delivered>> refs = new CopyOnWriteArrayList<>();
        for (int p = 0; p < PARTICIPANTS; p++) {
            refs.add(TEST_KIT.spawn(participant(p, refs, log)));
        }
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        EventOutbox scenario = new EventOutbox(SCENARIO_SENDER);
        opening(seed).forEach(r -> scenario.deliver(r.delay(), refs.get(r.target()), r.token()));
        List<ScheduledEvent> opening = new ArrayList<>(scenario.drain());
        if (shuffled) {
            Collections.shuffle(opening, new Random(seed + 1));
        }
        opening.forEach(event -> clock.tell(new Clock.Schedule(List.of(event))));
        TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
        clock.tell(new Clock.Run(outcome.ref()));
        Clock.RunOutcome result = outcome.receiveMessage(Duration.ofSeconds(20));
        assertThat(result).isInstanceOf(Clock.WentIdle.class);
        List<Entry> sorted = new ArrayList<>(log);
        sorted.sort(Comparator.comparingLong(Entry::deliveryId).thenComparingInt(Entry::index));
        assertThat(((Clock.WentIdle) result).delivered()).isEqualTo(sorted.size());
        return sorted;
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 42, 101, 2024})
    void actorRunsDeliverExactlyWhatTheReferenceLoopDelivers(long seed) {
        // Prepare
        List<Entry> expected = reference(seed);

        // Execute
        List<Entry> first = runActors(seed, false);
        List<Entry> second = runActors(seed, true);

        // Assert: a scenario with enough same-time traffic to matter, delivered identically
        assertThat(expected.size()).isGreaterThan(8);
        assertThat(first).containsExactlyElementsOf(expected);
        assertThat(second).containsExactlyElementsOf(expected);
    }
}
