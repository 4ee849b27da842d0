package org.lorasim.actors.run;

import java.util.Objects;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * To a run's recorder: client {@code client} is gone for the rest of the run from simulated time {@code time}
 * on, for {@code reason} (the cluster runtime's lost {@code clients} node, which took the client's actors with
 * it). Recorded as the {@code client-crashed} event a scenario's crash records ({@link #event()}); a
 * decentralized run's recorder also stops waiting for the node's reports ({@link GossipRecorder}).
 */
public record ClientLost(long time, int client, String reason) implements LorasimMessage {
    public ClientLost {
        Objects.requireNonNull(reason, "reason");
    }

    /** The {@code client-crashed} line of {@code events.jsonl}. */
    public RunEvent event() {
        return new RunEvent(time, -1, "client-crashed", "client-" + client, reason);
    }
}
