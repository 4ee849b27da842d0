package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.aggregation.FlexLoraState;

import java.util.Objects;

/**
 * The server's state before round {@code round} (= the number of rounds aggregated so far): the global
 * adapter, and FlexLoRA's SVD state when the policy is FlexLoRA and a round has been aggregated
 * ({@code flexLora} is null otherwise). For FlexLoRA and HetLoRA {@code global} holds the largest rank
 * any client may ask for.
 */
public record GlobalState(int round, Adapter global, FlexLoraState flexLora) {

    public GlobalState {
        Checks.nonNegative("round", round);
        Objects.requireNonNull(global, "global");
    }

    /** The state before round 0. */
    public static GlobalState initial(Adapter global) {
        return new GlobalState(0, global, null);
    }

    /** The same adapter and algorithm state, one round later (a round in which no update arrived). */
    public GlobalState emptyRound() {
        return new GlobalState(round + 1, global, flexLora);
    }
}
