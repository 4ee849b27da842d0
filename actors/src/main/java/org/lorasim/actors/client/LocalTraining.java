package org.lorasim.actors.client;

import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;

/**
 * How a node's local training is carried out and timed (DESIGN.md, "Time": heavy work starts eagerly, only
 * its completion event waits on the clock). {@link #start} is called while the node handles a delivery at
 * simulated time {@code now}; it schedules, through the node's {@code outbox}, the delivery to
 * {@code target} of the outcome at {@code now + duration} and returns that completion time. The outcome
 * delivered is a {@link org.lorasim.actors.trainer.TrainerSlot.Trained}, a
 * {@link org.lorasim.actors.trainer.TrainerSlot.TrainingFailed} or, for the FAKE cost model, a
 * {@link SyntheticTrained}. The duration comes from the FLOP model and the device speed, never from
 * wall time, so it is the same on every machine.
 */
public interface LocalTraining {

    long start(TrainingJob job, long now, EventOutbox outbox, ActorRef<Clock.Delivered> target);

    /** Whether outcomes are synthetic (no model is trained): a system-only run. */
    boolean synthetic();
}
