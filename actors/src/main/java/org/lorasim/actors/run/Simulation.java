package org.lorasim.actors.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.client.CostModelTraining;
import org.lorasim.actors.client.SlotTraining;
import org.lorasim.actors.client.TrainingDurations;
import org.lorasim.actors.client.TrainingJournal;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.systemonly.SyntheticLossCurve;
import org.lorasim.actors.trainer.SharedBaseModel;
import org.lorasim.actors.trainer.SharedDecoderBase;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainingHook;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterDigest;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.eval.Evaluation;
import org.lorasim.training.eval.Evaluator;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.Trainer;
import org.lorasim.training.llama.CausalLmTrainer;

/**
 * Runs one scenario end to end in this JVM: reads and checks its {@link RunSettings}, prepares the data, the
 * starting adapter and the trainer (real DJL training on trainer slots, or the FAKE cost model of a
 * system-only run), builds the actor graph in a fresh actor system, runs the virtual clock until nothing is
 * left to do, and returns the {@link RunSummary}. Records and events reach the {@link RunListener} as the run
 * goes. A run always ends: a failed clock (a participant that stopped answering, a result that never came)
 * or a run whose aggregator never finished (it crashed for good) ends with a summary whose outcome says why.
 */
public final class Simulation {

    private Simulation() {
    }

    /**
     * Checks every setting of {@code config} that the runtime reads, and builds what the run would build from
     * them alone ({@link RunPreflight}), before anything runs; for a trained run also the data
     * ({@link DatasetCatalog#check}: files there, columns present, two classes or more) and, for a data set
     * read from files, that every client gets training examples.
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings
     */
    public static void validate(Config config) {
        RunSettings settings = RunSettings.from(config);
        RunPreflight.check(settings);
        if (!settings.synthetic()) {
            if (settings.model().decoder()) {
                DecoderSetup.check(settings);
            }
            DatasetCatalog.check(config).ifPresent(dataset -> RunData.of(settings, dataset));
        }
    }

