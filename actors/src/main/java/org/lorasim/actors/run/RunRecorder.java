package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.policies.adapter.AdapterDigest;

/**
 * The read-only observer of a centralized or pipeline run (DESIGN.md, "Observers"): it hears the
 * aggregator's round events, every link's sent and lost messages and every client's and the scenario's
 * {@link RunEvent}s (and every sent message as one, {@link MessageEvents}), turns them into one {@link RoundRecord} per round (evaluating the new global adapter
 * with the {@link ModelEvaluator}) and hands records and events to the {@link RunListener}, in simulated-time
 * order ({@link RoundAccounting}). It never sends anything into the simulation.
 *
 * <p>Links named {@code ...-up} carry client uploads, {@code ...-down} server downloads. A randomly lost
 * message still counts its bytes (it was sent); one refused by a down or partitioned link does not.
 *
 * <p>Participation ({@link Participation}, and the {@code stragglers} and {@code failures} of a record) is the
 * observer's view, not the aggregator's: a sampled client without an answer is crashed, removed or
 * unreachable when its events or its links' say so ({@link ClientStates}), failed when it reported a failure,
 * and late (a straggler) only otherwise. A client that does not fit ({@code client-does-not-fit} events, sent
 * before the clock starts) is never sampled and is {@code does-not-fit} in every round.
 */
public final class RunRecorder extends AbstractBehavior<Object> {

