package org.lorasim.actors.clock;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link Clock}'s bookkeeping for one wave, the events of the current time taken together: which
 * eager-work results it still waits for, which participants still owe an acknowledgement, and the
 * results that came ahead of their completion events. One instance lives as long as its clock and is
 * reused wave after wave; only the clock's thread touches it.
 *
 * <p>Delivery ids count up from 0 over the clock's life, one per participant per wave, in the order of
 * the participants' first events in the wave: the same in every run.
 */
final class Wave {
    private final Map<EventKey, Object> earlyResults = new HashMap<>();
    private final Set<EventKey> awaited = new HashSet<>();
    private final List<ScheduledEvent> events = new ArrayList<>();
    private final List<ActorRef<Clock.Delivered>> targets = new ArrayList<>();
    private final BitSet acknowledged = new BitSet();
    private long firstDeliveryId;
    private long nextDeliveryId;
    private int unacknowledged;
    private long delivered;

    /** Whether the wave waits for results or acknowledgements. */
    boolean busy() {
        return unacknowledged > 0 || !awaited.isEmpty();
    }

    int unacknowledged() {
        return unacknowledged;
    }

    int awaitedResults() {
        return awaited.size();
    }

    /** Events delivered over the clock's life. */
    long delivered() {
        return delivered;
    }

    /**
     * Takes every event due now from {@code queue}.
     *
     * @return whether every result the wave needs is here, so that it can be delivered at once
     * @throws IllegalArgumentException if two due events share a key
     */
    boolean take(EventQueue<ScheduledEvent> queue) {
        queue.pollDue(events);
        for (ScheduledEvent event : events) {
            if (event.awaitsResult() && !earlyResults.containsKey(event.key())) {
                awaited.add(event.key());
            }
        }
        return awaited.isEmpty();
    }

    /**
     * Keeps the result of the work behind completion event {@code key}.
     *
     * @return whether it was the last result the taken wave waited for
     * @throws IllegalArgumentException if a result for {@code key} is already waiting
     */
    boolean resultArrived(EventKey key, Object result) {
        if (earlyResults.putIfAbsent(key, result) != null) {
            throw new IllegalArgumentException("two results for the work of completion event " + key);
        }
        return awaited.remove(key) && awaited.isEmpty() && !events.isEmpty();
    }

    /**
     * Sends each participant of the taken wave one {@link Clock.Delivered} with its messages in key order; the
     * deliveries to a target in {@code relays} go, in the same order and with the same ids, in one
     * {@link Clock.RelayedWave} per relay, told after every direct delivery.
     */
    void deliver(long time, ActorRef<Clock.Command> replyTo,
                 Map<ActorRef<Clock.Delivered>, ActorRef<Clock.RelayedWave>> relays) {
        Map<ActorRef<Clock.Delivered>, List<Object>> byTarget = new LinkedHashMap<>();
        for (ScheduledEvent event : events) {
            Object message = event.awaitsResult() ? earlyResults.remove(event.key()) : event.message();
            byTarget.computeIfAbsent(event.target(), target -> new ArrayList<>()).add(message);
        }
        delivered += events.size();
        events.clear();
        targets.clear();
        acknowledged.clear();
        firstDeliveryId = nextDeliveryId;
        Map<ActorRef<Clock.RelayedWave>, RelayedParts> relayed = new LinkedHashMap<>();
        for (Map.Entry<ActorRef<Clock.Delivered>, List<Object>> entry : byTarget.entrySet()) {
            ActorRef<Clock.Delivered> target = entry.getKey();
            targets.add(target);
            Clock.Delivered delivery = new Clock.Delivered(time, nextDeliveryId++, entry.getValue(), replyTo);
            ActorRef<Clock.RelayedWave> relay = relays.isEmpty() ? null : relays.get(target);
            if (relay == null) {
                target.tell(delivery);
            } else {
                RelayedParts parts = relayed.computeIfAbsent(relay, r -> new RelayedParts());
                parts.targets.add(target);
                parts.deliveries.add(delivery);
            }
        }
        relayed.forEach((relay, parts) -> relay.tell(new Clock.RelayedWave(parts.targets, parts.deliveries)));
        unacknowledged = targets.size();
    }

    /** One relay's share of a wave, collected before it is told. */
    private static final class RelayedParts {
        final List<ActorRef<Clock.Delivered>> targets = new ArrayList<>();
        final List<Clock.Delivered> deliveries = new ArrayList<>();
    }

    /**
     * Records the acknowledgement of {@code deliveryId}.
     *
     * @return the participant it was delivered to
     * @throws IllegalArgumentException if that delivery is not outstanding (stale or acknowledged twice)
     */
    ActorRef<Clock.Delivered> acknowledge(long deliveryId) {
        long index = deliveryId - firstDeliveryId;
        if (index < 0 || index >= targets.size() || acknowledged.get((int) index)) {
            throw new IllegalArgumentException("acknowledgement of delivery " + deliveryId
                    + ", which is not outstanding (a duplicate or stale Handled; outstanding: "
                    + silentParticipants() + ")");
        }
        acknowledged.set((int) index);
        unacknowledged--;
        return targets.get((int) index);
    }

    /** The participants that owe an acknowledgement, with their delivery ids. */
    List<String> silentParticipants() {
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!acknowledged.get(i)) {
                silent.add(targets.get(i).path() + " (delivery " + (firstDeliveryId + i) + ")");
            }
        }
        return silent;
    }

    /** The completion events whose results are missing, in key order. */
    String awaitedKeys() {
        return awaited.stream().sorted().map(EventKey::toString).collect(Collectors.joining(", "));
    }

    /** The results that no completion event has claimed (yet). */
    Set<EventKey> unclaimedResults() {
        return earlyResults.keySet();
    }
}
