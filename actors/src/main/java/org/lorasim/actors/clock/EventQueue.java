package org.lorasim.actors.clock;

import java.util.Collection;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The pure core of the virtual clock: a priority queue of events in the total order of {@link EventKey}
 * (time, then sender id, then sender counter) and the current simulated time. No actors, no threads, no
 * wall time; the {@link Clock} actor wraps it.
 *
 * <p>Time moves in steps. {@link #pollDue} takes every event of the current time, in key order (one
 * "wave"); events added afterwards for the same time form the next wave of that time. {@link #advance}
 * moves to the earliest later time once nothing is due now. Time never goes back: adding an event before
 * {@link #now()} fails with a message naming the sender and both times.
 *
 * <p>The order never depends on the order of {@link #add} calls, with one exception that is an error:
 * two events with the same key in the queue at once. They come out side by side, and {@link #pollDue}
 * rejects them.
 *
 * <p>Not thread-safe: one owner (the clock actor) uses it.
 *
 * @param <E> the event type; its key decides the order
 */
public final class EventQueue<E extends EventQueue.Keyed> {

    /** Anything with a place in the clock's order. */
    public interface Keyed {
        EventKey key();
    }

    private static final Comparator<Keyed> ORDER = (a, b) -> a.key().compareTo(b.key());

    private final PriorityQueue<E> heap = new PriorityQueue<>(ORDER);
    private long now;

    /** A queue at time {@link SimTime#ZERO}. */
    public EventQueue() {
        this(SimTime.ZERO);
    }

    public EventQueue(long startTime) {
        if (startTime < 0) {
            throw new IllegalArgumentException("startTime must be >= 0, got " + startTime);
        }
        this.now = startTime;
    }

    /** The current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    public int size() {
        return heap.size();
    }

    public boolean isEmpty() {
        return heap.isEmpty();
    }

    /**
     * Adds one event, at the current time or later.
     *
     * @throws IllegalArgumentException if the event's time is before {@link #now()}; the message names
     *                                  the sender, its counter, the event's time and the current time
     */
    public void add(E event) {
        EventKey key = event.key();
        if (key.time() < now) {
            throw new IllegalArgumentException("sender " + key.senderId() + " scheduled an event (counter "
                    + key.senderCounter() + ") for " + SimTime.format(key.time())
                    + ", before the current time " + SimTime.format(now)
                    + ": simulated time cannot go back");
        }
        heap.add(event);
    }

    /** Adds each event in turn; on the first one in the past, those before it stay added. */
    public void addAll(Collection<? extends E> events) {
        for (E event : events) {
            add(event);
        }
    }

    /** Whether an event of the current time is waiting. */
    public boolean hasDueNow() {
        E head = heap.peek();
        return head != null && head.key().time() == now;
    }

    /**
     * The earliest time in the queue.
     *
     * @throws IllegalStateException if the queue is empty
     */
    public long nextTime() {
        E head = heap.peek();
        if (head == null) {
            throw new IllegalStateException("the event queue is empty at " + SimTime.format(now));
        }
        return head.key().time();
    }

    /**
     * Moves the current time to the earliest queued event's time and returns it.
     *
     * @throws IllegalStateException if the queue is empty or events of the current time are still waiting
     */
    public long advance() {
        if (hasDueNow()) {
            throw new IllegalStateException(heap.size() + " event(s) still due at " + SimTime.format(now)
                    + ": poll them before advancing");
        }
        now = nextTime();
        return now;
    }

    /**
     * Removes every event of the current time and appends it to {@code sink} in key order.
     *
     * @return how many events were moved
     * @throws IllegalArgumentException if two of them have the same key (a sender reused a counter)
     */
    public int pollDue(Collection<? super E> sink) {
        int moved = 0;
        EventKey previous = null;
        while (hasDueNow()) {
            E event = heap.poll();
            EventKey key = event.key();
            if (key.equals(previous)) {
                throw new IllegalArgumentException("sender " + key.senderId() + " used counter "
                        + key.senderCounter() + " twice for " + SimTime.format(key.time())
                        + ": two events with one key cannot be ordered");
            }
            sink.add(event);
            previous = key;
            moved++;
        }
        return moved;
    }
}