    /** What the recorder reports about: names for the summary and whether the run is synthetic. */
    public record Info(String variant, String algorithm, int rounds, boolean synthetic, double initialAccuracy,
                       boolean recordMessages) {
        public Info {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /**
     * The clock stopped: it failed ({@code outcome} says why) or went idle ({@code outcome} null). A recorder
     * whose run did not finish reports what there is, with the reason; one whose run finished ignores it.
     */
    public record Finish(String outcome) implements org.lorasim.actors.serialization.LorasimMessage {
    }

    private final Info info;
    private final ModelEvaluator evaluator;
    private final RunListener listener;
    private final CompletableFuture<RunSummary> summary;
    private final RoundAccounting ledger = new RoundAccounting();
    private final ClientStates clients = new ClientStates();
    private final int clientCount;
    private final long startNanos = System.nanoTime();
    private List<Integer> sampled = List.of();
    private long roundStart;
    private AggregatorActor.ModelAggregated model;
    private long bytesUp;
    private long bytesDown;
    private double lastAccuracy;
    private double lastMacroF1 = Double.NaN;
    private double lastPerplexity = Double.NaN;
    private String lastChecksum = "";
    private int roundsSeen;
    private long lastTime;

    public static Behavior<Object> create(Info info, int clients, ModelEvaluator evaluator, RunListener listener,
                                          CompletableFuture<RunSummary> summary) {
        return Behaviors.setup(context -> new RunRecorder(context, info, clients, evaluator, listener, summary));
    }

    private RunRecorder(ActorContext<Object> context, Info info, int clients, ModelEvaluator evaluator,
                        RunListener listener, CompletableFuture<RunSummary> summary) {
        super(context);
        this.clientCount = clients;
        this.info = info;
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.lastAccuracy = info.initialAccuracy();
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(AggregatorActor.RoundStarted.class, started -> {
                    sampled = started.sampled();
                    roundStart = started.time();
                    listener.roundStarted(started.round(), started.time(), started.sampled());
                    return this;
                })
                .onMessage(AggregatorActor.ModelAggregated.class, aggregated -> {
                    model = aggregated;
                    return this;
                })
                .onMessage(AggregatorActor.RoundFinished.class, this::onRoundFinished)
                .onMessage(AggregatorActor.Crashed.class, c -> event(new RunEvent(c.time(), c.round(),
                        "aggregator-crashed", "aggregator", "the open round is lost")))
                .onMessage(AggregatorActor.Recovered.class, r -> event(new RunEvent(r.time(), r.round(),
                        "aggregator-recovered", "aggregator", "restarts round " + r.round() + " from its checkpoint")))
                .onMessage(AggregatorActor.RunFinished.class, this::onRunFinished)
                .onMessage(AggregatorActor.Failed.class, f -> finish("failed: round " + f.round() + ": " + f.reason(),
                        -1, f.time(), lastChecksum))
                .onMessage(LinkActor.MessageSent.class, sent -> {
                    listener.message(sent);
                    if (info.recordMessages()) {
                        ledger.event(MessageEvents.event(sent));
                    }
                    ledger.sent(sent.sentAt(), sent.bytes(), sent.link().endsWith("-up"));
                    return this;
                })
                .onMessage(LinkActor.MessageLost.class, this::onLost)
                .onMessage(LinkActor.LinkChanged.class, changed -> event(new RunEvent(changed.time(), -1,
                        "link-changed", changed.link(), changed.change())))
                .onMessage(RunEvent.class, this::event)
                .onMessage(ClientLost.class, lost -> event(lost.event()))
                .onMessage(FedPipePlan.class, plan -> {
                    listener.fedPipePlan(plan);
                    return this;
                })
                .onMessage(Finish.class, f -> finish(f.outcome() != null ? f.outcome() : "stopped: nothing was left"
                        + " to do after " + roundsSeen + " of " + info.rounds() + " rounds (did the aggregator crash"
                        + " for good?)", -1, Long.MIN_VALUE, lastChecksum))
                .build();
    }

    private Behavior<Object> event(RunEvent event) {
        listener.eventNow(event);
        clients.onEvent(event);
        ledger.event(event);
        return this;
    }

    private Behavior<Object> onLost(LinkActor.MessageLost lost) {
        clients.onLost(lost);
        if (lost.reason() == LinkModel.LossReason.RANDOM_LOSS) {
            ledger.sent(lost.sentAt(), lost.bytes(), lost.link().endsWith("-up"));
        }
        return event(new RunEvent(lost.sentAt(), -1, "message-lost", lost.link(),
                lost.payloadType() + " of " + lost.bytes() + " bytes: " + lost.reason()));
    }

    private Behavior<Object> onRoundFinished(AggregatorActor.RoundFinished finished) {
        ledger.handEventsBefore(finished.time(), listener);
        long up = ledger.takeUp(finished.time());
        long down = ledger.takeDown(finished.time());
        bytesUp += up;
        bytesDown += down;
        double loss = Double.NaN;
        List<ModelEvaluator.Generation> generations = List.of();
        boolean synthetic = info.synthetic();
        if (model != null && model.round() == finished.round()) {
            loss = model.meanTrainLoss();
            lastChecksum = AdapterDigest.of(model.global());
            ModelEvaluator.Quality quality = synthetic ? ModelEvaluator.Quality.NOT_EVALUATED
                    : evaluator.quality(model.global());
            lastAccuracy = quality.accuracy();
            lastMacroF1 = quality.macroF1();
            lastPerplexity = quality.perplexity();
            generations = synthetic ? List.of() : evaluator.generations(model.global());
        }
        Participation who = participation(finished);
        RoundRecord record = new RoundRecord(finished.round(), finished.time(), wallMillis(), loss, lastAccuracy,
                Double.NaN, lastMacroF1, lastPerplexity, up, down, finished.updateParameters(), sampled.size(),
                finished.participants().size(), who.late().size(), who.failures(), Double.NaN, lastChecksum, synthetic);
        listener.round(record);
        if (!generations.isEmpty()) {
            listener.generations(finished.round(), generations);
        }
        listener.participation(who);
        roundsSeen = finished.round() + 1;
        lastTime = finished.time();
        return this;
    }

    /**
     * The round's participants took part, but a sampled client whose only update in the round was a late one
     * from an earlier round is late for this one; every other sampled client gets the first status that applies
     * ({@link ParticipationStatus}) over the round's time, from its start to its end.
     */
    private Participation participation(AggregatorActor.RoundFinished finished) {
        Set<Integer> took = new TreeSet<>(finished.participants());
        Set<Integer> fresh = new TreeSet<>(finished.participants());
        fresh.removeAll(finished.lateAccepted());
        Set<Integer> reported = Set.copyOf(finished.failures());
        List<Integer> late = new ArrayList<>();
        List<Integer> crashed = new ArrayList<>();
        List<Integer> unreachable = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        long from = roundStart;
        long to = finished.time();
        for (int c : sampled) {
            if (fresh.contains(c)) {
                continue;
            }
            took.remove(c);
            if (clients.removed(c, from, to)) {
                removed.add(c);
            } else if (clients.crashed(c, from, to)) {
                crashed.add(c);
            } else if (clients.unreachable(c, from, to)) {
                unreachable.add(c);
            } else if (reported.contains(c)) {
                failed.add(c);
            } else {
                late.add(c);
            }
        }
        List<Integer> doesNotFit = clients.doesNotFit().stream().filter(c -> c < clientCount && !sampled.contains(c))
                .toList();
        return new Participation(finished.round(), clientCount, List.copyOf(took), late, crashed, unreachable,
                removed, failed, doesNotFit);
    }

    private Behavior<Object> onRunFinished(AggregatorActor.RunFinished finished) {
        return finish("finished", finished.rounds(), finished.time(), AdapterDigest.of(finished.finalAdapter()));
    }

    private Behavior<Object> finish(String outcome, int rounds, long time, String checksum) {
        if (summary.isDone()) {
            return this;
        }
        ledger.handEventsBefore(Long.MAX_VALUE, listener);
        bytesUp += ledger.takeUp(Long.MAX_VALUE);
        bytesDown += ledger.takeDown(Long.MAX_VALUE);
        RunSummary result = new RunSummary(info.variant(), info.algorithm(), rounds < 0 ? roundsSeen : rounds,
                info.initialAccuracy(), lastAccuracy, time == Long.MIN_VALUE ? lastTime : time, wallMillis(), bytesUp,
                bytesDown, ledger.eventsHandedOut(), checksum, info.synthetic(), outcome);
        listener.finished(result);
        summary.complete(result);
        return this;
    }

    private long wallMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
