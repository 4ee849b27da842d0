package org.lorasim.actors.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.client.SyntheticTrained;
import org.lorasim.actors.client.TrainingJob;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockParticipant;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.RoundTagged;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.GossipPolicy;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.policies.quantization.QuantizedAdapter;
import org.lorasim.policies.quantization.Quantizer;
import org.lorasim.policies.random.RngStreams;

/**
 * One client of a decentralized run (Dec-LoRA: Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361), a clock
 * participant holding its own adapter. Synchronous iteration {@code t} ({@link GossipSettings.Mode#SYNCHRONOUS}):
 * <ol>
 *   <li>train {@code K = localSteps} steps from its adapter through {@link LocalTraining} (the outcome is
 *       delivered at the completion time the training model gives);</li>
 *   <li>send the trained adapter {@code theta_i} to every neighbour through its outgoing {@link LinkActor} as
 *       {@link NeighbourAdapter} (quantized if {@link GossipSettings#messageQuantizer()} is set: the quantized
 *       form travels, so the link measures its real size, and the receiver dequantizes);</li>
 *   <li>wait until it holds the iteration-{@code t} adapters of all neighbours, or until
 *       {@link IterationTimeout} at {@code sendTime + iterationTimeout};</li>
 *   <li>mix with the {@link GossipPolicy} ({@code theta_i <- sum_j q_ij theta_j} factor by factor, missing
 *       neighbours per the {@link org.lorasim.policies.gossip.MissingNeighbourRule}), report
 *       {@link IterationFinished} to the observer, and start {@code t + 1}, until {@code iterations}.</li>
 * </ol>
 * Messages of a future iteration are buffered; of a past one dropped and counted
 * ({@link IterationFinished#staleDropped()}). In {@link GossipSettings.Mode#ASYNCHRONOUS} mode nobody waits:
 * after each local training the node mixes with the newest adapter received from each neighbour since its
 * last mix (absent ones per the missing-neighbour rule), sends the mixed adapter, reports and goes on.
 *
 * <p>Choices (the paper assumes a failure-free synchronous network): (1) the node's own adapter is mixed in full
 * precision, only what travels is quantized. (2) A {@link TrainerSlot.TrainingFailed} counts as a training
 * that changed nothing (loss NaN); the iteration goes on. (3) The node holds the whole shared
 * {@link MixingMatrix} (immutable) because the policy interface takes it; it only reads its own row.
 * (4) An outcome is accepted only while training and only at the completion time {@link LocalTraining#start}
 * returned (and, for {@link SyntheticTrained}, for the current iteration); anything else is stale and dropped.
 * (5) {@link Crash}: crash-stop. The iteration in progress is abandoned (never reported), buffered messages are
 * lost, and until {@link Recover} every message, outcome and timeout is dropped. (6) {@link Recover} resumes
 * with the iteration the node would be in had it not crashed ({@link ResumeIteration}); with {@code loseState}
 * the adapter goes back to the initial one. (7) {@link SlowDown} divides the device speed
 * by the factor for trainings started from then on. Nothing waits without a timeout, so a crashed or
 * partitioned neighbour only makes its neighbours use their timeouts.
 */
public final class GossipNode extends ClockParticipant {

    /** What a node accepts inside a {@link Clock.Delivered}, besides its training outcomes. */
    public sealed interface Input extends LorasimMessage
            permits Start, NeighbourAdapter, IterationTimeout, Crash, Recover, SlowDown {
    }

    /** Kick-off, delivered through the clock (normally at time 0). */
    public record Start() implements Input {
    }

    /**
     * Neighbour {@code from}'s adapter of {@code iteration}; {@code payload} is an {@link Adapter} (full
     * precision) or a {@link QuantizedAdapter}.
     */
    public record NeighbourAdapter(int from, int iteration, Object payload) implements Input, RoundTagged {
        public NeighbourAdapter {
            Checks.require(payload instanceof Adapter || payload instanceof QuantizedAdapter,
                    "payload of node " + from + " must be an Adapter or a QuantizedAdapter, got "
                            + (payload == null ? "null" : payload.getClass().getName()));
        }

        /** The iteration, for the links' byte accounting. */
        @Override
        public int round() {
            return iteration;
        }

        /** The adapter the receiver uses: the payload, dequantized if it is quantized. */
        public Adapter adapter() {
            return payload instanceof QuantizedAdapter q ? q.dequantize() : (Adapter) payload;
        }
    }

    /** The node's own wake-up: stop waiting for iteration {@code iteration}. */
    public record IterationTimeout(int iteration) implements Input {
    }

    /** Crash-stop; with {@code loseState} the adapter is back to the initial one after recovery. */
    public record Crash(boolean loseState) implements Input {
    }

    public record Recover() implements Input {
    }

    /** From now on the device computes {@code factor} times slower ({@code 1} restores its speed). */
    public record SlowDown(double factor) implements Input {
        public SlowDown {
            Checks.require(factor > 0 && Double.isFinite(factor), "slow-down factor must be finite and > 0, got " + factor);
        }
    }

