package org.lorasim.actors.run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.scenario.ScenarioRunner;

/**
 * A handle on a running simulation for a person at a dashboard: pause, resume and step the clock, change its
 * realtime speed, and apply a {@link ScenarioAction} now. An action goes to the run's {@link ScenarioRunner}
 * exactly as a scripted one does, injected into the clock at the current simulated time plus 1 ns
 * ({@link Clock.Inject}) under sender id {@value #SENDER_ID}, which sorts before the runner's own id: a scenario
 * holding the same action as a timed event at that time ({@code at-time}) replays the run exactly.
 * Validating an action (client ids, values, whether the run still goes on) is the caller's job.
 */
public final class LiveRun {

    /** The clock sender id of injected actions; below {@link SenderIds#SCENARIO} and the opening's 0. */
    public static final long SENDER_ID = -1;

    /** Receives the handle once the run's graph is built, before simulated time starts. */
    @FunctionalInterface
    public interface Attach {
        void attached(LiveRun run);

        Attach NONE = run -> {
        };
    }

    private final ActorSystem<?> system;
    private final ActorRef<Clock.Command> clock;
    private final ActorRef<Clock.Delivered> scenario;
    private final RunGraph graph;

    LiveRun(ActorSystem<?> system, ActorRef<Clock.Command> clock, ActorRef<Clock.Delivered> scenario, RunGraph graph) {
        this.system = system;
        this.clock = clock;
        this.scenario = scenario;
        this.graph = graph;
    }

    public RunGraph graph() {
        return graph;
    }

    public void pause() {
        clock.tell(new Clock.Pause());
    }

    public void resume() {
        clock.tell(new Clock.Resume());
    }

    /** While paused, release the next simulated time and stay paused. */
    public void stepTime() {
        clock.tell(new Clock.StepTime());
    }

    /**
     * Runs until the next round begins and pauses there, exactly at its simulated start (the scenario runner
     * tells the armed clock before it acknowledges the round's start); a {@link #pause} or {@link #resume}
     * before then cancels the stop. Completes with the simulated time at which the clock paused, never if
     * the stop was cancelled.
     */
    public CompletionStage<Long> stepRound() {
        CompletableFuture<Long> paused = new CompletableFuture<>();
        ActorRef<Clock.RoundPaused> waiter = system.systemActorOf(Behaviors.receive(Clock.RoundPaused.class)
                .onAnyMessage(p -> {
                    paused.complete(p.time());
                    return Behaviors.stopped();
                }).build(), "round-pause-" + UUID.randomUUID(), Props.empty());
        CompletionStage<Clock.Injected> injected = AskPattern.ask(clock,
                reply -> new Clock.Inject(scenario, new ScenarioRunner.PauseAtNextRound(clock), SENDER_ID, reply),
                Duration.ofSeconds(10), system.scheduler());
        injected.thenAccept(i -> clock.tell(new Clock.ArmRoundPause(waiter)));
        return paused;
    }

    /**
     * Ends the run now: the clock releases nothing more and the run finishes with outcome
     * {@code stopped: REASON}, reporting what it has (its rounds so far, its events).
     */
    public void stop(String reason) {
        clock.tell(new Clock.Stop(reason));
    }

    /** Realtime speed, simulated seconds per wall second; finite and {@code > 0}. */
    public void speed(double speed) {
        clock.tell(new Clock.SetSpeed(speed));
    }

    /**
     * Tells {@code observer} every simulated time the clock moves to (from an actor of the run's system, one
     * call at a time), so a paused dashboard sees a step that delivered nothing it draws.
     */
    public void watchTime(java.util.function.LongConsumer observer) {
        ActorRef<Clock.TimeAdvanced> watcher = system.systemActorOf(Behaviors.receive(Clock.TimeAdvanced.class)
                .onAnyMessage(t -> {
                    observer.accept(t.time());
                    return Behaviors.same();
                }).build(), "time-watcher-" + UUID.randomUUID(), Props.empty());
        clock.tell(new Clock.Subscribe(watcher));
    }

    /**
     * The clock's simulated time once it has taken every command told before (a dashboard on another JVM learns
     * from it that a pause took effect, and at which time).
     */
    public CompletionStage<Long> time() {
        CompletionStage<Clock.CurrentTime> now = AskPattern.ask(clock, Clock.GetTime::new, Duration.ofSeconds(10),
                system.scheduler());
        return now.thenApply(Clock.CurrentTime::time);
    }

    /** Applies {@code action} at the next simulated nanosecond; completes with that simulated time. */
    public CompletionStage<Long> apply(ScenarioAction action) {
        CompletionStage<Clock.Injected> injected = AskPattern.ask(clock,
                reply -> new Clock.Inject(scenario, new ScenarioRunner.Fire(-1, 0, action), SENDER_ID, reply),
                Duration.ofSeconds(10), system.scheduler());
        return injected.thenApply(Clock.Injected::time);
    }
}
