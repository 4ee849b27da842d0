package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.Checks;

/**
 * Who did what in one round, client by client: for the participation timeline of a run folder. Each list
 * holds the ids (sorted) of one {@link ParticipationStatus}; every client id in {@code [0, clients)} that is in
 * none of them was {@link ParticipationStatus#NOT_SAMPLED not sampled}.
 *
 * @param round       the round (gossip: the iteration), from 0
 * @param clients     the number of clients of the run
 * @param tookPart    {@link ParticipationStatus#TOOK_PART}
 * @param late        {@link ParticipationStatus#LATE}
 * @param crashed     {@link ParticipationStatus#CRASHED}
 * @param unreachable {@link ParticipationStatus#UNREACHABLE}
 * @param removed     {@link ParticipationStatus#REMOVED}
 * @param failed      {@link ParticipationStatus#FAILED}
 * @param doesNotFit  {@link ParticipationStatus#DOES_NOT_FIT}
 */
public record Participation(int round, int clients, List<Integer> tookPart, List<Integer> late,
                            List<Integer> crashed, List<Integer> unreachable, List<Integer> removed,
                            List<Integer> failed, List<Integer> doesNotFit) implements LorasimMessage {

    public Participation {
        Checks.positive("clients", clients);
        tookPart = sorted(tookPart);
        late = sorted(late);
        crashed = sorted(crashed);
        unreachable = sorted(unreachable);
        removed = sorted(removed);
        failed = sorted(failed);
        doesNotFit = sorted(doesNotFit);
    }

    /** A round in which every client fits. */
    public Participation(int round, int clients, List<Integer> tookPart, List<Integer> late, List<Integer> crashed,
                         List<Integer> unreachable, List<Integer> removed, List<Integer> failed) {
        this(round, clients, tookPart, late, crashed, unreachable, removed, failed, List.of());
    }

    /** The ids of one status; for {@link ParticipationStatus#NOT_SAMPLED} every id not in another list. */
    public List<Integer> of(ParticipationStatus status) {
        return switch (status) {
            case TOOK_PART -> tookPart;
            case LATE -> late;
            case CRASHED -> crashed;
            case UNREACHABLE -> unreachable;
            case REMOVED -> removed;
            case FAILED -> failed;
            case DOES_NOT_FIT -> doesNotFit;
            case NOT_SAMPLED -> notSampled();
        };
    }

    /** Clients asked to take part: every status but not-sampled. */
    public int sampled() {
        return tookPart.size() + late.size() + failures();
    }

    /** Sampled clients that did not take part for a reason other than being late. */
    public int failures() {
        return crashed.size() + unreachable.size() + removed.size() + failed.size();
    }

    private List<Integer> notSampled() {
        boolean[] seen = new boolean[clients];
        for (ParticipationStatus s : ParticipationStatus.values()) {
            if (s != ParticipationStatus.NOT_SAMPLED) {
                of(s).stream().filter(c -> c < clients).forEach(c -> seen[c] = true);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            if (!seen[c]) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Integer> sorted(List<Integer> ids) {
        List<Integer> copy = new ArrayList<>(ids);
        copy.sort(null);
        return List.copyOf(copy);
    }
}
