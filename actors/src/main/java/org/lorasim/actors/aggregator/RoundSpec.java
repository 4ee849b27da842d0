package org.lorasim.actors.aggregator;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.lorasim.policies.Checks;

/**
 * What one round collects: the clients asked to answer, the absolute simulated deadline (nanoseconds of
 * simulated time, see {@code SimTime}) and {@code waitFor} K, the number of results after which the
 * round closes without waiting for the others ("wait for the K fastest"). {@code expected} is kept
 * sorted and free of duplicates.
 */
public record RoundSpec(int round, List<Integer> expected, long deadline, int waitFor) {

    public RoundSpec {
        Checks.nonNegative("round", round);
        Checks.require(expected != null, "expected clients must not be null");
        Checks.require(expected.stream().noneMatch(Objects::isNull), "expected clients must not contain null, got " + expected);
        TreeSet<Integer> sorted = new TreeSet<>(expected);
        Checks.require(sorted.size() == expected.size(), "expected clients must be distinct, got " + expected);
        Checks.require(sorted.isEmpty() || sorted.first() >= 0,
                "expected client ids must be >= 0, got " + expected);
        Checks.require(deadline >= 0, "deadline must be >= 0, got " + deadline);
        Checks.require(waitFor >= 0 && waitFor <= sorted.size(),
                "waitFor must be in [0, " + sorted.size() + "] (the number of expected clients), got " + waitFor);
        expected = List.copyOf(sorted);
    }

    /** A round that waits for every expected client (K = number of expected clients). */
    public static RoundSpec waitingForAll(int round, List<Integer> expected, long deadline) {
        Checks.require(expected != null, "expected clients must not be null");
        return new RoundSpec(round, expected, deadline, expected.size());
    }
}
