package org.lorasim.actors.trainer;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.TrainingResult;

/**
 * The thread of one {@link TrainerSlot}: owns the slot's {@link SlotTrainer} (one per thread, as DJL's per-thread
 * autograd needs) and trains one request per {@link Run}, blocking its dispatcher thread for the duration.
 * Any exception becomes a {@link TrainerSlot.TrainingFailed}; after one the trainer is closed and rebuilt,
 * so no half-loaded adapter can leak into the next request.
 */
final class SlotWorker extends AbstractBehavior<SlotWorker.Run> {

    /** Train this request now (local only: the parent slot and its worker share a JVM). */
    record Run(TrainerSlot.Train train) implements NoSerializationVerificationNeeded {
    }

    private final int slot;
    private final SlotTrainer.Factory trainers;
    private final TrainingHook hook;
    private final ActorRef<TrainerSlot.Command> parent;
    private SlotTrainer trainer;

    static Behavior<Run> create(int slot, SlotTrainer.Factory trainers, TrainingHook hook,
                               ActorRef<TrainerSlot.Command> parent) {
        return Behaviors.setup(context -> new SlotWorker(context, slot, trainers, hook, parent));
    }

    private SlotWorker(ActorContext<Run> context, int slot, SlotTrainer.Factory trainers, TrainingHook hook,
                       ActorRef<TrainerSlot.Command> parent) {
        super(context);
        this.slot = slot;
        this.trainers = trainers;
        this.hook = hook;
        this.parent = parent;
        this.trainer = trainers.newTrainer();
    }

    @Override
    public Receive<Run> createReceive() {
        return newReceiveBuilder()
                .onMessage(Run.class, this::onRun)
                .onSignal(PostStop.class, stop -> {
                    trainer.close();
                    return this;
                })
                .build();
    }

    private Behavior<Run> onRun(Run run) {
        TrainerSlot.Train train = run.train();
        TrainerSlot.Outcome outcome = trainSafely(train);
        try {
            hook.afterTraining(slot, train, outcome);
        } catch (RuntimeException e) {
            getContext().getLog().warn("slot {}: the training hook failed after client {}: {}", slot, train.clientId(),
                    e.toString());
        }
        train.clock().tell(new Clock.WorkCompleted(train.completionKey(), outcome));
        parent.tell(new TrainerSlot.WorkerDone(train, outcome instanceof TrainerSlot.Trained));
        return this;
    }

    private TrainerSlot.Outcome trainSafely(TrainerSlot.Train train) {
        try {
            hook.beforeTraining(slot, train);
            TrainingResult result = trainer.train(train.request());
            return TrainerSlot.Trained.of(train.clientId(), result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(train, e);
        } catch (Exception e) {
            getContext().getLog().warn("slot {}: training for client {} failed: {}", slot, train.clientId(), e.toString());
            trainer.close();
            trainer = trainers.newTrainer();
            return failed(train, e);
        }
    }

    private static TrainerSlot.TrainingFailed failed(TrainerSlot.Train train, Throwable e) {
        return new TrainerSlot.TrainingFailed(train.clientId(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
