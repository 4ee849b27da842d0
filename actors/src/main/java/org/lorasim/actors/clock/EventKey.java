package org.lorasim.actors.clock;

/**
 * The position of one event in the simulation's total order: {@code (time, senderId, senderCounter)}.
 *
 * <p>Events are ordered by simulated time first, then by the id of the participant that scheduled them,
 * then by that participant's own counter, each ascending. None of the three depends on when a message
 * reached the clock: the time comes from a model, the sender id is fixed by the scenario (clients,
 * links and aggregators get stable ids when the scenario is built) and the counter counts the events
 * that sender scheduled, in the order it handled its own deliveries. Two runs with one seed therefore
 * deliver the same events in the same order, however the threads interleave.
 *
 * <p>Within one time, a lower sender id wins: that is an arbitrary but fixed tie-break, the same in
 * every run. A sender must never use one counter twice for one time; {@link EventQueue} rejects such a
 * duplicate, since nothing could order the two events.
 *
 * @param time          simulated time in nanoseconds ({@link SimTime}), {@code >= 0}
 * @param senderId      the scheduling participant's stable id
 * @param senderCounter the sender's running count of events scheduled, {@code >= 0}
 */
public record EventKey(long time, long senderId, long senderCounter) implements Comparable<EventKey> {

    public EventKey {
        if (time < 0) {
            throw new IllegalArgumentException(
                    "time must be >= 0, got " + time + " (sender " + senderId + ", counter " + senderCounter + ")");
        }
        if (senderCounter < 0) {
            throw new IllegalArgumentException(
                    "senderCounter must be >= 0, got " + senderCounter + " (sender " + senderId + ")");
        }
    }

    @Override
    public int compareTo(EventKey other) {
        int byTime = Long.compare(time, other.time);
        if (byTime != 0) {
            return byTime;
        }
        int bySender = Long.compare(senderId, other.senderId);
        return bySender != 0 ? bySender : Long.compare(senderCounter, other.senderCounter);
    }

    @Override
    public String toString() {
        return "(" + SimTime.format(time) + ", sender " + senderId + ", #" + senderCounter + ")";
    }
}
