package org.lorasim.actors.client;

import java.util.Objects;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.systemonly.SyntheticUpdate;

/**
 * The FAKE outcome of a system-only training ({@link CostModelTraining}): a compact synthetic update instead
 * of an adapter, the synthetic mean loss, the examples the job stands for and its FLOPs from the FLOP model.
 */
public record SyntheticTrained(int clientId, int round, SyntheticUpdate update, double meanLoss, long examples,
                               long flops) implements LorasimMessage {

    public SyntheticTrained {
        Objects.requireNonNull(update, "update");
    }
}
