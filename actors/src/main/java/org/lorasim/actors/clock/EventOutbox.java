package org.lorasim.actors.clock;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A participant's side of the clock: its sender id, its running counter, and the events it scheduled
 * since its last acknowledgement. Each participant keeps one for its whole life (the counter must never
 * restart), schedules through it while handling a {@link Clock.Delivered}, and answers with
 * {@link #handled(Clock.Delivered)}.
 *
 * <p>The counter advances in the order the participant schedules, and a participant handles its
 * deliveries in the clock's order, so the keys it hands out are the same in every run.
 *
 * <p>Not thread-safe and not a message: it lives inside one actor.
 */
public final class EventOutbox {
    private final long senderId;
    private long counter;
    private final List<ScheduledEvent> scheduled = new ArrayList<>();

    /** An outbox for the participant with this stable id, counting from 0. */
    public EventOutbox(long senderId) {
        this(senderId, 0);
    }

    /**
     * An outbox whose counter starts at {@code firstCounter}, for a participant whose first events were
     * scheduled before it existed, under its id, by another outbox that counted up to there.
     */
    public EventOutbox(long senderId, long firstCounter) {
        this.senderId = senderId;
        this.counter = firstCounter;
    }

    public long senderId() {
        return senderId;
    }

    /** The counter the next event will get. */
    public long nextCounter() {
        return counter;
    }

    /**
     * Schedules "deliver {@code message} to {@code target} at {@code time}" and returns its key. A wake-up
     * ("wake me at {@code time} with this token") is a delivery to the participant's own ref.
     */
    public EventKey deliver(long time, ActorRef<Clock.Delivered> target, Object message) {
        EventKey key = nextKey(time);
        scheduled.add(ScheduledEvent.delivery(key, target, message));
        return key;
    }

    /**
     * Schedules the completion of eager work at {@code time} and returns the key that the work must
     * report its result under ({@link Clock.WorkCompleted}). Start the work right after this call.
     */
    public EventKey completionAt(long time, ActorRef<Clock.Delivered> target) {
        EventKey key = nextKey(time);
        scheduled.add(ScheduledEvent.completion(key, target));
        return key;
    }

    /** Whether nothing was scheduled since the last drain. */
    public boolean isEmpty() {
        return scheduled.isEmpty();
    }

    /** The events scheduled since the last drain, in scheduling order; the outbox is empty afterwards. */
    public List<ScheduledEvent> drain() {
        List<ScheduledEvent> events = List.copyOf(scheduled);
        scheduled.clear();
        return events;
    }

    /** The acknowledgement of {@code delivery}, carrying every event scheduled since the last drain. */
    public Clock.Handled handled(Clock.Delivered delivery) {
        return new Clock.Handled(delivery.deliveryId(), drain());
    }

    /**
     * The events scheduled since the last drain as a {@link Clock.Schedule}, for events scheduled outside
     * a delivery, such as a scenario's opening events before {@link Clock.Run}.
     */
    public Clock.Schedule toSchedule() {
        return new Clock.Schedule(drain());
    }

    private EventKey nextKey(long time) {
        return new EventKey(time, senderId, counter++);
    }
}
