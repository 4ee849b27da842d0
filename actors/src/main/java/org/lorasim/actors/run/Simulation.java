package org.lorasim.actors.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.client.CostModelTraining;
import org.lorasim.actors.client.SlotTraining;
import org.lorasim.actors.client.TrainingDurations;
import org.lorasim.actors.client.TrainingJournal;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.trainer.SharedBaseModel;
import org.lorasim.actors.trainer.SharedDecoderBase;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainingHook;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterDigest;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.eval.Evaluation;
import org.lorasim.training.eval.Evaluator;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.Trainer;

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
        return run(config, listener, checkpointDir, hook, Deployment.SINGLE_JVM, LiveRun.Attach.NONE);
    }

    /**
     * As {@link #run(Config, RunListener, Path, TrainingHook)}, handing {@code attach} a {@link LiveRun} (on the
     * calling thread, once the graph is built and before simulated time starts) through which a dashboard
     * pauses, steps and acts on the run.
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir, TrainingHook hook,
                                 LiveRun.Attach attach) {
        return run(config, listener, checkpointDir, hook, Deployment.SINGLE_JVM, attach);
    }

    /**
     * As {@link #run(Config, RunListener, Path, TrainingHook)}, with the run's actors where {@code deployment}
     * puts them: the cluster runtime hosts them on a coordinator node with the clients on other nodes:
     * centralized, pipeline and decentralized runs place their clients (a decentralized run's gossip nodes
     * with their links) elsewhere, with an encoder or a decoder (whose trainer nodes load the checkpoint each
     * training request names).
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir, TrainingHook hook,
                                 Deployment deployment) {
        return run(config, listener, checkpointDir, hook, deployment, LiveRun.Attach.NONE);
    }

    /**
     * As {@link #run(Config, RunListener, Path, TrainingHook, Deployment)}, handing {@code attach} a
     * {@link LiveRun} of the run (on the calling thread, once the graph is built and before simulated time
     * starts).
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings (also
     *                                              {@code lorasim.training.device} naming a GPU this JVM lacks)
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir, TrainingHook hook,
                                 Deployment deployment, LiveRun.Attach attach) {
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(attach, "attach");
        RunSettings settings = RunSettings.from(config);
        RunPreflight.check(settings);
        if (!settings.synthetic() && deployment.remoteClients().isEmpty()) {
            slotDevice(settings);
        }
        if (settings.synthetic()) {
            return runSynthetic(settings, listener, deployment, attach);
        }
        if (settings.model().decoder()) {
            return runDecoder(settings, listener, checkpointDir, hook, deployment, attach);
        }
        return runTrained(settings, listener, checkpointDir, hook, deployment, attach);
    }

    private static RunSummary runSynthetic(RunSettings s, RunListener listener, Deployment deployment,
                                           LiveRun.Attach attach) {
        Adapter initial = ClientFactories.syntheticInitial(s);
        int[] examples = ClientFactories.syntheticExamples(s);
        CostModelTraining training = ClientFactories.costModel(s);
        listener.split(ClientSplit.synthetic(s));
        listener.initial(RoundRecord.before(ModelEvaluator.Quality.NOT_EVALUATED, AdapterDigest.of(initial), true));
        return execute(s, listener, attach, ModelEvaluator.NONE, Double.NaN, deployment, (context, clock) -> {
            RunParts parts = new RunParts(s, initial, List.of(), examples, training, Map.of(), FedPipeSetup.Base.MINILM);
            return new Built(parts, deployment.remoteClients().orElseGet(() -> new ClientFactory(s, List.of(), examples,
                    training, ClientFactory.uploadOverheadBytes(context.getSystem(), s, initial)).placement()));
        });
    }

    private static RunSummary runTrained(RunSettings s, RunListener listener, Path checkpointDir,
                                         TrainingHook hook, Deployment deployment, LiveRun.Attach attach) {
        RunData data = RunData.load(s);
        listener.heldOut(data.heldOutDescription());
        BaseModel base = SharedBaseModel.get();
        Adapter initial;
        try (Trainer trainer = new Trainer(base)) {
            initial = trainer.initialAdapter(InitialAdapters.spec(s.model()), data.classes(),
                    new RngStreams(s.seed()).seed("adapter-init", 0));
        }
        int[] examples = ClientFactories.examples(data);
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
            if (deployment.remoteClients().isPresent()) {
                return execute(s, listener, attach, quality, before.accuracy(), deployment, (context, clock) ->
                        new Built(new RunParts(s, initial, data.shards(), examples, null, importance,
                                FedPipeSetup.Base.MINILM), deployment.remoteClients().get()));
            }
            return execute(s, listener, attach, quality, before.accuracy(), deployment, slotParts(s, checkpointDir,
                    initial, data, importance, SlotTrainer.Factory.of(SharedBaseModel.get(slotDevice(s))),
                    FedPipeSetup.Base.MINILM,
                    ClientFactories.durations(s), hook));
        }
    }

    /**
     * A decoder's run ({@code lorasim.model.kind = decoder}): the same graph and trainer slots, whose trainers
     * are {@link org.lorasim.training.llama.DecoderTrainer}s over the JVM's one copy of the checkpoint
     * ({@link SharedDecoderBase}); the model is evaluated by held-out perplexity, with sampled generations
     * ({@link DecoderSetup}). There are no classifier references; FedPipe plans from the decoder's importance
     * scores ({@link ImportanceSample#decoder}) with fp32 bases.
     */
    private static RunSummary runDecoder(RunSettings s, RunListener listener, Path checkpointDir, TrainingHook hook,
                                         Deployment deployment, LiveRun.Attach attach) {
        DecoderSetup.check(s);
        RunData data = RunData.load(s);
        listener.heldOut(data.heldOutDescription());
        SharedDecoderBase.Loaded loaded = SharedDecoderBase.get(DecoderSetup.checkpoint(s));
        Adapter initial = DecoderSetup.initialAdapter(s, loaded);
        ModelEvaluator quality = DecoderSetup.evaluator(s, loaded, data);
        ModelEvaluator.Quality before = quality.quality(initial);
        listener.split(ClientSplit.of(s, data));
        listener.initial(RoundRecord.before(before, AdapterDigest.of(initial), false));
        listener.generations(RoundRecord.BEFORE, quality.generations(initial));
        Map<String, Double> importance = s.algorithm().equals("fedpipe")
                ? ImportanceSample.decoder(s, loaded, initial, data) : Map.of();
        long frozen = loaded.base().config().parameterCount();
        TrainingDurations durations = TrainingDurations.decoder(frozen, s.training().batchSize(), s.training().maxLength());
        FedPipeSetup.Base fedPipeBase = new FedPipeSetup.Base(frozen, false);
        if (deployment.remoteClients().isPresent()) {
            return execute(s, listener, attach, quality, before.accuracy(), deployment, (context, clock) ->
                    new Built(new RunParts(s, initial, data.shards(), ClientFactories.examples(data), null, importance,
                            fedPipeBase), deployment.remoteClients().get()));
        }
        SlotTrainer.Factory trainers = SharedDecoderBase.get(DecoderSetup.checkpoint(s), slotDevice(s)).trainers();
        return execute(s, listener, attach, quality, before.accuracy(), deployment, slotParts(s, checkpointDir, initial,
                data, importance, trainers, fedPipeBase, durations, hook));
    }

    /** Where this JVM's trainer slots train ({@code lorasim.training.device}), checked to exist here. */
    private static ai.djl.Device slotDevice(RunSettings s) {
        return TrainingDeviceSetting.available(s.config(), org.lorasim.training.djl.TrainingDevices::gpuCount);
    }

    /**
     * The parts of a trained run in one JVM: trainer slots over {@code trainers}, with the run's journal when
     * there is one, and every client in the run's own actor system.
     */
    private static PartsMaker slotParts(RunSettings s, Path checkpointDir, Adapter initial, RunData data,
                                        Map<String, Double> importance, SlotTrainer.Factory trainers,
                                        FedPipeSetup.Base base, TrainingDurations durations, TrainingHook hook) {
        int[] examples = ClientFactories.examples(data);
        return (context, clock) -> {
            ActorRef<TrainerSlots.Command> slots = context.spawn(TrainerSlots.create(s.slots(), trainers, hook), "slots");
            TrainingJournal journal = checkpointDir == null ? null
                    : TrainingJournal.open(checkpointDir.resolve("training"), context.getSystem());
            ActorRef<Clock.Command> reports = journal == null ? clock
                    : context.spawn(journal.clockProxy(clock), "training-journal");
            SlotTraining training = ClientFactories.slotTraining(s, slots, reports, journal, durations);
            return new Built(new RunParts(s, initial, data.shards(), examples, training, importance, base),
                    new ClientFactory(s, data.shards(), examples, training, LinkActor.MEASURE).placement());
        };
    }

    /** Makes the parts that need the actor system (trainer slots) once the clock exists. */
    private interface PartsMaker {
        Built make(ActorContext<?> context, ActorRef<Clock.Command> clock);
    }

    /** The run's parts and where its clients are (unused by a decentralized run in one JVM). */
    private record Built(RunParts parts, ClientPlacement clients) {
    }

    /** To the run's root: the remote clients are ready, build the graph. */
    private record ClientsPrepared() implements NoSerializationVerificationNeeded {
    }

    private record Started(ActorSystem<?> system, ActorRef<Clock.Command> clock, BuiltGraph built,
                           ActorRef<Object> recorder, ActorRef<Clock.RunOutcome> outcomes) {
    }

    private static RunSummary execute(RunSettings s, RunListener listener, LiveRun.Attach attach,
                                      ModelEvaluator evaluator, double initialAccuracy, Deployment deployment,
                                      PartsMaker maker) {
        CompletableFuture<Started> started = new CompletableFuture<>();
        CompletableFuture<Clock.RunOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<RunSummary> summary = new CompletableFuture<>();
        RunRecorder.Info info = new RunRecorder.Info(s.variant(), s.algorithm(), s.rounds(), s.synthetic(),
                initialAccuracy, MessageRecording.enabled(s.config(), s.clients().count()));
        RunHost.Hosted hosted = deployment.host().start(Behaviors.<Object>setup(context -> {
            try {
                ActorRef<Clock.Command> clock = context.spawn(Clock.create(ClockSettings.from(s.config())), "clock");
                boolean gossip = s.variant().equals("decentralized");
                ActorRef<Object> recorder = context.spawn(gossip
                        ? GossipRecorder.create(info, s.clients().count(), evaluator, listener, summary)
                        : RunRecorder.create(info, s.clients().count(), evaluator, listener, summary), "recorder", DispatcherSelector.blocking());
                if (gossip) {
                    clock.tell(new Clock.Subscribe(recorder.narrow()));
                }
                ActorRef<Clock.RunOutcome> outcomes = context.spawn(Behaviors.receive(Clock.RunOutcome.class)
                        .onAnyMessage(o -> {
                            outcome.complete(o);
                            return Behaviors.same();
                        }).build(), "run-outcome");
                Built built = maker.make(context, clock);
                Optional<ClientPlacement> remote = deployment.remoteClients();
                if (gossip && remote.isEmpty()) {
                    started.complete(new Started(context.getSystem(), clock,
                            DecentralizedSimulation.build(context, built.parts(), recorder), recorder, outcomes));
                } else {
                    (gossip ? built.clients().prepareGossip(context, clock, recorder, built.parts().initial())
                            : built.clients().prepare(context, clock, recorder)).whenComplete((ready, failure) -> {
                        if (failure != null) {
                            started.completeExceptionally(failure);
                        }
                    }).thenRun(() -> context.getSelf().tell(new ClientsPrepared()));
                    return Behaviors.receive(Object.class).onMessage(ClientsPrepared.class, prepared -> {
                        try {
                            started.complete(new Started(context.getSystem(), clock, gossip
                                    ? DecentralizedSimulation.build(context, built.parts(), recorder, built.clients())
                                    : CentralizedSimulation.build(context, built.parts(), built.clients(), recorder),
                                    recorder, outcomes));
                        } catch (RuntimeException e) {
                            started.completeExceptionally(e);
                        }
                        return Behaviors.empty();
                    }).build();
                }
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
            return Behaviors.empty();
        }), s.config());
        try {
            Started run = await(started);
            listener.graph(run.built().graph());
            attach.attached(new LiveRun(run.system(), run.clock(), run.built().scenario(), run.built().graph()));
            run.built().opening().forEach(run.clock()::tell);
            run.clock().tell(new Clock.Run(run.outcomes()));
            Clock.RunOutcome end = await(outcome);
            if (end instanceof Clock.RunFailed failed) {
                run.recorder().tell(new RunRecorder.Finish("failed: " + failed.reason()));
            } else if (end instanceof Clock.Stopped stopped) {
                run.recorder().tell(new RunRecorder.Finish("stopped: " + stopped.reason()));
            } else {
                run.recorder().tell(new RunRecorder.Finish(null));
            }
            return await(summary);
        } finally {
            hosted.close();
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
