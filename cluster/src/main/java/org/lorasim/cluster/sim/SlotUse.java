package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.trainer.TrainerSlot;

/**
 * How a trainer node's slots are used, from their {@link TrainerSlot.Event}s: slots training now, trainings
 * finished, and wall time spent training (summed over slots; a training in progress counts up to now). Written by
 * the {@link #observer} on its actor's thread, read by the {@link NodeReporter} on another: every method is
 * synchronized. Wall time only, never the virtual clock: what it measures cannot change a run's results.
 */
final class SlotUse {
    private final int total;
    private final long[] startedAt;
    private long trainings;
    private long busyNanos;

    SlotUse(int total) {
        this.total = total;
        this.startedAt = new long[total];
    }

    int total() {
        return total;
    }

    synchronized void started(int slot, long nowNanos) {
        if (slot >= 0 && slot < total) {
            startedAt[slot] = nowNanos;
        }
    }

    synchronized void finished(int slot, long nowNanos) {
        if (slot >= 0 && slot < total && startedAt[slot] != 0) {
            busyNanos += nowNanos - startedAt[slot];
            startedAt[slot] = 0;
        }
        trainings++;
    }

    synchronized int busy() {
        int n = 0;
        for (long t : startedAt) {
            n += t != 0 ? 1 : 0;
        }
        return n;
    }

    synchronized long trainings() {
        return trainings;
    }

    synchronized long busyMillis(long nowNanos) {
        long nanos = busyNanos;
        for (long t : startedAt) {
            nanos += t != 0 ? nowNanos - t : 0;
        }
        return nanos / 1_000_000;
    }

    /** An actor that records the slot events it hears into {@code use}. */
    static Behavior<TrainerSlot.Event> observer(SlotUse use) {
        return Behaviors.receive(TrainerSlot.Event.class)
                .onMessage(TrainerSlot.Started.class, s -> {
                    use.started(s.slot(), System.nanoTime());
                    return Behaviors.same();
                })
                .onMessage(TrainerSlot.Finished.class, f -> {
                    use.finished(f.slot(), System.nanoTime());
                    return Behaviors.same();
                })
                .build();
    }
}
