package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-round byte and event ledger of a recorder. Link and client events reach an observer from many
 * actors, so their arrival order is not the simulation's; what is deterministic is their simulated time.
 * A round that finished at simulated time {@code T} takes every byte sent, and every event that happened,
 * strictly before {@code T} and not taken by an earlier round; those at {@code T} or later wait for the
 * next round (a round's last wave at {@code T} also starts the next round). Inside one JVM every event
 * before {@code T} was told before the round's end was (the clock finished those waves first), so the
 * ledger holds them all when a round closes; events are handed out sorted by (time, kind, subject, detail).
 */
final class RoundAccounting {
    private final List<long[]> up = new ArrayList<>();
    private final List<long[]> down = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private int handedOut;

    private static final Comparator<RunEvent> ORDER = Comparator.comparingLong(RunEvent::timeNanos)
            .thenComparing(RunEvent::kind).thenComparing(RunEvent::subject).thenComparing(RunEvent::detail);

    /** Bytes sent at {@code sentAt}: upwards (client to server or to a peer) or downwards. */
    void sent(long sentAt, long bytes, boolean upwards) {
        (upwards ? up : down).add(new long[] {sentAt, bytes});
    }

    void event(RunEvent event) {
        events.add(event);
    }

    /** Bytes upwards sent before {@code time}, removed from the ledger. */
    long takeUp(long time) {
        return take(up, time);
    }

    long takeDown(long time) {
        return take(down, time);
    }

    /**
     * Hands the events before {@code time} to {@code listener}, sorted, and removes them; counts every event
     * handed out so far but the message sends ({@link #eventsHandedOut()}).
     */
    void handEventsBefore(long time, RunListener listener) {
        List<RunEvent> due = takeEvents(time);
        handedOut += (int) due.stream().filter(e -> !MessageEvents.isSend(e)).count();
        due.forEach(listener::event);
    }

    int eventsHandedOut() {
        return handedOut;
    }

    /** Events before {@code time} (all of them for {@code Long.MAX_VALUE}), sorted, removed from the ledger. */
    List<RunEvent> takeEvents(long time) {
        List<RunEvent> out = new ArrayList<>();
        events.removeIf(e -> {
            if (e.timeNanos() < time) {
                out.add(e);
                return true;
            }
            return false;
        });
        out.sort(ORDER);
        return out;
    }

    private static long take(List<long[]> ledger, long time) {
        long[] total = {0};
        ledger.removeIf(entry -> {
            if (entry[0] < time) {
                total[0] += entry[1];
                return true;
            }
            return false;
        });
        return total[0];
    }
}
