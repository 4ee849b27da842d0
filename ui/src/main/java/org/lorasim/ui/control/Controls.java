package org.lorasim.ui.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.ui.DashboardListener;
import org.lorasim.ui.LessonRequests;
import org.lorasim.ui.Lessons;
import org.lorasim.ui.protocol.Messages;

/**
 * Applies the page's control messages to the run shown ({@link RunHandle}: in this JVM, or on a cluster's
 * coordinator node), after checking them: the token (when the server
 * needs one), the run still going on, and every value ({@link ControlParser}). A refused message changes
 * nothing and gets a {@code reply} with the error; an applied scenario action gets its simulated time and is
 * handed to the {@link ActionLog}, which records it in the run's saved scenario. Clock actions: {@code pause},
 * {@code resume}, {@code step-event} (release the next simulated time), {@code step-round} (run until the next
 * round begins and pause exactly there; a pause or resume before then cancels the stop), {@code speed} ({@code speed}: simulated seconds per wall second).
 * {@code start-lesson} ({@code lesson}: a name of {@link Lessons#NAMES}) asks for that lesson to run next and
 * stops the current run if it still goes on (outcome {@code stopped: ...}); it is taken while the run goes on and
 * after it finished. A call the run could not take (its clock did not answer within {@value #ANSWER_SECONDS} s,
 * a cluster run between attempts) is refused with the reason.
 */
public final class Controls {

    /** Where applied scenario actions are recorded, with their simulated time. */
    @FunctionalInterface
    public interface ActionLog {
        void applied(long time, ScenarioAction action);
    }

    private final DashboardListener listener;
    private final ActionLog log;
    private final String token;
    private final LessonRequests lessons;
    /** How long a control waits for the run to take it. */
    static final int ANSWER_SECONDS = 15;

    private final CompletableFuture<RunHandle> run = new CompletableFuture<>();
    private final AtomicBoolean stopAfterRound = new AtomicBoolean();
    private volatile boolean paused;
    private volatile double speed;
    /**
     * The time of the last {@code clock} message: a paused page is told each later time the clock moves to, even
     * when a callback already showed it (a cluster run's callbacks and clock times travel apart).
     */
    private volatile long toldTime = -1;

    /** {@code token} null: no token needed (loopback); {@code lessons} hears the lessons the page starts. */
    public Controls(DashboardListener listener, ActionLog log, String token, double speed, boolean startPaused,
                    LessonRequests lessons) {
        this.listener = listener;
        this.lessons = Objects.requireNonNull(lessons, "lessons");
        this.log = Objects.requireNonNull(log, "log");
        this.token = token;
        this.speed = speed;
        this.paused = startPaused;
    }

    /** The seam to give {@link org.lorasim.actors.run.Simulation#run}: takes the handle, pausing it if asked. */
    public LiveRun.Attach attach() {
        return live -> attach(RunHandle.of(live));
    }

    /**
     * Takes the handle of the run shown (once it is built, before or as simulated time starts), pausing it if the
     * dashboard started paused; from then on the page's controls act on it.
     */
    public void attach(RunHandle handle) {
        if (paused) {
            handle.pause();
        }
        handle.watchTime(time -> {
            listener.seen(time);
            if (paused && time > toldTime) {
                tellClock();
            }
        });
        run.complete(handle);
        tellClock();
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /** Handles one control message; returns the {@code reply} to send back to the page that sent it. */
    public String handle(JsonNode message) {
        String id = message.path("id").asText("");
        try {
            return Messages.text(Messages.reply(id, null, apply(message)));
        } catch (ControlError e) {
            return Messages.text(Messages.reply(id, e.getMessage(), -1));
        }
    }

    private long apply(JsonNode m) throws ControlError {
        if (!"control".equals(m.path("type").asText())) {
            throw new ControlError("unknown message type '" + m.path("type").asText() + "': send {type: control, ...}");
        }
        if (token != null && !token.equals(m.path("token").asText(null))) {
            throw new ControlError("this dashboard is reachable beyond this machine: controls need the token"
                    + " printed when it started");
        }
        String action = m.path("action").asText("");
        if ("start-lesson".equals(action)) {
            String name = m.path("lesson").asText("");
            if (!Lessons.NAMES.contains(name)) {
                throw new ControlError("unknown lesson '" + name + "': the lessons are " + String.join(", ", Lessons.NAMES));
            }
            lessons.request(name);
            if (!listener.finished()) {
                run.thenAccept(live -> live.stop("lesson " + name + " started from the page"));
            }
            return -1;
        }
        if (!run.isDone()) {
            throw new ControlError("the run has not started yet");
        }
        if (listener.finished()) {
            throw new ControlError("the run has finished: nothing to " + (action.isEmpty() ? "control" : action));
        }
        RunHandle live = run.join();
        switch (action) {
            case "pause" -> {
                stopAfterRound.set(false);
                paused = true;
                taken(live.pause());
            }
            case "resume" -> {
                stopAfterRound.set(false);
                paused = false;
                taken(live.resume());
            }
            case "step-event" -> {
                if (!paused) {
                    paused = true;
                    taken(live.pause());
                }
                taken(live.stepTime());
            }
            case "step-round" -> {
                stopAfterRound.set(true);
                paused = false;
                tellClock();
                String id = m.path("id").asText("");
                live.stepRound().whenComplete((time, failure) -> {
                    if (failure != null) {
                        stopAfterRound.set(false);
                        listener.publish(Messages.reply(id, "step-round: " + reason(failure), -1));
                    } else if (stopAfterRound.getAndSet(false)) {
                        paused = true;
                        listener.seen(time);
                        tellClock();
                    }
                });
                return -1;
            }
            case "speed" -> {
                double wanted = ControlParser.positive(m, "speed");
                taken(live.speed(wanted));
                speed = wanted;
            }
            default -> {
                ScenarioAction scenario = new ControlParser(listener.clientCount(), !listener.gossip()).action(action, m);
                long time = taken(live.apply(scenario));
                log.applied(time, scenario);
                return time;
            }
        }
        tellClock();
        return -1;
    }

    /**
     * Waits until the run took a call; notes the clock's time it answers with (a cluster's coordinator knows it, a
     * run in this JVM answers -1) and returns it.
     */
    private long taken(CompletionStage<Long> call) throws ControlError {
        long time;
        try {
            time = call.toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ControlError(reason(e.getCause()));
        } catch (TimeoutException e) {
            throw new ControlError("the run did not take it within " + ANSWER_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlError("interrupted while waiting for the run to take it");
        }
        if (time >= 0) {
            listener.seen(time);
        }
        return time;
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void tellClock() {
        toldTime = listener.latestTime();
        listener.publish(Messages.clock(paused, speed, toldTime, listener.finished()));
    }
}
