package org.lorasim.actors.client;

import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.policies.adapter.AdapterDigest;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.train.ModelRef;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingRequest;

/**
 * Real local training: the job becomes a DJL {@link TrainingRequest} (the node's shard, the run's optimiser,
 * batch size, maximum length and LoRA dropout, seed {@code RngStreams(runSeed).stream("train", client,
 * round)}), its completion event is scheduled at {@code now +} {@link TrainingDurations#nanos}, and the
 * request goes at once to the {@link TrainerSlots} pool, whose slot reports the outcome to the clock under
 * that event's key. A request the trainer cannot accept (e.g. an adapter that does not fit the model) is
 * delivered as a {@link TrainerSlot.TrainingFailed} at {@code now}.
 */
public final class SlotTraining implements LocalTraining {

    /**
     * The run-wide optimisation settings of local training, and the base every request names ({@code model}: what
     * a cluster's trainer node loads for it).
     */
    public record Options(int batchSize, int maxLength, OptimizerSettings optimizer, double loraDropout,
                          ModelRef model) {
        public Options {
            Objects.requireNonNull(optimizer, "optimizer");
            Objects.requireNonNull(model, "model");
        }

        /** For the encoder. */
        public Options(int batchSize, int maxLength, OptimizerSettings optimizer, double loraDropout) {
            this(batchSize, maxLength, optimizer, loraDropout, ModelRef.ENCODER);
        }
    }

    private final ActorRef<TrainerSlots.Command> slots;
    private final ActorRef<Clock.Command> clock;
    private final Options options;
    private final TrainingDurations durations;
    private final RngStreams streams;
    private final TrainingJournal journal;

    public SlotTraining(ActorRef<TrainerSlots.Command> slots, ActorRef<Clock.Command> clock, Options options,
                        TrainingDurations durations, long runSeed) {
        this(slots, clock, options, durations, runSeed, null);
    }

    /**
     * With a {@link TrainingJournal}: a job found in it is not trained again (its outcome is delivered at the
     * same simulated time and under the same event key as the training's completion would be), and a job
     * trained is recorded; {@code clock} must then be the journal's {@link TrainingJournal#clockProxy}.
     */
    public SlotTraining(ActorRef<TrainerSlots.Command> slots, ActorRef<Clock.Command> clock, Options options,
                        TrainingDurations durations, long runSeed, TrainingJournal journal) {
        this.journal = journal;
        this.slots = Objects.requireNonNull(slots, "slots");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.durations = Objects.requireNonNull(durations, "durations");
        this.streams = new RngStreams(runSeed);
    }

    @Override
    public long start(TrainingJob job, long now, EventOutbox outbox, ActorRef<Clock.Delivered> target) {
        TrainingRequest request;
        try {
            request = TrainingRequest.builder(job.start(), job.shard()).steps(job.steps())
                    .batchSize(options.batchSize()).optimizer(options.optimizer()).proximal(job.proximalMu(), job.anchor())
                    .maxLength(options.maxLength()).loraDropout(options.loraDropout())
                    .basePrecision(job.basePrecision()).model(options.model())
                    .seed(streams.stream("train", job.clientId(), job.round()).nextLong()).build();
        } catch (RuntimeException e) {
            outbox.deliver(now, target, new TrainerSlot.TrainingFailed(job.clientId(),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return now;
        }
        long end = now + durations.nanos(job);
        String name = journal == null ? null : "c" + job.clientId() + "-r" + job.round() + "-" + digest(request);
        Optional<TrainerSlot.Trained> done = journal == null ? Optional.empty() : journal.find(name);
        if (done.isPresent()) {
            outbox.deliver(end, target, done.get());
            return end;
        }
        EventKey key = outbox.completionAt(end, target);
        if (journal != null) {
            journal.await(key, name);
        }
        slots.tell(new TrainerSlot.Train(job.clientId(), request, key, clock));
        return end;
    }

    /** What makes a request's outcome: its start adapter and the settings and seed it trains with. */
    private static String digest(TrainingRequest request) {
        String settings = request.steps() + "/" + request.batchSize() + "/" + request.maxLength() + "/"
                + request.basePrecision() + "/" + request.seed() + "/" + request.proximalMu() + "/" + request.optimizer();
        return AdapterDigest.of(request.adapter()) + "-"
                + Integer.toHexString(settings.hashCode());
    }

    @Override
    public boolean synthetic() {
        return false;
    }
}
