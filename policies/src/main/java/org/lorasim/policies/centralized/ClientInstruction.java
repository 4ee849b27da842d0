package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

import java.util.Objects;

/**
 * What one client does in a round: start from {@code startAdapter}, run {@code localSteps} local steps,
 * adding the proximal term {@code mu/2 ||theta - anchor||^2} when {@code proximalMu > 0} ({@code anchor}
 * is then required; it is null exactly when mu is 0), on the frozen base model held in
 * {@code basePrecision} (e.g. {@code "fp32"}, {@code "int8"}, {@code "int4"}, {@code "nf4"}; FedPipe picks
 * it per client, every other policy leaves the default {@value #FULL_PRECISION}). The name is not checked
 * against a list here: the trainer that loads the base model knows which precisions it offers.
 */
public record ClientInstruction(int clientId, Adapter startAdapter, double proximalMu, Adapter anchor, int localSteps,
                                String basePrecision) {

    /** The precision of an unquantized base model. */
    public static final String FULL_PRECISION = "fp32";

    public ClientInstruction {
        Objects.requireNonNull(startAdapter, "startAdapter");
        Checks.nonNegative("proximal mu of client " + clientId, proximalMu);
        Checks.require((proximalMu > 0) == (anchor != null), "client " + clientId + ": the proximal anchor must be "
                + "given exactly when mu > 0 (mu " + proximalMu + ", anchor " + (anchor == null ? "absent" : "given") + ")");
        if (anchor != null) {
            startAdapter.requireSameLayout(anchor, "proximal anchor of client " + clientId);
        }
        Checks.positive("local steps of client " + clientId, localSteps);
        Checks.require(basePrecision != null && !basePrecision.isBlank(),
                "base precision of client " + clientId + " must not be empty, got '" + basePrecision + "'");
    }

    /** An instruction on the full-precision ({@value #FULL_PRECISION}) base model. */
    public ClientInstruction(int clientId, Adapter startAdapter, double proximalMu, Adapter anchor, int localSteps) {
        this(clientId, startAdapter, proximalMu, anchor, localSteps, FULL_PRECISION);
    }
}
