package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

import java.util.Objects;

/**
 * What one client does in a round: start from {@code startAdapter}, run {@code localSteps} local steps,
 * adding the proximal term {@code mu/2 ||theta - anchor||^2} when {@code proximalMu > 0} ({@code anchor}
 * is then required; it is null exactly when mu is 0).
 */
public record ClientInstruction(int clientId, Adapter startAdapter, double proximalMu, Adapter anchor, int localSteps) {

    public ClientInstruction {
        Objects.requireNonNull(startAdapter, "startAdapter");
        Checks.nonNegative("proximal mu of client " + clientId, proximalMu);
        Checks.require((proximalMu > 0) == (anchor != null), "client " + clientId + ": the proximal anchor must be "
                + "given exactly when mu > 0 (mu " + proximalMu + ", anchor " + (anchor == null ? "absent" : "given") + ")");
        if (anchor != null) {
            startAdapter.requireSameLayout(anchor, "proximal anchor of client " + clientId);
        }
        Checks.positive("local steps of client " + clientId, localSteps);
    }
}
