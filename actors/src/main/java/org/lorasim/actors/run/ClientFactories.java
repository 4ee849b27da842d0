package org.lorasim.actors.run;

import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.lorasim.actors.client.CostModelTraining;
import org.lorasim.actors.client.SlotTraining;
import org.lorasim.actors.client.TrainingDurations;
import org.lorasim.actors.client.TrainingJournal;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.SyntheticLossCurve;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.train.ModelRef;
import org.lorasim.training.train.OptimizerSettings;

/**
 * How a run's clients train and what they hold, derived from its settings alone: the single JVM
 * ({@link Simulation}) and every cluster node that hosts clients ({@link #forNode}) build them here, so that
 * a client built on another node is the client the single JVM would have built.
 */
public final class ClientFactories {

    private ClientFactories() {
    }

    /**
     * The clients of {@code s} as a node that hosts some of them builds them: the data shards (read from the
     * scenario's data set, never the base model), trained on {@code slots} (reporting to {@code clock}) for a
     * trained run or by the cost model of a system-only run ({@code slots} then unused, may be null).
     */
    public static ClientFactory forNode(RunSettings s, ActorSystem<?> system, ActorRef<TrainerSlots.Command> slots,
                                        ActorRef<Clock.Command> clock) {
        return forNode(s, system, slots, clock, null);
    }

    /**
     * As {@link #forNode(RunSettings, ActorSystem, ActorRef, ActorRef)}, a trained run's outcomes looked up in and
     * written to {@code journal} (null: none); {@code clock} must then be its {@link TrainingJournal#clockProxy}.
     */
    public static ClientFactory forNode(RunSettings s, ActorSystem<?> system, ActorRef<TrainerSlots.Command> slots,
                                        ActorRef<Clock.Command> clock, TrainingJournal journal) {
        if (s.synthetic()) {
            return new ClientFactory(s, List.of(), syntheticExamples(s), costModel(s),
                    ClientFactory.uploadOverheadBytes(system, s, syntheticInitial(s)));
        }
        RunData data = RunData.load(s);
        return new ClientFactory(s, data.shards(), examples(data),
                slotTraining(s, slots, clock, journal, durations(s)), ClientFactory.uploadOverheadBytes(system, s, null));
    }

    /**
     * The gossip nodes of a decentralized run {@code s} as a node that hosts some of them builds them: as
     * {@link #forNode}, every node starting from {@code initial} (the run's common adapter, made on the
     * coordinator), reporting to {@code recorder} and telling {@code roundListener} (the scenario runner) when it
     * begins an iteration.
     */
    public static GossipClientFactory gossipForNode(RunSettings s, ActorRef<TrainerSlots.Command> slots,
                                                    ActorRef<Clock.Command> clock, Adapter initial,
                                                    ActorRef<Object> recorder, ActorRef<Clock.Delivered> roundListener) {
        if (s.synthetic()) {
            return new GossipClientFactory(s, initial, List.of(), syntheticExamples(s), costModel(s), recorder,
                    roundListener);
        }
        RunData data = RunData.load(s);
        return new GossipClientFactory(s, initial, data.shards(), examples(data),
                slotTraining(s, slots, clock, null, durations(s)), recorder, roundListener);
    }

    /** The starting adapter of a system-only run (seed stream {@code adapter-init}). */
    static Adapter syntheticInitial(RunSettings s) {
        return InitialAdapters.synthetic(MiniLmConfig.allMiniLmL6V2(), s.model(), 2,
                new RngStreams(s.seed()).seed("adapter-init", 0));
    }

    /** A system-only run's clients hold {@code lorasim.data.synthetic-examples-per-client} examples each. */
    static int[] syntheticExamples(RunSettings s) {
        int[] examples = new int[s.clients().count()];
        Arrays.fill(examples, s.data().syntheticExamplesPerClient());
        return examples;
    }

    static int[] examples(RunData data) {
        return data.shards().stream().mapToInt(List::size).toArray();
    }

    /** The FAKE cost model of a system-only run. */
    static CostModelTraining costModel(RunSettings s) {
        MiniLmConfig model = MiniLmConfig.allMiniLmL6V2();
        CostModelTrainer costModel = new CostModelTrainer(model, s.seed(), s.training().syntheticStepSize(),
                SyntheticLossCurve.DEFAULT);
        return new CostModelTraining(costModel, new TrainingDurations(costModel, s.training().batchSize(),
                s.training().maxLength()));
    }

    /**
     * The simulated durations of real training: an encoder's (all-MiniLM-L6-v2) from its cost model's step times, a
     * decoder's as {@code 6 N} FLOPs per token ({@link TrainingDurations#decoder}) with {@code N} read from the
     * checkpoint's header or {@code config.json} alone (a {@code clients} node never loads the model).
     */
    static TrainingDurations durations(RunSettings s) {
        if (s.model().decoder()) {
            return TrainingDurations.decoder(DecoderSetup.checkpoint(s).config().parameterCount(),
                    s.training().batchSize(), s.training().maxLength());
        }
        return new TrainingDurations(new CostModelTrainer(MiniLmConfig.allMiniLmL6V2(), s.seed(), 0,
                SyntheticLossCurve.DEFAULT), s.training().batchSize(), s.training().maxLength());
    }

    /** The base {@code s} trains over, named in every training request (what a cluster's trainer node loads). */
    public static ModelRef model(RunSettings s) {
        return s.model().decoder() ? ModelRef.decoder(DecoderSetup.checkpoint(s)) : ModelRef.ENCODER;
    }

    /**
     * Real training on {@code slots}, reporting to {@code reports} (the clock, or a journal's proxy of it), its
     * simulated durations from {@code durations}.
     */
    static SlotTraining slotTraining(RunSettings s, ActorRef<TrainerSlots.Command> slots,
                                     ActorRef<Clock.Command> reports, TrainingJournal journal,
                                     TrainingDurations durations) {
        RunSettings.Training t = s.training();
        OptimizerSettings optimizer = (t.optimizer().equals("adamw") ? OptimizerSettings.adamW(t.learningRate(),
                t.weightDecay()) : OptimizerSettings.sgd(t.learningRate(), 0.9).withWeightDecay(t.weightDecay()));
        SlotTraining.Options options = new SlotTraining.Options(t.batchSize(), t.maxLength(), optimizer, t.loraDropout(),
                model(s));
        return new SlotTraining(slots, reports, options, durations, s.seed(), journal);
    }
}
