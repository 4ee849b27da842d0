package org.lorasim.actors.aggregator;

import org.lorasim.policies.Checks;

/** {@code waitFor} is K, capped at the number sampled; {@link #WAIT_FOR_ALL} waits for every one. */
public record RoundSettings(int totalRounds, long roundDeadline, int waitFor, LatePolicy latePolicy) {
    public static final int WAIT_FOR_ALL = Integer.MAX_VALUE;

    public RoundSettings {
        Checks.require(totalRounds >= 1, "totalRounds must be >= 1, got " + totalRounds);
        Checks.require(roundDeadline > 0, "roundDeadline must be > 0, got " + roundDeadline);
        Checks.require(waitFor >= 1, "waitFor must be >= 1, got " + waitFor);
        Checks.require(latePolicy != null, "latePolicy must not be null");
    }
}
