package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainerSlotsSettings;

/**
 * A {@code trainer} node's trainer slots, found by clients through the Receptionist under {@link #KEY}. The
 * slots ({@code lorasim.trainer-slots} of the node's configuration) and the JVM's one base model are created
 * at the first request, so a node whose runs are all system-only never loads the model, and a clients-only
 * node (no TrainerHost) never does. Their events feed the node's {@link SlotUse} (for {@link NodeReporter}).
 */
public final class TrainerHost {

    public static final ServiceKey<TrainerSlots.Command> KEY =
            ServiceKey.create(TrainerSlots.Command.class, "lorasim-trainer-slots");

    private TrainerHost() {
    }

    /** The slot count this node's configuration gives. */
    static int slotCount(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return TrainerSlotsSettings.from(system.settings().config()).count();
    }

    public static Behavior<TrainerSlots.Command> create() {
        return Behaviors.setup(context -> create(new SlotUse(slotCount(context.getSystem()))));
    }

    /** Slots whose use is recorded into {@code use}. */
    static Behavior<TrainerSlots.Command> create(SlotUse use) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            ActorRef<TrainerSlots.Command>[] slots = new ActorRef[1];
            return Behaviors.receive(TrainerSlots.Command.class).onAnyMessage(command -> {
                if (slots[0] == null) {
                    slots[0] = context.spawn(TrainerSlots.fromConfig(), "slots");
                    slots[0].tell(new TrainerSlots.Subscribe(context.spawn(SlotUse.observer(use), "slot-use")));
                }
                slots[0].tell(command);
                return Behaviors.same();
            }).build();
        });
    }
}
