package org.lorasim.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.clock.EventQueue;
import org.lorasim.actors.clock.SimTime;

/**
 * Throughput of the virtual clock in empty events per second (target: at least 1,000,000).
 *
 * <ul>
 *   <li>{@code core}: the pure {@link EventQueue} in the classic "hold" model: a queue of Q events; each
 *       event taken out puts one new event back at a random later time (1 ns to 1 ms), so the queue keeps
 *       its size. One thread, no actors.</li>
 *   <li>actor scenarios: the {@link Clock} actor with P participants that start with B events each at
 *       time 0; handling an event schedules one new event 1 us later for the same participant, until S
 *       steps are done, so every step is one wave of P deliveries carrying B messages each and P
 *       acknowledgements carrying B new events each. Timed from {@code Run} to {@code WentIdle}.
 *       {@code pingpong} (P=1, B=1) is the worst case, one message round trip per event;
 *       {@code fanout} (P=1000, B=1) one delivery per event; {@code batched} (P=10, B=1000) and
 *       {@code mixed} (P=100, B=100) the batching the clock is built for.</li>
 * </ul>
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.ClockThroughputBenchmark \
 *       scenarios=core,pingpong,fanout,batched,mixed runs=5 events=2000000
 * </pre>
 * Each scenario runs {@code runs} times after one warm-up run; each actor run has its own ActorSystem.
 */
public final class ClockThroughputBenchmark {
    private static final long STEP = SimTime.ofMicros(1);
    private static final Object TICK = "tick";
    private static final Map<String, int[]> ACTOR_SCENARIOS = Map.of(
            "pingpong", new int[] {1, 1}, "fanout", new int[] {1000, 1},
            "batched", new int[] {10, 1000}, "mixed", new int[] {100, 100});

    private ClockThroughputBenchmark() {
    }

    private record Timed(long events, long nanos) {
        double perSecond() {
            return events * 1e9 / nanos;
        }
    }

    private record Held(EventKey key) implements EventQueue.Keyed {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> a = CommandArgs.parse(args, Map.of("scenarios", "core,pingpong,fanout,batched,mixed",
                "runs", "5", "events", "2000000", "queue", "1000,100000", "throughput", "5"));
        int runs = Integer.parseInt(a.get("runs"));
        long events = Long.parseLong(a.get("events"));
        System.out.printf(Locale.ROOT, "Clock throughput: %d cores, load average %.2f, Java %s, max heap %d MiB,"
                        + " dispatcher throughput %s%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, a.get("throughput"));
        for (String scenario : a.get("scenarios").split(",")) {
            if (scenario.equals("core")) {
                for (String queue : a.get("queue").split(",")) {
                    int size = Integer.parseInt(queue);
                    report("core queue=" + size, runs, () -> coreHold(size, events * 5));
                }
            } else {
                int[] shape = ACTOR_SCENARIOS.get(scenario);
                if (shape == null) {
                    throw new IllegalArgumentException("unknown scenario '" + scenario + "'; expected core or one of "
                            + ACTOR_SCENARIOS.keySet());
                }
                long total = scenario.equals("pingpong") ? Math.min(events, 200_000) : events;
                int steps = (int) Math.max(1, total / ((long) shape[0] * shape[1]));
                String label = String.format(Locale.ROOT, "actor %s P=%d B=%d steps=%d", scenario, shape[0], shape[1],
                        steps);
                report(label, runs, () -> actorRun(shape[0], shape[1], steps, a.get("throughput")));
            }
        }
    }

    private interface Measurement {
        Timed run() throws Exception;
    }

