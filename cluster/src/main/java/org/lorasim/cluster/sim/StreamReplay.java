package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;

/**
 * What the submitting process already passed to its listener, so that a run started again after its coordinator
 * node was lost (a new attempt, replaying deterministically from round 0) is passed on only from where the lost
 * attempt stopped. Per kind of callback, the first n items of the new attempt are the n already passed: they are
 * dropped, after a check that they are what was passed (round records and the initial one wall time aside,
 * events, participation, round starts: by their hash); a difference fails the run ({@link Diverged}), since the
 * run folder would otherwise mix two different runs. Messages and live events ({@code message},
 * {@code eventNow}), whose order depends on arrival, and the cluster's figures (wall-clock measurements) are
 * dropped by count unchecked. Parts of the split and the
 * graph are dropped whole once passed.
 */
final class StreamReplay {

    /** The new attempt told something other than what the lost one had told at the same place. */
    static final class Diverged extends IllegalStateException {
        Diverged(String message) {
            super(message);
        }
    }

    enum Kind { HELD_OUT, INITIAL, PLAN, SPLIT, REFERENCES, ROUND, GENERATIONS, TOOK, EVENT, GRAPH, ROUND_STARTED,
        MESSAGE, EVENT_NOW, FINISHED, FIGURES }

    private final Map<Kind, List<Integer>> passed = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
    private RoundRecord lastRound;
    private long lastTime;

    /** A new attempt starts: its items are counted from 0 again. */
    void newAttempt() {
        seen.clear();
    }

    /** The last round record passed on (the checkpoint a new attempt resumes from), or null before round 0 ended. */
    RoundRecord lastRound() {
        return lastRound;
    }

    /** The latest simulated time of a round record or event passed on. */
    long lastTime() {
        return lastTime;
    }

    /** Whether {@code item} of the current attempt is new (to pass on); throws {@link Diverged} on a replay that differs. */
    boolean pass(Streamed item) {
        Kind kind = kind(item);
        int index = seen.merge(kind, 1, Integer::sum) - 1;
        List<Integer> hashes = passed.computeIfAbsent(kind, k -> new ArrayList<>());
        Integer fingerprint = fingerprint(item);
        if (index < hashes.size()) {
            Integer before = hashes.get(index);
            if (fingerprint != null && !Objects.equals(before, fingerprint)) {
                throw new Diverged("the run started again after its coordinator node was lost differs from what was"
                        + " already written: " + describe(kind, index, item) + " (a run must be deterministic:"
                        + " same seed, same records)");
            }
            return false;
        }
        hashes.add(fingerprint);
        if (item instanceof Streamed.Round r) {
            lastRound = r.record();
            lastTime = Math.max(lastTime, r.record().simTimeNanos());
        } else if (item instanceof Streamed.Event e) {
            lastTime = Math.max(lastTime, e.event().timeNanos());
        }
        return true;
    }

    private static String describe(Kind kind, int index, Streamed item) {
        if (item instanceof Streamed.Round r) {
            return "round " + r.record().round() + "'s record";
        }
        if (item instanceof Streamed.Event e) {
            return "event " + (index + 1) + " (" + e.event().kind() + " " + e.event().subject() + ")";
        }
        if (item instanceof Streamed.Took t) {
            return "round " + t.participation().round() + "'s participation";
        }
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + (index + 1);
    }

    /** A hash of what must be equal on a replay, or null for what is not checked. */
    private static Integer fingerprint(Streamed item) {
        if (item instanceof Streamed.Initial i) {
            return i.before().withoutWallTime().hashCode();
        }
        if (item instanceof Streamed.Round r) {
            return r.record().withoutWallTime().hashCode();
        }
        if (item instanceof Streamed.Event e) {
            return e.event().hashCode();
        }
        if (item instanceof Streamed.Took t) {
            return t.participation().hashCode();
        }
        if (item instanceof Streamed.RoundStarted s) {
            return s.hashCode();
        }
        return null;
    }

    private static final Map<Class<?>, Kind> KINDS = Map.ofEntries(
            Map.entry(Streamed.HeldOut.class, Kind.HELD_OUT), Map.entry(Streamed.Initial.class, Kind.INITIAL),
            Map.entry(Streamed.Plan.class, Kind.PLAN), Map.entry(Streamed.SplitPart.class, Kind.SPLIT),
            Map.entry(Streamed.References.class, Kind.REFERENCES), Map.entry(Streamed.Round.class, Kind.ROUND),
            Map.entry(Streamed.Generations.class, Kind.GENERATIONS), Map.entry(Streamed.Took.class, Kind.TOOK),
            Map.entry(Streamed.Event.class, Kind.EVENT), Map.entry(Streamed.GraphPart.class, Kind.GRAPH),
            Map.entry(Streamed.RoundStarted.class, Kind.ROUND_STARTED), Map.entry(Streamed.Message.class, Kind.MESSAGE),
            Map.entry(Streamed.EventNow.class, Kind.EVENT_NOW), Map.entry(Streamed.Finished.class, Kind.FINISHED),
            Map.entry(Streamed.Figures.class, Kind.FIGURES));

    private static Kind kind(Streamed item) {
        return KINDS.get(item.getClass());
    }
}
