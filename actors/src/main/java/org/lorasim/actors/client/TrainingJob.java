package org.lorasim.actors.client;

import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;

/**
 * One node's local training as a client or gossip node asks for it: where to start, how many steps, on
 * which data and device. The {@link LocalTraining} in use turns it into real DJL training on a trainer slot
 * or into a FAKE cost-model outcome (system-only runs).
 *
 * @param clientId       the node, {@code >= 0}
 * @param round          the round or gossip iteration, {@code >= 0}
 * @param start          the adapter to train from (shared, never changed)
 * @param proximalMu     FedProx / SA-FedLoRA proximal weight, 0 for none
 * @param anchor         the proximal anchor, given exactly when {@code proximalMu > 0}
 * @param steps          local mini-batch steps, {@code > 0}
 * @param basePrecision  the frozen base model's precision ({@code fp32}, {@code int8}, {@code int4}, {@code nf4})
 * @param shard          the node's training examples; empty for a system-only run
 * @param numExamples    examples in the shard (for a system-only run, the shard it stands for), {@code > 0}
 * @param flopsPerSecond the device's current compute speed (slowdowns included), {@code > 0}
 */
public record TrainingJob(int clientId, int round, Adapter start, double proximalMu, Adapter anchor, int steps,
                          String basePrecision, List<Example> shard, int numExamples, double flopsPerSecond) {

    public TrainingJob {
        Checks.nonNegative("client id", clientId);
        Checks.nonNegative("round", round);
        Objects.requireNonNull(start, "start adapter");
        Checks.nonNegative("proximal mu", proximalMu);
        Checks.require((proximalMu > 0) == (anchor != null), "client " + clientId
                + ": a proximal anchor is needed exactly when mu > 0, got mu " + proximalMu);
        Checks.positive("local steps", steps);
        Objects.requireNonNull(basePrecision, "base precision");
        shard = List.copyOf(shard);
        Checks.positive("number of examples of client " + clientId, numExamples);
        Checks.require(flopsPerSecond > 0 && Double.isFinite(flopsPerSecond),
                "compute speed of client " + clientId + " must be finite and > 0, got " + flopsPerSecond);
    }
}