    private static void report(String label, int runs, Measurement measurement) throws Exception {
        measurement.run();
        double[] rates = new double[runs];
        long events = 0;
        for (int i = 0; i < runs; i++) {
            Timed timed = measurement.run();
            rates[i] = timed.perSecond();
            events = timed.events();
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        List<String> each = new ArrayList<>();
        for (double rate : rates) {
            each.add(String.format(Locale.ROOT, "%.2f", rate / 1e6));
        }
        System.out.printf(Locale.ROOT, "%-42s %,12d events/run  median %6.2f M events/s  best %6.2f  runs %s%n",
                label, events, median / 1e6, sorted[runs - 1] / 1e6, each);
    }

    /** The hold model on the pure queue: take the next wave, put one event back per event taken. */
    private static Timed coreHold(int size, long events) {
        SplittableRandom random = new SplittableRandom(42);
        int senders = 64;
        long[] counters = new long[senders];
        EventQueue<Held> queue = new EventQueue<>();
        for (int i = 0; i < size; i++) {
            int sender = i % senders;
            queue.add(new Held(new EventKey(random.nextLong(1, 1_000_000), sender, counters[sender]++)));
        }
        List<Held> wave = new ArrayList<>();
        long done = 0;
        long start = System.nanoTime();
        while (done < events) {
            if (!queue.hasDueNow()) {
                queue.advance();
            }
            wave.clear();
            queue.pollDue(wave);
            for (Held held : wave) {
                int sender = (int) held.key().senderId();
                queue.add(new Held(new EventKey(queue.now() + random.nextLong(1, 1_000_000), sender,
                        counters[sender]++)));
            }
            done += wave.size();
        }
        return new Timed(done, System.nanoTime() - start);
    }

    /** Participant {@code id}: every event schedules one more for itself {@link #STEP} later, up to {@code last}. */
    private static Behavior<Clock.Delivered> participant(long id, long last) {
        return Behaviors.setup(context -> {
            EventOutbox outbox = new EventOutbox(id);
            ActorRef<Clock.Delivered> self = context.getSelf();
            return Behaviors.receive(Clock.Delivered.class).onMessage(Clock.Delivered.class, delivered -> {
                if (delivered.time() < last) {
                    long next = delivered.time() + STEP;
                    for (Object message : delivered.messages()) {
                        outbox.deliver(next, self, message);
                    }
                }
                delivered.replyTo().tell(outbox.handled(delivered));
                return Behaviors.same();
            }).build();
        });
    }

    private static Timed actorRun(int participants, int batch, int steps, String throughput) throws Exception {
        CompletableFuture<Timed> result = new CompletableFuture<>();
        Behavior<Clock.RunOutcome> guardian = Behaviors.setup(context -> {
            ActorRef<Clock.Command> clock = context.spawn(Clock.create(ClockSettings.virtual()), "clock");
            EventOutbox scenario = new EventOutbox(-1);
            for (int p = 0; p < participants; p++) {
                ActorRef<Clock.Delivered> ref = context.spawn(participant(p, (steps - 1) * STEP), "p" + p);
                for (int b = 0; b < batch; b++) {
                    scenario.deliver(0, ref, TICK);
                }
            }
            clock.tell(scenario.toSchedule());
            long start = System.nanoTime();
            clock.tell(new Clock.Run(context.getSelf()));
            return Behaviors.receive(Clock.RunOutcome.class)
                    .onMessage(Clock.WentIdle.class, idle -> {
                        result.complete(new Timed(idle.delivered(), System.nanoTime() - start));
                        return Behaviors.stopped();
                    })
                    .onMessage(Clock.RunFailed.class, failed -> {
                        result.completeExceptionally(new IllegalStateException(failed.reason()));
                        return Behaviors.stopped();
                    })
                    .build();
        });
        Config config = ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.log-dead-letters = off\n"
                + "pekko.actor.default-dispatcher.throughput = " + throughput).withFallback(ConfigFactory.load());
        ActorSystem<Clock.RunOutcome> system = ActorSystem.create(guardian, "clock-benchmark", config);
        try {
            Timed timed = result.get(10, TimeUnit.MINUTES);
            long expected = (long) participants * batch * steps;
            if (timed.events() != expected) {
                throw new IllegalStateException("delivered " + timed.events() + " events, expected " + expected);
            }
            return timed;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }
}
