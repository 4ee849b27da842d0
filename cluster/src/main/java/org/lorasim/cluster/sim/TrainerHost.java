package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.lorasim.actors.trainer.TrainerSlots;

/**
 * A {@code trainer} node's trainer slots, found by clients through the Receptionist under {@link #KEY}. The
 * slots ({@code lorasim.trainer-slots} of the node's configuration) and the JVM's one base model are created
 * at the first request, so a node whose runs are all system-only never loads the model, and a clients-only
 * node (no TrainerHost) never does.
 */
public final class TrainerHost {

    public static final ServiceKey<TrainerSlots.Command> KEY =
            ServiceKey.create(TrainerSlots.Command.class, "lorasim-trainer-slots");

    private TrainerHost() {
    }

    public static Behavior<TrainerSlots.Command> create() {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            ActorRef<TrainerSlots.Command>[] slots = new ActorRef[1];
            return Behaviors.receive(TrainerSlots.Command.class).onAnyMessage(command -> {
                if (slots[0] == null) {
                    slots[0] = context.spawn(TrainerSlots.fromConfig(), "slots");
                }
                slots[0].tell(command);
                return Behaviors.same();
            }).build();
        });
    }
}
