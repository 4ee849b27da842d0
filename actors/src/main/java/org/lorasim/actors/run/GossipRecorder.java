package org.lorasim.actors.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipNode;
import org.lorasim.actors.gossip.GossipRounds;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;

/**
 * The read-only observer of a decentralized (gossip) run: the gossip nodes' events and every link's traffic go
 * to {@link GossipRounds}, which emits a round once every live node reported that iteration and simulated
 * time has moved past it ({@link Clock.TimeAdvanced}); each round's accuracy is the mean and spread of the
 * clients' own adapters under the {@link ModelEvaluator}, beside the accuracy of their average adapter
 * ({@link RoundRecord#averageModelAccuracy()}, one more evaluation a round), and a decoder's sampled generations
 * after it are those of every participant's own adapter (the same models, the same prompts and sampling seeds, so the lines differ
 * only by what each client learned), tagged with the client. Crashes, recoveries, slowdowns, lost messages and
 * link changes become {@link RunEvent}s, and so does every sent message ({@link MessageEvents}), handed out in
 * simulated-time order with the rounds. A node that did
 * not report an iteration was down (a synchronous node that misses a neighbour still reports after its
 * timeout): its {@link ParticipationStatus} is removed when a {@code remove-clients} event took it out,
 * crashed otherwise. A node lost with its cluster node ({@link ClientLost}) is a crashed node that never recovers
 * ({@link GossipRounds#lost}): later rounds are made of the others, without waiting for the end of the run.
 */
public final class GossipRecorder extends AbstractBehavior<Object> {
    private final RunRecorder.Info info;
    private final RunListener listener;
    private final ModelEvaluator evaluator;
    private final CompletableFuture<RunSummary> summary;
    private final GossipRounds rounds;
    private final RoundAccounting ledger = new RoundAccounting();
    private final ClientStates clients = new ClientStates();
    private final long startNanos = System.nanoTime();
    private long lastTime;
    private RoundRecord last;
    private final int nodes;
    private final Map<Integer, TreeSet<Integer>> reporters = new TreeMap<>();

    public static Behavior<Object> create(RunRecorder.Info info, int nodes, ModelEvaluator evaluator,
                                          RunListener listener, CompletableFuture<RunSummary> summary) {
        return Behaviors.setup(context -> new GossipRecorder(context, info, nodes, evaluator, listener, summary));
    }

    private GossipRecorder(ActorContext<Object> context, RunRecorder.Info info, int nodes, ModelEvaluator evaluator,
                           RunListener listener, CompletableFuture<RunSummary> summary) {
        super(context);
        this.info = Objects.requireNonNull(info, "info");
        this.nodes = nodes;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.rounds = new GossipRounds(nodes, info.synthetic() || evaluator == ModelEvaluator.NONE ? null
                : evaluator::quality, info.synthetic(), this::wallMillis);
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(GossipNode.Event.class, this::onNode)
                .onMessage(LinkActor.Event.class, this::onLink)
                .onMessage(Clock.TimeAdvanced.class, t -> emit(rounds.closeUpTo(t.time()), t.time()))
                .onMessage(RunEvent.class, this::event)
                .onMessage(ClientLost.class, lost -> {
                    rounds.lost(lost.client());
                    return event(lost.event());
                })
                .onMessage(RunRecorder.Finish.class, f -> finish(f.outcome()))
                .build();
    }

    private Behavior<Object> onNode(GossipNode.Event event) {
        rounds.onNodeEvent(event);
        if (event instanceof GossipNode.IterationFinished f) {
            reporters.computeIfAbsent(f.iteration(), k -> new TreeSet<>()).add(f.node());
        }
        if (event instanceof GossipNode.Crashed c) {
            event(new RunEvent(c.time(), c.iteration(), "client-crashed", "client-" + c.node(),
                    c.loseState() ? "crash-stop, local adapter lost" : "crash-stop, local adapter kept"));
        } else if (event instanceof GossipNode.Recovered r) {
            event(new RunEvent(r.time(), r.resumeIteration(), "client-recovered", "client-" + r.node(),
                    "resumes at iteration " + r.resumeIteration()));
        } else if (event instanceof GossipNode.SlowedDown s) {
            ordered(new RunEvent(s.time(), -1, "client-slowed", "client-" + s.node(),
                    "compute " + s.factor() + "x slower"));
        }
        return this;
    }

