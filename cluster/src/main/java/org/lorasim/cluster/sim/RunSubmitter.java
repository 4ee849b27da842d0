package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * The submitting process's side of a run on a cluster: submits the scenario to the {@link RunCoordinator}
 * singleton (through its proxy, again every {@link Timing#resubmitEvery} until an attempt is accepted), watches
 * the accepted attempt's actor, and passes what it streams to the local listener (the run folder), in order. When
 * the attempt's node is lost (the watch ends before the run did) the run is submitted again as the next attempt,
 * which the singleton, moved to the next {@code coordinator} node, runs from round 0; {@link StreamReplay} drops
 * what was already passed on (checking it is identical) and a {@code coordinator-lost} event is recorded.
 * Every wait is bounded: an attempt not accepted in {@link Timing#acceptTimeout}, a streamed batch missing
 * for {@link Timing#gapTimeout}, more than {@link Timing#maxAttempts} attempts, all fail the run with the reason.
 *
 * <p>A dashboard following the run ({@link RemoteRun.Attach}) gets a {@link RemoteRun} once the attempt's run is
 * built: its calls come here ({@link Forward}), go to the attempt running now as {@link RunControl.Request}s and
 * complete with the attempt's {@link ControlDone}; the clock's times ({@link ClockAt}) go to its observers. A call
 * while no attempt runs the run (before the first is built, after its node was lost and before the next is), or
 * after the run ended, fails with the reason; calls pending when the attempt's node is lost fail too. A new attempt
 * starts paused when the dashboard had paused the run, and replays the actions applied from it ({@link #submission}).
 */
public final class RunSubmitter {

    /** The bounds of a submission. */
    public record Timing(Duration acceptTimeout, Duration resubmitEvery, Duration gapTimeout, int maxAttempts) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(120), Duration.ofSeconds(3),
                Duration.ofSeconds(30), 3);
    }

    public sealed interface Command extends LorasimMessage permits Accepted, Batch, Failed, Resubmit, AcceptTimeout,
            GapTimeout, Live, ClockAt, ControlDone, Forward {
    }

    /** Attempt {@code attempt} of run {@code runId} runs on {@code node}, under {@code attemptActor} (to watch). */
    public record Accepted(String runId, int attempt, String node, ActorRef<?> attemptActor) implements Command {
    }

    /** Streamed callbacks number {@code seq} (from 0 per attempt) of an attempt, sent by {@code source}. */
    public record Batch(String runId, int attempt, long seq, List<Streamed> items, ActorRef<?> source)
            implements Command {
        public Batch {
            items = List.copyOf(items);
            Objects.requireNonNull(source, "source");
        }
    }

    /** The attempt's run threw: {@code reason}. */
    public record Failed(String runId, int attempt, String reason) implements Command {
    }

    /** Attempt {@code attempt}'s run is built on its coordinator node: it takes {@link RunControl}s from now on. */
    public record Live(String runId, int attempt) implements Command {
    }

    /** The latest simulated time attempt {@code attempt}'s clock moved to. */
    public record ClockAt(String runId, int attempt, long time) implements Command {
    }

    /**
     * Control request {@code id} was done by attempt {@code attempt}: the clock's simulated time then, or
     * {@code error} (non-null) saying why it was not.
     */
    public record ControlDone(String runId, int attempt, long id, long time, String error) implements Command {
    }

    /** A {@link RemoteRun} call of this process: send {@code control} to the attempt running now, complete {@code done}. */
    record Forward(RunControl control, CompletableFuture<Long> done) implements Command,
            NoSerializationVerificationNeeded {
    }

    private record Resubmit(int attempt) implements Command, NoSerializationVerificationNeeded {
    }

    private record AcceptTimeout(int attempt) implements Command, NoSerializationVerificationNeeded {
    }

    private record GapTimeout(int attempt, long seq) implements Command, NoSerializationVerificationNeeded {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ActorRef<RunCoordinator.Command> coordinator;
    private final String runId;
    private final String scenario;
    private final RunListener listener;
    private final ClusterFiguresListener figures;
    private final CompletableFuture<RunSummary> result;
    private final Timing timing;
    private final StreamReplay replay = new StreamReplay();
    private final TreeMap<Long, Batch> early = new TreeMap<>();
    private final List<ClientSplit.Client> splitParts = new ArrayList<>();
    private final List<RunGraph.Link> graphParts = new ArrayList<>();
    private final RemoteRun.Attach dashboard;
    private final PendingControls controls;
    private RemoteRun remote;
    private int liveAttempt;
    private int attempt = 1;
    private long nextSeq;
    private ActorRef<?> watched;
    private String node;
    private String lostNode;

    private RunSubmitter(ActorContext<Command> context, TimerScheduler<Command> timers,
                         ActorRef<RunCoordinator.Command> coordinator, String runId, String scenario,
                         RunListener listener, ClusterFiguresListener figures, CompletableFuture<RunSummary> result,
                         Timing timing, RemoteRun.Attach dashboard) {
        this.context = context;
        this.dashboard = dashboard;
        this.controls = new PendingControls(dashboard.startPaused());
        this.figures = figures;
        this.timers = timers;
        this.coordinator = coordinator;
        this.runId = runId;
        this.scenario = scenario;
        this.listener = listener;
        this.result = result;
        this.timing = timing;
    }

    /**
     * Submits run {@code runId} ({@code scenario} as {@link ScenarioText}) through {@code coordinator} (the
     * singleton's proxy), passing its records to {@code listener} and the cluster's figures to {@code figures} on
     * this actor's thread; completes
     * {@code result} with the summary, or exceptionally with the reason the run could not finish.
     */
    public static Behavior<Command> create(ActorRef<RunCoordinator.Command> coordinator, String runId, String scenario,
                                           RunListener listener, ClusterFiguresListener figures,
                                           CompletableFuture<RunSummary> result, Timing timing) {
        return create(coordinator, runId, scenario, listener, figures, result, timing, RemoteRun.Attach.NONE);
    }

    /** As {@link #create(ActorRef, String, String, RunListener, ClusterFiguresListener, CompletableFuture, Timing)}, followed by {@code dashboard}. */
    public static Behavior<Command> create(ActorRef<RunCoordinator.Command> coordinator, String runId, String scenario,
                                           RunListener listener, ClusterFiguresListener figures,
                                           CompletableFuture<RunSummary> result, Timing timing,
                                           RemoteRun.Attach dashboard) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            RunSubmitter submitter = new RunSubmitter(context, timers, coordinator, runId, scenario, listener, figures,
                    result, timing, dashboard);
            submitter.submit();
            return submitter.behavior();
        }));
    }

    private void submit() {
        coordinator.tell(submission());
        timers.startTimerWithFixedDelay("resubmit", new Resubmit(attempt), timing.resubmitEvery());
        timers.startSingleTimer("accept", new AcceptTimeout(attempt), timing.acceptTimeout());
    }

    /**
     * This attempt's submission: the scenario with the actions applied from the dashboard so far added as timed
     * events at the times they applied, so that a next attempt replays them (as {@code lorasim run} replays a
     * dashboard run's saved {@code config.conf}); started paused when the dashboard had paused the run.
     */
    private RunCoordinator.Submit submission() {
        List<String> applied = controls.applied();
        return new RunCoordinator.Submit(runId, attempt, applied.isEmpty() ? scenario
                : ScenarioText.withEvents(scenario, applied), context.getSelf(), dashboard.watched(), controls.paused());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Resubmit.class, r -> {
                    if (r.attempt() == attempt && watched == null) {
                        coordinator.tell(submission());
                    }
                    return Behaviors.same();
                })
                .onMessage(AcceptTimeout.class, t -> t.attempt() != attempt || watched != null ? Behaviors.same()
                        : fail("no node with role " + Roles.COORDINATOR + " took the run within "
                        + timing.acceptTimeout().toSeconds() + " s" + (lostNode == null ? ""
                        : " after its coordinator node " + lostNode + " was lost (a run survives that only with a"
                        + " second node of role " + Roles.COORDINATOR + ")")))
                .onMessage(Accepted.class, a -> {
                    if (a.runId().equals(runId) && a.attempt() == attempt) {
                        watch(a.attemptActor(), a.node());
                    }
                    return Behaviors.same();
                })
                .onMessage(Batch.class, this::onBatch)
                .onMessage(Live.class, this::onLive)
                .onMessage(ClockAt.class, c -> {
                    if (remote != null && c.runId().equals(runId) && c.attempt() == attempt) {
                        remote.timeAdvanced(c.time());
                    }
                    return Behaviors.same();
                })
                .onMessage(Forward.class, this::onForward)
                .onMessage(ControlDone.class, this::onControlDone)
                .onMessage(GapTimeout.class, g -> g.attempt() == attempt && nextSeq == g.seq()
                        ? fail("streamed batch " + g.seq() + " of attempt " + attempt + " never arrived within "
                        + timing.gapTimeout().toSeconds() + " s (later ones did): lost, or refused by the coordinator node"
                        + " (its log names a message over lorasim.cluster.frame-size); the run's records would be incomplete")
                        : Behaviors.same())
                .onMessage(Failed.class, f -> f.attempt() == attempt && f.runId().equals(runId)
                        ? fail("the run failed on its coordinator node " + node + ": " + f.reason())
                        : Behaviors.same())
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private void watch(ActorRef<?> attemptActor, String onNode) {
        if (watched != null) {
            return;
        }
        watched = attemptActor;
        node = onNode;
        context.watch(attemptActor);
        timers.cancel("resubmit");
        timers.cancel("accept");
        context.getLog().info("run {} attempt {} runs on {}", runId, attempt, onNode);
        if (lostNode != null) {
            RoundRecord checkpoint = replay.lastRound();
            String resumed = checkpoint == null ? "before round 0 ended, so nothing was written yet"
                    : "after round " + checkpoint.round() + ", the last round written: rounds 0-" + checkpoint.round()
                    + " are replayed there (checked equal, not written again)";
            RunEvent lost = new RunEvent(replay.lastTime(), checkpoint == null ? 0 : checkpoint.round() + 1,
                    "coordinator-lost", lostNode, "the run's coordinator node was lost; the run started again on "
                    + onNode + " (attempt " + attempt + ") and resumes " + resumed);
            listener.event(lost);
            listener.eventNow(lost);
        }
    }

    private Behavior<Command> onBatch(Batch batch) {
        if (!batch.runId().equals(runId) || batch.attempt() != attempt) {
            return Behaviors.same();
        }
        watch(batch.source(), batch.source().path().address().toString());
        early.put(batch.seq(), batch);
        try {
            while (!early.isEmpty() && early.firstKey() == nextSeq) {
                for (Streamed item : early.pollFirstEntry().getValue().items()) {
                    if (replay.pass(item) && deliver(item)) {
                        return Behaviors.stopped();
                    }
                }
                nextSeq++;
            }
        } catch (RuntimeException e) {
            return fail(e instanceof StreamReplay.Diverged ? e.getMessage()
                    : "the run's listener failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (!early.isEmpty()) {
            timers.startSingleTimer("gap", new GapTimeout(attempt, nextSeq), timing.gapTimeout());
        }
        return Behaviors.same();
    }

    /** Passes {@code item} to the listener; true once the run finished. */
    private boolean deliver(Streamed item) {
        if (item instanceof Streamed.HeldOut h) {
            listener.heldOut(h.description());
        } else if (item instanceof Streamed.Initial i) {
            listener.initial(i.before());
        } else if (item instanceof Streamed.Plan p) {
            listener.fedPipePlan(p.plan());
        } else if (item instanceof Streamed.SplitPart s) {
            splitParts.addAll(s.clients());
            if (s.last()) {
                listener.split(new ClientSplit(s.labelNames(), splitParts, s.synthetic()));
            }
        } else if (item instanceof Streamed.References r) {
            listener.references(r.references());
        } else if (item instanceof Streamed.Round r) {
            listener.round(r.record());
        } else if (item instanceof Streamed.Generations g) {
            listener.generations(g.round(), g.generations());
        } else if (item instanceof Streamed.Took t) {
            listener.participation(t.participation());
        } else if (item instanceof Streamed.Event e) {
            listener.event(e.event());
        } else if (item instanceof Streamed.GraphPart g) {
            graphParts.addAll(g.links());
            if (g.last()) {
                listener.graph(new RunGraph(g.clients(), g.aggregator(), graphParts));
            }
        } else if (item instanceof Streamed.RoundStarted s) {
            listener.roundStarted(s.round(), s.time(), s.sampled());
        } else if (item instanceof Streamed.Message m) {
            listener.message(m.sent());
        } else if (item instanceof Streamed.EventNow e) {
            listener.eventNow(e.event());
        } else if (item instanceof Streamed.Figures f) {
            if (f.round() < 0) {
                figures.finished(f.view());
            } else {
                figures.round(f.round(), f.view());
            }
        } else if (item instanceof Streamed.Finished f) {
            listener.finished(f.summary());
            release();
            result.complete(f.summary());
            return true;
        }
        return false;
    }

    private Behavior<Command> onLive(Live live) {
        if (live.runId().equals(runId) && live.attempt() == attempt && dashboard.watched()) {
            liveAttempt = attempt;
            if (remote == null) {
                remote = new RemoteRun(context.getSelf());
                dashboard.attached().accept(remote);
            }
        }
        return Behaviors.same();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Command> onForward(Forward forward) {
        if (liveAttempt != attempt || watched == null) {
            forward.done().completeExceptionally(new IllegalStateException(lostNode == null
                    ? "the run is not running on its coordinator node yet"
                    : "the run's coordinator node " + lostNode + " was lost: the run is starting again on the next"
                    + " coordinator node (controls act on it once it runs)"));
            return Behaviors.same();
        }
        long id = controls.sent(forward.control(), forward.done());
        ((ActorRef<RunAttempt.Command>) (ActorRef<?>) watched).tell(new RunControl.Request(id, forward.control(),
                context.getSelf()));
        return Behaviors.same();
    }

    private Behavior<Command> onControlDone(ControlDone done) {
        if (!done.runId().equals(runId) || done.attempt() != attempt) {
            return Behaviors.same();
        }
        controls.answered(done.id(), done.time(), done.error());
        return Behaviors.same();
    }

    private Behavior<Command> onTerminated(Terminated gone) {
        if (!gone.getRef().equals(watched)) {
            return Behaviors.same();
        }
        lostNode = node;
        liveAttempt = 0;
        controls.failAll("the run's coordinator node " + lostNode + " was lost before it answered");
        context.getLog().warn("run {}: its coordinator node {} was lost during attempt {}", runId, lostNode, attempt);
        if (attempt >= timing.maxAttempts()) {
            return fail("the run's coordinator node " + lostNode + " was lost, in attempt " + attempt + " of at most "
                    + timing.maxAttempts());
        }
        attempt++;
        watched = null;
        node = null;
        nextSeq = 0;
        early.clear();
        timers.cancel("gap");
        replay.newAttempt();
        submit();
        return Behaviors.same();
    }

    private void release() {
        coordinator.tell(new RunCoordinator.Release(runId, attempt));
        String reason = "the run has ended";
        if (remote != null) {
            remote.ended(reason);
        }
        controls.failAll(reason);
    }

    private Behavior<Command> fail(String reason) {
        return fail(reason, null);
    }

    private Behavior<Command> fail(String reason, Throwable cause) {
        release();
        result.completeExceptionally(new IllegalStateException("run " + runId + ": " + reason, cause));
        return Behaviors.stopped();
    }
}
