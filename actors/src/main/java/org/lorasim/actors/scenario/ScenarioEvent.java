package org.lorasim.actors.scenario;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * One scripted event: an {@link ScenarioAction} at round {@code atRound} (when that round starts) or at
 * simulated time {@code atTime}, once or repeating every {@code every} rounds or nanoseconds, {@code times}
 * times in all. Exactly one of {@code atRound} and {@code atTime} is {@code >= 0}.
 *
 * @param where the origin of the event in its file ("scenario.conf: 12"), for messages
 */
public record ScenarioEvent(int atRound, long atTime, long every, int times, ScenarioAction action, String where) {

    public ScenarioEvent {
        Checks.require((atRound >= 0) != (atTime >= 0), "an event is either at a round or at a time, " + where);
        Checks.require(every >= 0, "every must be >= 0, " + where);
        Checks.require(times >= 1, "times must be >= 1, " + where);
        Checks.require(times == 1 || every > 0, "a repeating event needs every > 0, " + where);
        Objects.requireNonNull(action, "action");
    }

    public boolean byRound() {
        return atRound >= 0;
    }

    /** Whether this event fires when round {@code round} starts. */
    public boolean firesAtRound(int round) {
        if (!byRound() || round < atRound) {
            return false;
        }
        if (every == 0) {
            return round == atRound;
        }
        long k = (round - atRound) / every;
        return (round - atRound) % every == 0 && k < times;
    }

    /** The simulated time of occurrence {@code k} (from 0) of a timed event. */
    public long timeOf(int k) {
        return atTime + k * every;
    }
}
