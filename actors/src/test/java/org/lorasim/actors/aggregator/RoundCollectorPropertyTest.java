package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lorasim.actors.aggregator.RoundHarness.updateOf;
import static org.lorasim.actors.clock.SimTime.ofSeconds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lorasim.actors.aggregator.RoundCollector.ClientFailed;
import org.lorasim.actors.aggregator.RoundCollector.ClientResult;
import org.lorasim.actors.aggregator.RoundCollector.CloseReason;
import org.lorasim.actors.aggregator.RoundCollector.RoundClosed;
import org.lorasim.actors.aggregator.RoundHarness.Outcome;
import org.lorasim.actors.aggregator.RoundHarness.Timed;
import org.lorasim.actors.clock.Clock;

/**
 * Random rounds (clients, arrival and failure times, K, deadline) against a plain reference model of the
 * closing rules, each run twice on the real clock: the two runs must report identically.
 */
class RoundCollectorPropertyTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final RoundHarness HARNESS = new RoundHarness(TEST_KIT);
    private static final int ROUND = 1;

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long seed = 0; seed < 30; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }

    /** What the reference model expects: when, why, and how many inputs counted. */
    private record Expected(long closedAt, CloseReason reason, int counted) {
    }

    /**
     * The closing rules replayed in key order: inputs come from sender 0, so at the deadline instant they
     * precede the collector's own deadline event (sender 2).
     */
    private static Expected reference(RoundSpec spec, List<Timed> sortedInputs) {
        int results = 0;
        int answered = 0;
        int expected = spec.expected().size();
        if (expected == 0) {
            return new Expected(0, CloseReason.ALL_REPORTED, 0);
        }
        if (spec.waitFor() == 0) {
            return new Expected(0, CloseReason.K_RESULTS, 0);
        }
        for (Timed timed : sortedInputs) {
            if (timed.time() > spec.deadline()) {
                break;
            }
            answered++;
            if (timed.input() instanceof RoundCollector.UpdateArrived) {
                results++;
            }
            if (answered == expected) {
                return new Expected(timed.time(), CloseReason.ALL_REPORTED, answered);
            }
            if (results >= spec.waitFor()) {
                return new Expected(timed.time(), CloseReason.K_RESULTS, answered);
            }
        }
        return new Expected(spec.deadline(), CloseReason.DEADLINE, answered);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundsCloseByTheRulesPartitionTheirClientsAndRepeatExactly(long seed) {
        // Prepare: up to 6 of clients 0..19; each answers (60 %), fails (20 %) or stays silent, at a
        // distinct whole second in 1..30; K in [0, n]; deadline in 1..25 s.
        SplittableRandom rng = new SplittableRandom(seed);
        int n = rng.nextInt(7);
        Set<Integer> ids = new TreeSet<>();
        while (ids.size() < n) {
            ids.add(rng.nextInt(20));
        }
        RoundSpec spec = new RoundSpec(ROUND, List.copyOf(ids), ofSeconds(1 + rng.nextInt(25)), rng.nextInt(n + 1));
        Set<Long> usedSeconds = new HashSet<>();
        List<Timed> inputs = new ArrayList<>();
        for (int id : ids) {
            double draw = rng.nextDouble();
            long second;
            do {
                second = 1 + rng.nextInt(30);
            } while (!usedSeconds.add(second));
            if (draw < 0.6) {
                inputs.add(new Timed(ofSeconds(second), updateOf(id, ROUND)));
            } else if (draw < 0.8) {
                inputs.add(new Timed(ofSeconds(second), new ClientFailed(id, ROUND, "crash " + id)));
            }
        }
        inputs.sort((x, y) -> Long.compare(x.time(), y.time()));
        Expected expected = reference(spec, inputs);

        // Execute
        Outcome first = HARNESS.run(spec, 0, inputs, 0, false);
        Outcome second = HARNESS.run(spec, 0, inputs, 0, false);

        // Assert
        assertThat(first.run()).isInstanceOf(Clock.WentIdle.class);
        assertThat(second.reports()).isEqualTo(first.reports());
        RoundClosed closed = first.closed();
        assertThat(closed.closedAt()).isEqualTo(expected.closedAt());
        assertThat(closed.reason()).isEqualTo(expected.reason());
        assertThat(closed.rejected()).isEmpty();
        List<Integer> resultIds = closed.results().stream().map(ClientResult::clientId).toList();
        assertThat(resultIds).isSorted();
        Set<Integer> union = new TreeSet<>(resultIds);
        closed.failures().forEach(f -> union.add(f.clientId()));
        union.addAll(closed.stragglers());
        assertThat(union).containsExactlyElementsOf(ids);
        assertThat(resultIds.size() + closed.failures().size() + closed.stragglers().size()).isEqualTo(n);
        assertThat(closed.results().size() + closed.failures().size()).isEqualTo(expected.counted());
        assertThat(first.late()).hasSize(inputs.size() - expected.counted());
        if (closed.reason() == CloseReason.K_RESULTS) {
            assertThat(closed.results()).hasSize(spec.waitFor());
        }
    }
}
