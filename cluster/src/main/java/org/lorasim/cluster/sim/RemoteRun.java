package org.lorasim.cluster.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.scenario.ScenarioAction;

/**
 * A handle, in the submitting process, on a run going on on the cluster, for a person at a dashboard: the calls of
 * {@link org.lorasim.actors.run.LiveRun}, each sent as a {@link RunControl} through this process's
 * {@link RunSubmitter} to the run's current attempt on its coordinator node, where the clock is. Each completes
 * once the coordinator's clock took it, with its simulated time then (an applied action: the time it applies at;
 * a round step: the time it paused at), or exceptionally with the reason (the run is not running on a coordinator
 * node at the moment, the node was lost, the run ended).
 */
public final class RemoteRun {

    /**
     * How a dashboard follows a run it submits: {@code startPaused} holds simulated time at 0 (the attempt pauses
     * its clock before time starts), {@code attached} receives the handle once the run is built on its coordinator
     * node. {@link #NONE}: no dashboard (no handle, no time updates).
     */
    public record Attach(boolean startPaused, Consumer<RemoteRun> attached) {
        public static final Attach NONE = new Attach(false, null);

        boolean watched() {
            return attached != null;
        }
    }

    private final ActorRef<RunSubmitter.Command> submitter;
    private final List<LongConsumer> observers = new CopyOnWriteArrayList<>();
    private volatile String ended;

    RemoteRun(ActorRef<RunSubmitter.Command> submitter) {
        this.submitter = submitter;
    }

    public CompletionStage<Long> pause() {
        return send(new RunControl.Pause());
    }

    public CompletionStage<Long> resume() {
        return send(new RunControl.Resume());
    }

    public CompletionStage<Long> stepTime() {
        return send(new RunControl.StepTime());
    }

    /** Completes when the clock paused at the next round's start, with that time; never if a pause or resume came first. */
    public CompletionStage<Long> stepRound() {
        return send(new RunControl.StepRound());
    }

    public CompletionStage<Long> speed(double speed) {
        return send(new RunControl.Speed(speed));
    }

    public CompletionStage<Long> stop(String reason) {
        return send(new RunControl.Stop(reason));
    }

    public CompletionStage<Long> apply(ScenarioAction action) {
        return send(new RunControl.Apply(action));
    }

    /**
     * Tells {@code observer} the simulated times the coordinator's clock moves to, at most every
     * {@link RunAttempt#TIME_EVERY} (the latest one always arrives), on the submitter's thread.
     */
    public void watchTime(LongConsumer observer) {
        observers.add(observer);
    }

    void timeAdvanced(long time) {
        observers.forEach(o -> o.accept(time));
    }

    /** The submitter stopped (the run ended or failed): every later call fails at once with {@code reason}. */
    void ended(String reason) {
        ended = reason;
    }

    private CompletionStage<Long> send(RunControl control) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (ended != null) {
            done.completeExceptionally(new IllegalStateException(ended));
            return done;
        }
        submitter.tell(new RunSubmitter.Forward(control, done));
        return done;
    }
}
