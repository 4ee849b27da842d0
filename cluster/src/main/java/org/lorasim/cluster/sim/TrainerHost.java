package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import java.util.List;
import org.lorasim.actors.trainer.SharedBaseModel;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainerSlotsSettings;
import org.lorasim.actors.trainer.TrainingHook;
import org.lorasim.cluster.node.SlotDevice;
import org.lorasim.training.train.SlotTrainer;

/**
 * A {@code trainer} node's trainer slots, found by clients through the Receptionist under {@link #KEY}: one slot
 * per entry of {@code lorasim.cluster.trainer.devices} ({@link TrainerDevices}). The slots and the JVM's one base
 * model are created at the first request, so a node whose runs are all system-only never loads the model, and a
 * clients-only node (no TrainerHost) never does. Their events feed the node's {@link SlotUse} (for
 * {@link NodeReporter}).
 *
 * <p>Placement: every slot trains on DJL's default device (the CPU with the default natives; with {@code -Pcuda}
 * on a GPU machine, PyTorch's first GPU). The device an entry names is checked at the node's start (a GPU the
 * machine lacks refuses it) but not yet passed to the slot's trainer: the training module's {@code Trainer} takes
 * no device (docs/cluster.md, "A GPU trainer node").
 */
public final class TrainerHost {

    public static final ServiceKey<TrainerSlots.Command> KEY =
            ServiceKey.create(TrainerSlots.Command.class, "lorasim-trainer-slots");

    private TrainerHost() {
    }

    /** The slot count this node's configuration gives: one per device. */
    static int slotCount(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return TrainerDevices.of(system.settings().config()).size();
    }

    public static Behavior<TrainerSlots.Command> create() {
        return Behaviors.setup(context -> create(TrainerDevices.of(context.getSystem().settings().config()),
                new SlotUse(slotCount(context.getSystem()))));
    }

    /** One slot per entry of {@code devices}, whose use is recorded into {@code use}. */
    static Behavior<TrainerSlots.Command> create(List<SlotDevice> devices, SlotUse use) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            ActorRef<TrainerSlots.Command>[] slots = new ActorRef[1];
            return Behaviors.receive(TrainerSlots.Command.class).onAnyMessage(command -> {
                if (slots[0] == null) {
                    slots[0] = context.spawn(TrainerSlots.create(new TrainerSlotsSettings(devices.size()),
                            SlotTrainer.Factory.of(SharedBaseModel.get()), TrainingHook.NONE), "slots");
                    slots[0].tell(new TrainerSlots.Subscribe(context.spawn(SlotUse.observer(use), "slot-use")));
                }
                slots[0].tell(command);
                return Behaviors.same();
            }).build();
        });
    }
}
