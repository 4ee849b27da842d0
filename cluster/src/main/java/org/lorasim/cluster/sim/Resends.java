package org.lorasim.cluster.sim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * A sender's side of the explicit acknowledgements of docs/cluster.md ("Payloads without loss"): the messages it
 * sent that are not answered yet, each with what to do to try again (send it again, or ask after it), and how
 * many tries it has had since the last sign of progress. A try is a <em>retransmission</em>, counted, while nothing
 * said the message arrived; once its receiver said it holds it ({@link #progress}: a training longer than
 * {@code retransmit-after}, a batch still being handled), a try is only a <em>check</em>, not counted, so a healthy
 * run with long trainings reports no retransmission; the sender's {@link Retry} is told which, to ask after a held
 * message rather than send it whole. {@link #tick} tries again each message whose answer is
 * {@link DeliverySettings#retransmitAfter() retransmit-after} late, and reports the first one whose
 * {@link DeliverySettings#maxRetransmissions() max-retransmissions} are spent, with a reason that names the message,
 * its node and both keys: the caller fails the run with it. Used by one actor, on its thread; wall time only, so
 * nothing the simulation decides depends on it.
 *
 * @param <K> what identifies a message (a batch's sequence number, a training's completion key)
 */
final class Resends<K> {

    /** Tries a message again. */
    @FunctionalInterface
    interface Retry {
        /**
         * Sends the message again or asks after it.
         *
         * @param held whether its receiver said it holds it (a check), or nothing said it arrived (a retransmission)
         */
        void again(boolean held);
    }

    private static final class Open {
        final String what;
        final String node;
        final Retry again;
        long lastNanos;
        int tries;
        boolean held;

        Open(String what, String node, Retry again, long lastNanos) {
            this.what = what;
            this.node = node;
            this.again = again;
            this.lastNanos = lastNanos;
        }
    }

    private final DeliverySettings settings;
    private final Runnable counted;
    private final Map<K, Open> open = new LinkedHashMap<>();

    /** @param counted called once per retransmission, not per check (the node's retransmission counter) */
    Resends(DeliverySettings settings, Runnable counted) {
        this.settings = settings;
        this.counted = counted;
    }

    /** {@code key}, described as {@code what}, was sent to {@code node} at {@code nowNanos}; {@code again} retries it. */
    void sent(K key, String what, String node, Retry again, long nowNanos) {
        open.put(key, new Open(what, node, again, nowNanos));
    }

    /** {@code key} is answered: no more tries. */
    void answered(K key) {
        open.remove(key);
    }

    /**
     * {@code key} arrived and is being worked on: its tries start again from 0, its wait from now, and its later tries
     * are checks.
     */
    void progress(K key, long nowNanos) {
        Open o = open.get(key);
        if (o != null) {
            o.tries = 0;
            o.lastNanos = nowNanos;
            o.held = true;
        }
    }

    /** Its try was answered by the receiver (e.g. "never got it, send it"): wait from now, tries unchanged. */
    void heard(K key, long nowNanos) {
        Open o = open.get(key);
        if (o != null) {
            o.lastNanos = nowNanos;
        }
    }

    boolean isOpen(K key) {
        return open.containsKey(key);
    }

    int size() {
        return open.size();
    }

    /** Forgets every message sent to a node {@code lost} accepts (its loss is handled otherwise). */
    void forgetNode(Predicate<String> lost) {
        open.values().removeIf(o -> lost.test(o.node));
    }

    /**
     * Tries again every message whose answer is late at {@code nowNanos}.
     *
     * @return the reason to fail the run, for the first message whose tries are spent; empty if none
     */
    Optional<String> tick(long nowNanos) {
        long after = settings.retransmitAfter().toNanos();
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (nowNanos - o.lastNanos < after) {
                continue;
            }
            if (o.tries >= settings.maxRetransmissions()) {
                it.remove();
                return Optional.of(o.what + " to node " + o.node + " got no answer after " + o.tries
                        + " retransmission(s), one every " + settings.retransmitAfter().toMillis() + " ms ("
                        + DeliverySettings.RETRANSMIT_AFTER + ", " + DeliverySettings.MAX_RETRANSMISSIONS + " = "
                        + settings.maxRetransmissions() + "): it or its answer was lost every time, or the node"
                        + " stopped answering. The run cannot go on without it; raise those keys if the node is"
                        + " only slow");
            }
            o.tries++;
            o.lastNanos = nowNanos;
            if (!o.held) {
                counted.run();
            }
            o.again.again(o.held);
        }
        return Optional.empty();
    }
}
