package org.lorasim.actors.trainer;

/**
 * Called on a slot's worker thread around each training: a seam for tests and profilers (e.g. to prove that
 * two slots train at the same time, or to measure how long the slots were busy). It must not change the
 * request. Whatever {@link #beforeTraining} throws becomes the request's {@link TrainerSlot.TrainingFailed};
 * {@link #afterTraining} runs once the outcome is known and before it is sent to the clock, and whatever it
 * throws is logged and ignored (the outcome stands).
 *
 * <p>A hook may read the wall clock (a measurement), but nothing it learns may flow back into the simulation:
 * simulated time comes from the cost model alone.
 */
@FunctionalInterface
public interface TrainingHook {
    TrainingHook NONE = (slot, train) -> { };

    void beforeTraining(int slot, TrainerSlot.Train train) throws Exception;

    /** After training {@code train} on slot {@code slot}: {@code outcome} is a Trained or a TrainingFailed. */
    default void afterTraining(int slot, TrainerSlot.Train train, TrainerSlot.Outcome outcome) {
    }
}
