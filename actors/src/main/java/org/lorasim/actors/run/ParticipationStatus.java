package org.lorasim.actors.run;

/**
 * What one client did in one round, as the run's observer saw it. A sampled client that did not take part gets
 * the first status that applies, in this order: {@link #REMOVED}, {@link #CRASHED}, {@link #UNREACHABLE},
 * {@link #FAILED}, {@link #LATE}. The aggregator itself cannot tell a crashed or cut-off client from a slow one
 * (it sees no answer by the deadline); the observer can, from the clients' and links' events.
 */
public enum ParticipationStatus {
    /** Its update was used (for gossip: it reported the iteration). */
    TOOK_PART("took-part", "took part"),
    /** Up and reachable, but no answer by the deadline: a straggler. */
    LATE("late", "late (straggler)"),
    /** Down (crash-stop) at some time between the round's start and its end. */
    CRASHED("crashed", "crashed"),
    /** A message to or from it in the round was lost: link down, partition or random loss. */
    UNREACHABLE("unreachable", "unreachable (link down, partition, loss)"),
    /** Taken out of the run by a {@code remove-clients} scenario event before the round ended. */
    REMOVED("removed", "removed"),
    /** It reported a failure (e.g. its training failed). */
    FAILED("failed", "failed (reported an error)"),
    /**
     * Never asked: its memory cannot hold what it trains with ({@code lorasim.clients.memory-check}), or for
     * FedPipe no plan fits its memory and step time ({@link ClientsThatDoNotFit}).
     */
    DOES_NOT_FIT("does-not-fit", "does not fit (memory)"),
    /** Not asked this round. */
    NOT_SAMPLED("not-sampled", "not sampled");

    private final String csvName;
    private final String label;

    ParticipationStatus(String csvName, String label) {
        this.csvName = csvName;
        this.label = label;
    }

    /** The name in {@code participation.csv}. */
    public String csvName() {
        return csvName;
    }

    /** The name in plot legends. */
    public String label() {
        return label;
    }

    /** True for the statuses that {@link RoundRecord#failures()} counts. */
    public boolean isFailure() {
        return this == CRASHED || this == UNREACHABLE || this == REMOVED || this == FAILED;
    }
}
