package org.lorasim.actors.trainer;

/**
 * Called on a slot's worker thread just before it trains a request: a seam for tests and profilers (e.g.
 * to prove that two slots train at the same time). It must not change the request; whatever it throws
 * becomes the request's {@link TrainerSlot.TrainingFailed}.
 */
@FunctionalInterface
public interface TrainingHook {
    TrainingHook NONE = (slot, train) -> { };

    void beforeTraining(int slot, TrainerSlot.Train train) throws Exception;
}
