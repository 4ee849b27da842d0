package org.lorasim.actors.trainer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.Checks;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.SlotTrainer;

/**
 * The trainer slots of one JVM: {@code count} {@link TrainerSlot} children over one shared {@link BaseModel},
 * each with its own trainer and thread. Idle slots pull work: a {@link TrainerSlot.Train} goes at once to an
 * idle slot (the lowest-numbered one), or waits in this pool's FIFO queue until a slot reports
 * {@link TrainerSlot.Finished} and takes the head of the queue. A slot thus never holds a queue of its own
 * while another slot is idle: when one slot's trainings run slower (another process took its core), the
 * other takes the rest of the round's requests instead of waiting for it (with dispatch at arrival to the
 * least-loaded slot, a round's requests were split evenly at once, and the faster slot waited at the end of
 * every round; EngineOverheadBenchmark measured that as most of the engine's overhead). Dispatch changes only
 * which thread trains: an outcome depends on its request alone, so results are the same whatever the load.
 */
public final class TrainerSlots extends AbstractBehavior<TrainerSlots.Command> {

    public sealed interface Command extends LorasimMessage permits TrainerSlot.Train, GetLoads, Subscribe, SlotEvent {
    }

    /** Asks for each slot's outstanding requests (queued plus training), in slot order, and the pool's queue. */
    public record GetLoads(ActorRef<Loads> replyTo) implements Command {
    }

    /** {@code outstanding}: per slot, 0 or 1 (a slot gets a request only when idle); {@code pending}: queued here. */
    public record Loads(List<Integer> outstanding, int pending) implements LorasimMessage {
        public Loads {
            outstanding = List.copyOf(outstanding);
        }
    }

    /** {@code observer} hears the {@link TrainerSlot.Event}s of every slot. */
    public record Subscribe(ActorRef<TrainerSlot.Event> observer) implements Command {
    }

    private record SlotEvent(TrainerSlot.Event event) implements Command, NoSerializationVerificationNeeded {
    }

    private final List<ActorRef<TrainerSlot.Command>> slots = new ArrayList<>();
    private final int[] outstanding;
    private final ArrayDeque<TrainerSlot.Train> pending = new ArrayDeque<>();

    /** {@code settings.count()} slots over {@code base} (shared, read-only; the caller owns it). */
    public static Behavior<Command> create(TrainerSlotsSettings settings, BaseModel base) {
        return create(settings, base, TrainingHook.NONE);
    }

    /** As {@link #create(TrainerSlotsSettings, BaseModel)}, with {@code hook} given to every slot. */
    public static Behavior<Command> create(TrainerSlotsSettings settings, BaseModel base, TrainingHook hook) {
        Objects.requireNonNull(base, "base model");
        return create(settings, SlotTrainer.Factory.of(base), hook);
    }

    /** {@code settings.count()} slots, each training with its own trainer from {@code trainers}. */
    public static Behavior<Command> create(TrainerSlotsSettings settings, SlotTrainer.Factory trainers, TrainingHook hook) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(trainers, "trainers");
        return create(java.util.Collections.nCopies(settings.count(), trainers), hook);
    }

    /**
     * One slot per entry of {@code perSlot}, slot {@code i} training with its own trainer from {@code perSlot.get(i)}
     * (a cluster's trainer node: one factory per device, {@link DeviceSlotTrainer#on}).
     */
    public static Behavior<Command> create(List<SlotTrainer.Factory> perSlot, TrainingHook hook) {
        Checks.require(perSlot != null && !perSlot.isEmpty(), "at least one trainer slot is needed");
        perSlot.forEach(f -> Objects.requireNonNull(f, "a slot's trainers"));
        Objects.requireNonNull(hook, "hook");
        List<SlotTrainer.Factory> factories = List.copyOf(perSlot);
        return Behaviors.setup(context -> new TrainerSlots(context, factories, hook));
    }

    /** The slots of {@code lorasim.trainer-slots} over the JVM's {@link SharedBaseModel}. */
    public static Behavior<Command> fromConfig() {
        return Behaviors.setup(context -> new TrainerSlots(context, java.util.Collections.nCopies(
                TrainerSlotsSettings.from(context.getSystem().settings().config()).count(),
                SlotTrainer.Factory.of(SharedBaseModel.get())), TrainingHook.NONE));
    }

    private TrainerSlots(ActorContext<Command> context, List<SlotTrainer.Factory> perSlot, TrainingHook hook) {
        super(context);
        this.outstanding = new int[perSlot.size()];
        ActorRef<TrainerSlot.Event> events = context.messageAdapter(TrainerSlot.Event.class, SlotEvent::new);
        for (int i = 0; i < perSlot.size(); i++) {
            ActorRef<TrainerSlot.Command> slot = context.spawn(TrainerSlot.create(i, perSlot.get(i), hook), "slot-" + i);
            slot.tell(new TrainerSlot.Subscribe(events));
            slots.add(slot);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TrainerSlot.Train.class, this::onTrain)
                .onMessage(SlotEvent.class, this::onSlotEvent)
                .onMessage(GetLoads.class, get -> {
                    List<Integer> loads = new ArrayList<>(outstanding.length);
                    for (int n : outstanding) {
                        loads.add(n);
                    }
                    get.replyTo().tell(new Loads(loads, pending.size()));
                    return this;
                })
                .onMessage(Subscribe.class, s -> {
                    slots.forEach(slot -> slot.tell(new TrainerSlot.Subscribe(s.observer())));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onTrain(TrainerSlot.Train train) {
        int idle = firstIdle();
        if (idle < 0) {
            pending.addLast(train);
        } else {
            send(idle, train);
        }
        return this;
    }

    private void send(int slot, TrainerSlot.Train train) {
        outstanding[slot]++;
        slots.get(slot).tell(train);
    }

    private Behavior<Command> onSlotEvent(SlotEvent wrapped) {
        if (wrapped.event() instanceof TrainerSlot.Finished finished) {
            Checks.require(outstanding[finished.slot()] > 0, "slot " + finished.slot() + " finished more than it got");
            outstanding[finished.slot()]--;
            if (!pending.isEmpty()) {
                send(finished.slot(), pending.removeFirst());
            }
        }
        return this;
    }

    private int firstIdle() {
        for (int i = 0; i < outstanding.length; i++) {
            if (outstanding[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
