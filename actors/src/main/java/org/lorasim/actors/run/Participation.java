package org.lorasim.actors.run;

import java.util.List;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * Who did what in one round, client by client (ids sorted): for the participation timeline of a run folder.
 * {@code participants} had their update used; {@code stragglers} were asked and had no answer by the
 * deadline (gossip: none, a node that did not report is {@code failed}); {@code failed} reported a failure
 * or, in a gossip run, did not report the iteration.
 */
public record Participation(int round, List<Integer> participants, List<Integer> stragglers, List<Integer> failed)
        implements LorasimMessage {

    public Participation {
        participants = List.copyOf(participants);
        stragglers = List.copyOf(stragglers);
        failed = List.copyOf(failed);
    }
}