    private Behavior<Object> event(RunEvent event) {
        clients.onEvent(event);
        return ordered(event);
    }

    /** Hands {@code event} to live views at once and to the ledger, which tells it in simulated-time order. */
    private Behavior<Object> ordered(RunEvent event) {
        listener.eventNow(event);
        ledger.event(event);
        return this;
    }

    private Behavior<Object> onLink(LinkActor.Event event) {
        rounds.onLinkEvent(event);
        if (event instanceof LinkActor.MessageSent sent) {
            listener.message(sent);
            if (info.recordMessages()) {
                ledger.event(MessageEvents.event(sent));
            }
            lastTime = Math.max(lastTime, sent.arrival());
        } else if (event instanceof LinkActor.MessageLost lost) {
            ordered(new RunEvent(lost.sentAt(), -1, "message-lost", lost.link(), lost.payloadType() + " of "
                    + lost.bytes() + " bytes: " + lost.reason()));
            if (lost.reason() == LinkModel.LossReason.RANDOM_LOSS) {
                lastTime = Math.max(lastTime, lost.sentAt());
            }
        } else if (event instanceof LinkActor.LinkChanged changed) {
            ordered(new RunEvent(changed.time(), -1, "link-changed", changed.link(), changed.change()));
        }
        return this;
    }

    private Behavior<Object> emit(List<RoundRecord> records, long time) {
        for (RoundRecord record : records) {
            ledger.handEventsBefore(record.simTimeNanos(), listener);
            listener.round(record);
            generations(record);
            TreeSet<Integer> took = reporters.getOrDefault(record.round(), new TreeSet<>());
            reporters.remove(record.round());
            long from = last == null ? 0 : last.simTimeNanos();
            List<Integer> absent = IntStream.range(0, nodes).filter(i -> !took.contains(i)).boxed().toList();
            List<Integer> removed = absent.stream().filter(i -> clients.removed(i, from, record.simTimeNanos() + 1))
                    .toList();
            listener.participation(new Participation(record.round(), nodes, List.copyOf(took), List.of(),
                    absent.stream().filter(i -> !removed.contains(i)).toList(), List.of(), removed, List.of()));
            last = record;
        }
        lastTime = Math.max(lastTime, time);
        return this;
    }

    /** Every participant's generations after {@code record}'s round, in node order; none for a classifier. */
    private void generations(RoundRecord record) {
        if (info.synthetic()) {
            return;
        }
        List<ModelEvaluator.Generation> all = new java.util.ArrayList<>();
        rounds.adapters(record.round()).forEach((node, adapter) ->
                evaluator.generations(adapter).forEach(g -> all.add(g.by(node))));
        if (!all.isEmpty()) {
            listener.generations(record.round(), all);
        }
    }

    private Behavior<Object> finish(String outcome) {
        if (summary.isDone()) {
            return this;
        }
        emit(rounds.finish(), lastTime);
        if (outcome == null) {
            outcome = rounds.records().size() == info.rounds() ? "finished" : "stopped: " + rounds.records().size()
                    + " of " + info.rounds() + " iterations finished before nothing was left to do";
        }
        ledger.handEventsBefore(Long.MAX_VALUE, listener);
        long up = rounds.records().stream().mapToLong(RoundRecord::bytesUp).sum();
        long down = rounds.records().stream().mapToLong(RoundRecord::bytesDown).sum();
        RunSummary result = new RunSummary(info.variant(), info.algorithm(), rounds.records().size(),
                info.initialAccuracy(), last == null ? info.initialAccuracy() : last.accuracy(),
                last == null ? 0 : last.simTimeNanos(), wallMillis(), up, down, ledger.eventsHandedOut(),
                last == null ? "" : last.checksum(), info.synthetic(), outcome);
        listener.finished(result);
        summary.complete(result);
        return this;
    }

    private long wallMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
