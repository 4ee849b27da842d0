package org.lorasim.actors.clock;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * An actor that takes part in the virtual clock and nothing else: it handles each {@link Clock.Delivered}'s
 * messages in the clock's order at the delivery's time, scheduling through its {@link EventOutbox}, then
 * acknowledges with the events it scheduled. Subclasses say only how one message is handled.
 */
public abstract class ClockParticipant extends AbstractBehavior<Clock.Delivered> {
    protected final EventOutbox outbox;

    protected ClockParticipant(ActorContext<Clock.Delivered> context, EventOutbox outbox) {
        super(context);
        this.outbox = outbox;
    }

    /** Handles one message delivered at simulated time {@code now}. */
    protected abstract void handle(long now, Object message);

    @Override
    public final Receive<Clock.Delivered> createReceive() {
        return newReceiveBuilder().onMessage(Clock.Delivered.class, this::onDelivered).build();
    }

    private Behavior<Clock.Delivered> onDelivered(Clock.Delivered delivered) {
        for (Object message : delivered.messages()) {
            handle(delivered.time(), message);
        }
        delivered.replyTo().tell(outbox.handled(delivered));
        return this;
    }
}
