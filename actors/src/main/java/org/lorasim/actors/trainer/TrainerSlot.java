package org.lorasim.actors.trainer;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * One trainer slot (DESIGN.md, "Actors"): trains any client's adapter on the frozen {@link BaseModel} that
 * every slot of the JVM shares, one request at a time, in arrival order. The training itself runs in a
 * child {@link SlotWorker} on the dispatcher {@value #DISPATCHER} (one thread of its own per slot), so this
 * actor stays free to queue requests and answer {@link GetQueue} while a training runs.
 *
 * <p>Eager work, lazy results (DESIGN.md, "Time"): a client registers the completion event with the clock,
 * then sends {@link Train} at once; when the training ends the worker tells the clock
 * {@code WorkCompleted(completionKey, outcome)}, the outcome a {@link Trained} or, when the request could
 * not be trained (an adapter that does not fit the model, a diverged loss, an engine error), a
 * {@link TrainingFailed}: a value, never a crash or a hang. The outcome depends only on the request, never
 * on which slot trained it nor on what trained before.
 *
 * <p>Observers ({@link Subscribe}) hear {@link Started} and {@link Finished} with the queue length after
 * the change; they never change what is trained.
 */
public final class TrainerSlot extends AbstractBehavior<TrainerSlot.Command> {
    /** Config path of the dispatcher that the slots' workers run on. */
    public static final String DISPATCHER = "lorasim.trainer-slot-dispatcher";

    /** What a slot accepts. {@link Train} is also what a {@link TrainerSlots} pool accepts. */
    public sealed interface Command extends LorasimMessage permits Train, GetQueue, Subscribe, Unsubscribe,
            WorkerDone {
    }

    /**
     * Train {@code request} for client {@code clientId} and report the outcome to {@code clock} under
     * {@code completionKey}.
     */
    public record Train(int clientId, TrainingRequest request, EventKey completionKey, ActorRef<Clock.Command> clock)
            implements Command, TrainerSlots.Command {
        public Train {
            Checks.nonNegative("client id", clientId);
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(completionKey, "completion key");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Asks for the slot's {@link QueueLength}. */
    public record GetQueue(ActorRef<QueueLength> replyTo) implements Command {
    }

    /** {@code observer} hears every {@link Event} of this slot from now on. */
    public record Subscribe(ActorRef<Event> observer) implements Command {
    }

    public record Unsubscribe(ActorRef<Event> observer) implements Command {
    }

    /** Slot {@code slot} has {@code waiting} requests queued behind the {@code training} (0 or 1) it runs. */
    public record QueueLength(int slot, int waiting, int training) implements LorasimMessage {
        public int total() {
            return waiting + training;
        }
    }

    /** What the clock delivers at the completion time: {@link Trained} or {@link TrainingFailed}. */
    public sealed interface Outcome extends LorasimMessage permits Trained, TrainingFailed {
        int clientId();
    }

    /**
     * A finished training: the new {@code adapter}, the mean batch loss, the examples seen, the FLOPs spent
     * (the input of simulated duration models) and the wall milliseconds on this machine (a measurement only).
     */
    public record Trained(int clientId, Adapter adapter, double meanLoss, long examples, long flops, long wallMillis)
            implements Outcome {
        public Trained {
            Objects.requireNonNull(adapter, "adapter");
        }

        public static Trained of(int clientId, TrainingResult result) {
            return new Trained(clientId, result.adapter(), result.meanLoss(), result.examplesSeen(), result.flops(),
                    result.wallMillis());
        }
    }

    /** A request that could not be trained; {@code reason} names the exception and its message. */
    public record TrainingFailed(int clientId, String reason) implements Outcome {
        public TrainingFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** What observers hear. */
    public sealed interface Event extends LorasimMessage permits Started, Finished {
        int slot();
    }

    /** Slot {@code slot} began training for {@code clientId}; {@code waiting} requests remain queued. */
    public record Started(int slot, int clientId, EventKey completionKey, int waiting) implements Event {
    }

    /** Slot {@code slot} finished {@code clientId}'s request ({@code succeeded} false: a TrainingFailed). */
    public record Finished(int slot, int clientId, EventKey completionKey, boolean succeeded, int waiting)
            implements Event {
    }

    /** From the worker: the current request is done and its outcome sent to the clock. */
    record WorkerDone(Train train, boolean succeeded) implements Command, NoSerializationVerificationNeeded {
    }

    private final int slot;
    private final ActorRef<SlotWorker.Run> worker;
    private final ArrayDeque<Train> waiting = new ArrayDeque<>();
    private final Set<ActorRef<Event>> observers = new LinkedHashSet<>();
    private Train current;

    /** Slot number {@code slot} over {@code base} (shared, read-only; the caller owns it). */
    public static Behavior<Command> create(int slot, BaseModel base) {
        return create(slot, base, TrainingHook.NONE);
    }

    /** As {@link #create(int, BaseModel)}, calling {@code hook} on the worker thread around each training. */
    public static Behavior<Command> create(int slot, BaseModel base, TrainingHook hook) {
        return create(slot, SlotTrainer.Factory.of(base), hook);
    }

    /**
     * Slot number {@code slot} whose worker trains with a trainer from {@code trainers} (the encoder's over a
     * shared {@link BaseModel}, or a decoder's over a shared Llama base), calling {@code hook} around each training.
     */
    public static Behavior<Command> create(int slot, SlotTrainer.Factory trainers, TrainingHook hook) {
        Checks.nonNegative("slot", slot);
        Objects.requireNonNull(trainers, "trainers");
        Objects.requireNonNull(hook, "hook");
        return Behaviors.setup(context -> new TrainerSlot(context, slot, trainers, hook));
    }

    private TrainerSlot(ActorContext<Command> context, int slot, SlotTrainer.Factory trainers, TrainingHook hook) {
        super(context);
        this.slot = slot;
        this.worker = context.spawn(SlotWorker.create(slot, trainers, hook, context.getSelf()), "worker",
                DispatcherSelector.fromConfig(DISPATCHER));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onMessage(WorkerDone.class, this::onWorkerDone)
                .onMessage(GetQueue.class, get -> {
                    get.replyTo().tell(new QueueLength(slot, waiting.size(), current == null ? 0 : 1));
                    return this;
                })
                .onMessage(Subscribe.class, s -> {
                    observers.add(s.observer());
                    return this;
                })
                .onMessage(Unsubscribe.class, u -> {
                    observers.remove(u.observer());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onTrain(Train train) {
        waiting.addLast(train);
        startNextIfIdle();
        return this;
    }

    private Behavior<Command> onWorkerDone(WorkerDone done) {
        current = null;
        publish(new Finished(slot, done.train().clientId(), done.train().completionKey(), done.succeeded(),
                waiting.size()));
        startNextIfIdle();
        return this;
    }

    private void startNextIfIdle() {
        if (current != null || waiting.isEmpty()) {
            return;
        }
        current = waiting.removeFirst();
        publish(new Started(slot, current.clientId(), current.completionKey(), waiting.size()));
        worker.tell(new SlotWorker.Run(current));
    }

    private void publish(Event event) {
        observers.forEach(o -> o.tell(event));
    }
}