    /** Read-only events for observers. */
    public sealed interface Event extends LorasimMessage permits IterationFinished, Crashed, Recovered, SlowedDown, Finished {
        int node();

        long time();
    }

    /**
     * Node {@code node} finished {@code iteration} at {@code time} holding {@code adapter}: it mixed the
     * adapters of {@code received} and missed those of {@code missing} (neighbour ids, ascending);
     * {@code staleDropped} counts the messages of past iterations it dropped so far.
     */
    public record IterationFinished(int node, int iteration, long time, Adapter adapter, double trainLoss,
                                    List<Integer> received, List<Integer> missing, int staleDropped) implements Event {
        public IterationFinished {
            Objects.requireNonNull(adapter, "adapter");
            received = List.copyOf(received);
            missing = List.copyOf(missing);
        }
    }

    /**
     * Node {@code node} crashed at {@code time} during {@code iteration}, which it will never report
     * ({@code -1} before it started, {@code iterations} once done).
     */
    public record Crashed(int node, long time, int iteration, boolean loseState) implements Event {
    }

    /** Node {@code node} recovered at {@code time} and goes on with {@code resumeIteration}. */
    public record Recovered(int node, long time, int resumeIteration) implements Event {
    }

    public record SlowedDown(int node, long time, double factor) implements Event {
    }

    /** Node {@code node} reached the last iteration at {@code time}. */
    public record Finished(int node, long time, int iterations, int staleDropped, int droppedWhileCrashed)
            implements Event {
    }

    private enum Phase { IDLE, TRAINING, WAITING, DONE }

    private final GossipNodeSetup setup;
    private final GossipEnvironment env;
    private final GossipSettings settings;
    private final Quantizer quantizer;
    private final RngStreams streams;
    private final TreeMap<Integer, TreeMap<Integer, Adapter>> buffered = new TreeMap<>();
    private final TreeMap<Integer, Adapter> latest = new TreeMap<>();
    private Adapter adapter;
    private Adapter trained;
    private double trainLoss = Double.NaN;
    private Phase phase = Phase.IDLE;
    private boolean started;
    private int iteration;
    private long iterationStart;
    private long expectedCompletion = -1;
    private int completed;
    private long busyNanos;
    private boolean crashed;
    private boolean loseState;
    private int crashIteration;
    private long crashIterationStart;
    private double slowFactor = 1;
    private int staleDropped;
    private int droppedWhileCrashed;

    public static Behavior<Clock.Delivered> create(GossipNodeSetup setup, GossipEnvironment env) {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(env, "environment");
        setup.requireFits(env.mixing());
        return Behaviors.setup(context -> new GossipNode(context, setup, env));
    }

    private GossipNode(ActorContext<Clock.Delivered> context, GossipNodeSetup setup, GossipEnvironment env) {
        super(context, new EventOutbox(setup.senderId()));
        this.setup = setup;
        this.env = env;
        this.settings = env.settings();
        this.quantizer = settings.quantizer();
        this.streams = new RngStreams(settings.seed());
        this.adapter = setup.initial();
    }

    @Override
    protected void handle(long now, Object message) {
        if (message instanceof NeighbourAdapter received) {
            onNeighbourAdapter(now, received);
        } else if (message instanceof IterationTimeout timeout) {
            if (!crashed && phase == Phase.WAITING && timeout.iteration() == iteration) {
                finishIteration(now);
            }
        } else if (message instanceof TrainerSlot.Trained t) {
            onOutcome(now, t.adapter(), t.meanLoss(), -1);
        } else if (message instanceof SyntheticTrained s) {
            if (acceptsOutcome(now, s.round())) {
                onOutcome(now, env.noise().materialise(adapter, s.update()), s.meanLoss(), s.round());
            }
        } else if (message instanceof TrainerSlot.TrainingFailed f) {
            if (acceptsOutcome(now, -1)) {
                getContext().getLog().warn("node {} iteration {}: training failed ({}), going on untrained",
                        setup.id(), iteration, f.reason());
            }
            onOutcome(now, adapter, Double.NaN, -1);
        } else if (message instanceof Start) {
            if (!started) {
                started = true;
                if (!crashed) {
                    beginIteration(now, 0);
                }
            }
        } else if (message instanceof Crash crash) {
            onCrash(now, crash);
        } else if (message instanceof Recover) {
            onRecover(now);
        } else if (message instanceof SlowDown slow) {
            slowFactor = slow.factor();
            env.observer().tell(new SlowedDown(setup.id(), now, slow.factor()));
        } else {
            getContext().getLog().warn("gossip node {} ignores {}", setup.id(), message);
        }
    }

    private boolean acceptsOutcome(long now, int round) {
        return !crashed && phase == Phase.TRAINING && now == expectedCompletion && (round < 0 || round == iteration);
    }