    /**
     * Runs the scenario {@code config} (the user's file over {@code application.conf} and the
     * {@code reference.conf}s), reporting to {@code listener}. {@code checkpointDir} (or null for none) holds
     * the run's {@link TrainingJournal}: every training outcome as it finishes. Given a directory that already
     * holds one, the run resumes: it replays from round 0 without training again what the journal has, and
     * ends with exactly the final metrics of an uninterrupted run.
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir) {
        return run(config, listener, checkpointDir, TrainingHook.NONE);
    }

    /**
     * As {@link #run(Config, RunListener, Path)}, with {@code hook} called on the trainer slots' worker threads
     * around every real training (a system-only run has no slots and never calls it): the seam through which
     * benchmarks and profilers measure how long the slots were busy. The hook observes only; the run's
     * records do not depend on it.
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir, TrainingHook hook) {
        return run(config, listener, checkpointDir, hook, LiveRun.Attach.NONE);
    }

    /**
     * As {@link #run(Config, RunListener, Path, TrainingHook)}, handing {@code attach} a {@link LiveRun} (on the
     * calling thread, once the graph is built and before simulated time starts) through which a dashboard
     * pauses, steps and acts on the run.
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir, TrainingHook hook,
                                 LiveRun.Attach attach) {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(attach, "attach");
        RunSettings settings = RunSettings.from(config);
        RunPreflight.check(settings);
        if (settings.synthetic()) {
            return runSynthetic(settings, listener, attach);
        }
        return settings.model().decoder() ? runDecoder(settings, listener, checkpointDir, hook, attach)
                : runTrained(settings, listener, checkpointDir, hook, attach);
    }

    private static RunSummary runSynthetic(RunSettings s, RunListener listener, LiveRun.Attach attach) {
        MiniLmConfig model = MiniLmConfig.allMiniLmL6V2();
        Adapter initial = InitialAdapters.synthetic(model, s.model(), 2,
                new RngStreams(s.seed()).seed("adapter-init", 0));
        CostModelTrainer costModel = new CostModelTrainer(model, s.seed(), s.training().syntheticStepSize(),
                SyntheticLossCurve.DEFAULT);
        TrainingDurations durations = new TrainingDurations(costModel, s.training().batchSize(),
                s.training().maxLength());
        int[] examples = new int[s.clients().count()];
        Arrays.fill(examples, s.data().syntheticExamplesPerClient());
        listener.split(ClientSplit.synthetic(s));
        listener.initial(RoundRecord.before(ModelEvaluator.Quality.NOT_EVALUATED, AdapterDigest.of(initial), true));
        return execute(s, listener, attach, ModelEvaluator.NONE, Double.NaN, (context, clock) -> new RunParts(
                s, initial, List.of(), examples, new CostModelTraining(costModel, durations), Map.of(),
                FedPipeSetup.Base.MINILM));
    }

    private static RunSummary runTrained(RunSettings s, RunListener listener, Path checkpointDir,
                                         TrainingHook hook, LiveRun.Attach attach) {
        RunData data = RunData.load(s);
        listener.heldOut(data.heldOutDescription());
        BaseModel base = SharedBaseModel.get();
        Adapter initial;
        try (Trainer trainer = new Trainer(base)) {
            initial = trainer.initialAdapter(InitialAdapters.spec(s.model()), data.classes(),
                    new RngStreams(s.seed()).seed("adapter-init", 0));
        }
        Map<String, Double> importance = s.algorithm().equals("fedpipe")
                ? ImportanceSample.score(s, base, initial, data) : Map.of();
        RunSettings.Training t = s.training();
        try (Evaluator evaluator = new Evaluator(base)) {
            ModelEvaluator quality = adapter -> {
                Evaluation e = evaluator.evaluate(adapter, data.heldOut(), 64, t.maxLength(), s.model().basePrecision());
                return new ModelEvaluator.Quality(e.accuracy(), e.macroF1());
            };
            ModelEvaluator.Quality before = quality.quality(initial);
            listener.split(ClientSplit.of(s, data));
            listener.initial(RoundRecord.before(before, AdapterDigest.of(initial), false));
            listener.references(ReferenceLevels.of(s, data, base, ReferenceLevels.defaultCache()));
            TrainingDurations durations = new TrainingDurations(new CostModelTrainer(MiniLmConfig.allMiniLmL6V2(),
                    s.seed(), 0, SyntheticLossCurve.DEFAULT), t.batchSize(), t.maxLength());
            return execute(s, listener, attach, quality, before.accuracy(), slotParts(s, checkpointDir, initial, data,
                    importance, SlotTrainer.Factory.of(base), FedPipeSetup.Base.MINILM, durations, hook));
        }
    }

    /**
     * A decoder's run ({@code lorasim.model.kind = decoder}): the same graph and trainer slots, whose trainers
     * are {@link org.lorasim.training.llama.DecoderTrainer}s over the JVM's one copy of the checkpoint
     * ({@link SharedDecoderBase}); the model is evaluated by held-out perplexity, with sampled generations
     * ({@link DecoderSetup}). There are no classifier references; FedPipe scores every matrix 1 (the importance
     * scorer is the encoder's) and plans with fp32 bases.
     */
    private static RunSummary runDecoder(RunSettings s, RunListener listener, Path checkpointDir, TrainingHook hook,
                                         LiveRun.Attach attach) {
        DecoderSetup.check(s);
        RunData data = RunData.load(s);
        listener.heldOut(data.heldOutDescription());
        SharedDecoderBase.Loaded loaded = SharedDecoderBase.get(DecoderSetup.checkpoint(s));
        Adapter initial;
        try (CausalLmTrainer trainer = new CausalLmTrainer(loaded.base())) {
            initial = trainer.initialAdapter(InitialAdapters.spec(s.model()), new RngStreams(s.seed()).seed("adapter-init", 0));
        }
        ModelEvaluator quality = DecoderSetup.evaluator(s, loaded, data);
        ModelEvaluator.Quality before = quality.quality(initial);
        listener.split(ClientSplit.of(s, data));
        listener.initial(RoundRecord.before(before, AdapterDigest.of(initial), false));
        listener.generations(RoundRecord.BEFORE, quality.generations(initial));
        long frozen = loaded.base().config().parameterCount();
        TrainingDurations durations = TrainingDurations.decoder(frozen, s.training().batchSize(), s.training().maxLength());
        return execute(s, listener, attach, quality, before.accuracy(), slotParts(s, checkpointDir, initial, data, Map.of(),
                loaded.trainers(), new FedPipeSetup.Base(frozen, false), durations, hook));
    }

