package org.lorasim.actors.systemonly;

/**
 * The seam between the runtime and local training: a trainer slot hands it one client's job and gets a
 * {@link TrainingOutcome} back. {@link RealLocalTrainer} runs the DJL {@code Trainer};
 * {@link CostModelTrainer} fakes the work for system-only runs and marks its outcomes synthetic.
 * Implementations must be deterministic in the job (its client, round and seed), so a retried or replayed
 * job gives the same outcome.
 */
public interface LocalTrainer {

    TrainingOutcome train(LocalTrainingJob job);

    /** Whether this trainer's outcomes are synthetic (no model was trained). */
    boolean synthetic();
}
