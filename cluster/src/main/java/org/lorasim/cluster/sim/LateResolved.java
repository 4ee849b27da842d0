package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;

/**
 * Stands for an actor of this JVM that does not exist yet: forwards every delivery to the actor at {@code path},
 * resolved at the first one, and stops when that actor stops. Pekko resolves a path of another JVM to a remote ref
 * that finds its actor when a message arrives, but a path of this JVM to dead letters if nothing lives there yet; a
 * coordinator node that also hosts gossip nodes resolves the run's stand-ins and scenario runner before the
 * coordinator has spawned them ({@link GossipStandIns}), so it names them through this.
 */
final class LateResolved {

    private LateResolved() {
    }

    static Behavior<Clock.Delivered> create(String path) {
        return Behaviors.setup(context -> unresolved(ActorRefResolver.get(context.getSystem()), path));
    }

    private static Behavior<Clock.Delivered> unresolved(ActorRefResolver resolver, String path) {
        return Behaviors.setup(context -> Behaviors.receive(Clock.Delivered.class)
                .onMessage(Clock.Delivered.class, delivered -> {
                    ActorRef<Clock.Delivered> target = resolver.resolveActorRef(path);
                    context.watch(target);
                    target.tell(delivered);
                    return resolved(target);
                }).build());
    }

    private static Behavior<Clock.Delivered> resolved(ActorRef<Clock.Delivered> target) {
        return Behaviors.receive(Clock.Delivered.class)
                .onMessage(Clock.Delivered.class, delivered -> {
                    target.tell(delivered);
                    return Behaviors.same();
                })
                .onSignal(Terminated.class, t -> Behaviors.stopped())
                .build();
    }
}
