package org.lorasim.actors.gossip;

import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.client.TrainingJob;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.trainer.TrainerSlot;

/**
 * A hand-workable training: the outcome is the start adapter with 1 added to every value, loss
 * {@code round + 0.5}, delivered {@code 10^21 / flopsPerSecond} ns later (1 s at 10^12 FLOP/s).
 */
final class PlusOneTraining implements LocalTraining {
    static final double SPEED = 1e12;

    @Override
    public long start(TrainingJob job, long now, EventOutbox outbox, ActorRef<Clock.Delivered> target) {
        float[] flat = job.start().flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] += 1;
        }
        long end = now + (long) Math.ceil(1e21 / job.flopsPerSecond());
        outbox.deliver(end, target, new TrainerSlot.Trained(job.clientId(), job.start().withFlat(flat),
                job.round() + 0.5, 1, 1_000_000_000_000L, 0));
        return end;
    }

    @Override
    public boolean synthetic() {
        return false;
    }
}
