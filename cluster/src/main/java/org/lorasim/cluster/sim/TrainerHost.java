package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import java.util.List;
import java.util.function.Consumer;
import org.lorasim.actors.trainer.DeviceSlotTrainer;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainingHook;
import org.lorasim.cluster.node.SlotDevice;
import org.lorasim.training.train.ModelRef;
import org.lorasim.training.train.SlotTrainer;

/**
 * A {@code trainer} node's trainer slots, behind its {@link TrainerInbox} (which the clients nodes' routers find
 * through the Receptionist and which trains each request once, however often it is sent): one slot per entry of {@code lorasim.cluster.trainer.devices} ({@link TrainerDevices}). The slots are created at the first
 * request, and each slot's trainer loads a base at the first request that names it, so a node whose runs are all
 * system-only never loads a model, and a clients-only node (no TrainerHost) never does. Their events feed the node's
 * {@link SlotUse} (for {@link NodeReporter}).
 *
 * <p>Placement: slot {@code i} trains on the DJL device its entry names ({@link SlotDevice#djlDevice()}), with a
 * {@link DeviceSlotTrainer}: the base its request names (the encoder, or the decoder checkpoint of a
 * {@code lorasim.model.kind = decoder} run, {@code TrainingRequest.model()}) is loaded once per node and device
 * and shared by the slots on that device; the LoRA factors, batches and optimiser state of the slot's trainings
 * live on that device too, and outcomes come back as Java arrays (docs/cluster.md, "A GPU trainer node"). A trained
 * run loads its base ahead of its first training through the node's {@link BaseWarmer} ({@link #loader}).
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

    /** Loads a base on every distinct device of {@code devices} (blocking): what {@link BaseWarmer} runs. */
    static Consumer<ModelRef> loader(List<SlotDevice> devices) {
        List<ai.djl.Device> distinct = devices.stream().map(SlotDevice::djlDevice).distinct().toList();
        return model -> distinct.forEach(device -> DeviceSlotTrainer.loadBase(model, device));
    }

    /** Per slot, trainers on its device. */
    static List<SlotTrainer.Factory> factories(List<SlotDevice> devices) {
        return devices.stream().map(d -> DeviceSlotTrainer.on(d.djlDevice())).toList();
    }

    /** One slot per entry of {@code devices}, whose use is recorded into {@code use}. */
    static Behavior<TrainerSlots.Command> create(List<SlotDevice> devices, SlotUse use) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            ActorRef<TrainerSlots.Command>[] slots = new ActorRef[1];
            return Behaviors.receive(TrainerSlots.Command.class).onAnyMessage(command -> {
                if (slots[0] == null) {
                    slots[0] = context.spawn(TrainerSlots.create(factories(devices), TrainingHook.NONE), "slots");
                    slots[0].tell(new TrainerSlots.Subscribe(context.spawn(SlotUse.observer(use), "slot-use")));
                }
                slots[0].tell(command);
                return Behaviors.same();
            }).build();
        });
    }
}