    private void onOutcome(long now, Adapter result, double loss, int round) {
        if (!acceptsOutcome(now, round)) {
            return;
        }
        expectedCompletion = -1;
        trained = result;
        trainLoss = loss;
        if (settings.mode() == GossipSettings.Mode.ASYNCHRONOUS) {
            TreeMap<Integer, Adapter> received = new TreeMap<>(latest);
            latest.clear();
            adapter = env.policy().mix(setup.id(), trained, received, env.mixing());
            send(now, adapter);
            report(now, received);
            return;
        }
        send(now, trained);
        phase = Phase.WAITING;
        outbox.deliver(now + settings.iterationTimeout(), getContext().getSelf(), new IterationTimeout(iteration));
        TreeMap<Integer, Adapter> current = buffered.get(iteration);
        if (setup.links().isEmpty() || current != null && current.size() == setup.links().size()) {
            finishIteration(now);
        }
    }

    private void onNeighbourAdapter(long now, NeighbourAdapter message) {
        if (crashed) {
            droppedWhileCrashed++;
            return;
        }
        if (!setup.links().containsKey(message.from())) {
            getContext().getLog().warn("node {} drops an adapter from {}, not a neighbour", setup.id(), message.from());
            return;
        }
        if (phase == Phase.DONE) {
            staleDropped++;
            return;
        }
        if (settings.mode() == GossipSettings.Mode.ASYNCHRONOUS) {
            latest.put(message.from(), message.adapter());
            return;
        }
        if (message.iteration() < iteration) {
            staleDropped++;
            return;
        }
        TreeMap<Integer, Adapter> forIteration = buffered.computeIfAbsent(message.iteration(), k -> new TreeMap<>());
        forIteration.put(message.from(), message.adapter());
        if (phase == Phase.WAITING && message.iteration() == iteration
                && forIteration.size() == setup.links().size()) {
            finishIteration(now);
        }
    }

    private void finishIteration(long now) {
        TreeMap<Integer, Adapter> received = Objects.requireNonNullElseGet(buffered.remove(iteration), TreeMap::new);
        buffered.headMap(iteration).clear();
        adapter = env.policy().mix(setup.id(), trained, received, env.mixing());
        report(now, received);
    }

    private void report(long now, SortedMap<Integer, Adapter> received) {
        List<Integer> missing = new ArrayList<>();
        for (int j : setup.links().keySet()) {
            if (!received.containsKey(j)) {
                missing.add(j);
            }
        }
        env.observer().tell(new IterationFinished(setup.id(), iteration, now, adapter, trainLoss,
                List.copyOf(received.keySet()), missing, staleDropped));
        completed++;
        busyNanos += now - iterationStart;
        beginIteration(now, iteration + 1);
    }

    private void beginIteration(long now, int t) {
        if (t >= settings.iterations()) {
            phase = Phase.DONE;
            iteration = settings.iterations();
            expectedCompletion = -1;
            env.observer().tell(new Finished(setup.id(), now, settings.iterations(), staleDropped, droppedWhileCrashed));
            return;
        }
        iteration = t;
        iterationStart = now;
        if (env.roundListener() != null) {
            outbox.deliver(now, env.roundListener(), new AggregatorActor.RoundBegan(t));
        }
        phase = Phase.TRAINING;
        trained = null;
        trainLoss = Double.NaN;
        TrainingJob job = new TrainingJob(setup.id(), t, adapter, 0, null, settings.localSteps(),
                settings.basePrecision(), setup.shard(), setup.numExamples(), setup.flopsPerSecond() / slowFactor);
        expectedCompletion = env.training().start(job, now, outbox, getContext().getSelf());
    }

    private void send(long now, Adapter out) {
        Object payload = out;
        if (quantizer != null) {
            payload = QuantizedAdapter.quantize(out, quantizer,
                    quantizer.stochastic() ? streams.stream("gossip-quantize", setup.id(), iteration) : null);
        }
        NeighbourAdapter message = new NeighbourAdapter(setup.id(), iteration, payload);
        for (Map.Entry<Integer, ActorRef<Clock.Delivered>> link : setup.links().entrySet()) {
            ActorRef<Clock.Delivered> destination = setup.directory().get(link.getKey());
            Checks.require(destination != null, "node " + setup.id() + " has no ref of its neighbour " + link.getKey());
            outbox.deliver(now, link.getValue(), LinkActor.Send.measured(message, destination));
        }
    }

    private void onCrash(long now, Crash crash) {
        if (crashed) {
            loseState |= crash.loseState();
            return;
        }
        crashed = true;
        loseState = crash.loseState();
        crashIteration = switch (phase) {
            case IDLE -> -1;
            case DONE -> settings.iterations();
            default -> iteration;
        };
        crashIterationStart = iterationStart;
        expectedCompletion = -1;
        buffered.clear();
        latest.clear();
        env.observer().tell(new Crashed(setup.id(), now, crashIteration, crash.loseState()));
    }

    private void onRecover(long now) {
        if (!crashed) {
            return;
        }
        crashed = false;
        if (loseState) {
            adapter = setup.initial();
        }
        int resume = crashIteration >= 0 && crashIteration < settings.iterations()
                ? ResumeIteration.estimate(crashIteration, crashIterationStart, now, completed, busyNanos,
                settings.iterations())
                : Math.min(crashIteration + 1, settings.iterations());
        env.observer().tell(new Recovered(setup.id(), now, resume));
        if (started && phase != Phase.DONE) {
            beginIteration(now, resume);
        }
    }
}
