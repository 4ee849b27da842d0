package org.lorasim.policies.fedpipe;

import org.lorasim.policies.Checks;

/**
 * What one client (FedPipe's "edge server") can spend on one local training step: the time budget in
 * seconds, the memory budget in bytes, its compute speed in FLOP/s and the tokens it processes per step
 * ({@code batch size * sequence length}). FedPipe also chooses the batch size per server; here it is an
 * input (the paper's procedure for it is UNVERIFIED), so a caller that wants to search batch sizes plans
 * once per candidate batch size.
 */
public record ClientBudget(String clientId, double stepTimeSeconds, long memoryBytes, double flopsPerSecond,
                           long tokensPerStep) {

    public ClientBudget {
        Checks.require(clientId != null && !clientId.isBlank(), "clientId must not be empty");
        Checks.positive("stepTimeSeconds of client '" + clientId + "'", stepTimeSeconds);
        Checks.require(memoryBytes > 0, "memoryBytes of client '" + clientId + "' must be > 0, got " + memoryBytes);
        Checks.positive("flopsPerSecond of client '" + clientId + "'", flopsPerSecond);
        Checks.require(tokensPerStep > 0, "tokensPerStep of client '" + clientId + "' must be > 0, got " + tokensPerStep);
    }

    /**
     * The step time budget as a FLOP budget, {@code floor(stepTimeSeconds * flopsPerSecond)} (capped at
     * {@code Long.MAX_VALUE}). A step of F FLOPs fits the time budget iff {@code F <= flopBudget()}: the
     * only rounding in the time constraint is this one product.
     */
    public long flopBudget() {
        double budget = Math.floor(stepTimeSeconds * flopsPerSecond);
        return budget >= 0x1p63 ? Long.MAX_VALUE : (long) budget;
    }
}