    /** The parts of a trained run: trainer slots over {@code trainers}, with the run's journal when there is one. */
    private static PartsMaker slotParts(RunSettings s, Path checkpointDir, Adapter initial, RunData data,
                                        Map<String, Double> importance, SlotTrainer.Factory trainers,
                                        FedPipeSetup.Base base, TrainingDurations durations, TrainingHook hook) {
        int[] examples = data.shards().stream().mapToInt(List::size).toArray();
        RunSettings.Training t = s.training();
        OptimizerSettings optimizer = (t.optimizer().equals("adamw") ? OptimizerSettings.adamW(t.learningRate(),
                t.weightDecay()) : OptimizerSettings.sgd(t.learningRate(), 0.9).withWeightDecay(t.weightDecay()));
        SlotTraining.Options options = new SlotTraining.Options(t.batchSize(), t.maxLength(), optimizer, t.loraDropout());
        return (context, clock) -> {
            ActorRef<TrainerSlots.Command> slots = context.spawn(TrainerSlots.create(s.slots(), trainers, hook), "slots");
            TrainingJournal journal = checkpointDir == null ? null
                    : TrainingJournal.open(checkpointDir.resolve("training"), context.getSystem());
            ActorRef<Clock.Command> reports = journal == null ? clock
                    : context.spawn(journal.clockProxy(clock), "training-journal");
            return new RunParts(s, initial, data.shards(), examples,
                    new SlotTraining(slots, reports, options, durations, s.seed(), journal), importance, base);
        };
    }

    /** Makes the parts that need the actor system (trainer slots) once the clock exists. */
    private interface PartsMaker {
        RunParts make(ActorContext<?> context, ActorRef<Clock.Command> clock);
    }

    private record Started(ActorRef<Clock.Command> clock, BuiltGraph built, ActorRef<Object> recorder) {
    }

    private static RunSummary execute(RunSettings s, RunListener listener, LiveRun.Attach attach, ModelEvaluator evaluator,
                                      double initialAccuracy, PartsMaker maker) {
        CompletableFuture<Started> started = new CompletableFuture<>();
        CompletableFuture<Clock.RunOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<RunSummary> summary = new CompletableFuture<>();
        RunRecorder.Info info = new RunRecorder.Info(s.variant(), s.algorithm(), s.rounds(), s.synthetic(),
                initialAccuracy);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
            try {
                ActorRef<Clock.Command> clock = context.spawn(Clock.create(ClockSettings.from(s.config())), "clock");
                boolean gossip = s.variant().equals("decentralized");
                ActorRef<Object> recorder = context.spawn(gossip
                        ? GossipRecorder.create(info, s.clients().count(), evaluator, listener, summary)
                        : RunRecorder.create(info, s.clients().count(), evaluator, listener, summary), "recorder", DispatcherSelector.blocking());
                if (gossip) {
                    clock.tell(new Clock.Subscribe(recorder.narrow()));
                }
                RunParts parts = maker.make(context, clock);
                started.complete(new Started(clock, gossip ? DecentralizedSimulation.build(context, parts, recorder)
                        : CentralizedSimulation.build(context, parts, recorder), recorder));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
            return Behaviors.empty();
        }), "lorasim", s.config());
        try {
            Started run = await(started);
            ActorRef<Clock.RunOutcome> outcomes = system.systemActorOf(Behaviors.receive(Clock.RunOutcome.class)
                    .onAnyMessage(o -> {
                        outcome.complete(o);
                        return Behaviors.same();
                    }).build(), "run-outcome", org.apache.pekko.actor.typed.Props.empty());
            listener.graph(run.built().graph());
            attach.attached(new LiveRun(system, run.clock(), run.built().scenario(), run.built().graph()));
            run.built().opening().forEach(run.clock()::tell);
            run.clock().tell(new Clock.Run(outcomes));
            Clock.RunOutcome end = await(outcome);
            if (end instanceof Clock.RunFailed failed) {
                run.recorder().tell(new RunRecorder.Finish("failed: " + failed.reason()));
            } else {
                run.recorder().tell(new RunRecorder.Finish(null));
            }
            return await(summary);
        } finally {
            system.terminate();
            await(system.getWhenTerminated().toCompletableFuture());
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the run was going on", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
