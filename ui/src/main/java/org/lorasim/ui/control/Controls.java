package org.lorasim.ui.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.ui.DashboardListener;
import org.lorasim.ui.LessonRequests;
import org.lorasim.ui.Lessons;
import org.lorasim.ui.protocol.Messages;

/**
 * Applies the page's control messages to a {@link LiveRun}, after checking them: the token (when the server
 * needs one), the run still going on, and every value ({@link ControlParser}). A refused message changes
 * nothing and gets a {@code reply} with the error; an applied scenario action gets its simulated time and is
 * handed to the {@link ActionLog}, which records it in the run's saved scenario. Clock actions: {@code pause},
 * {@code resume}, {@code step-event} (release the next simulated time), {@code step-round} (run until the next
 * round begins and pause exactly there; a pause or resume before then cancels the stop), {@code speed} ({@code speed}: simulated seconds per wall second).
 * {@code start-lesson} ({@code lesson}: a name of {@link Lessons#NAMES}) asks for that lesson to run next and
 * stops the current run if it still goes on (outcome {@code stopped: ...}); it is taken while the run goes on and
 * after it finished.
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
    private final CompletableFuture<LiveRun> run = new CompletableFuture<>();
    private final AtomicBoolean stopAfterRound = new AtomicBoolean();
    private volatile boolean paused;
    private volatile double speed;

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
        return live -> {
            if (paused) {
                live.pause();
            }
            live.watchTime(time -> {
                if (listener.seen(time) && paused) {
                    tellClock();
                }
            });
            run.complete(live);
            tellClock();
        };
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
        LiveRun live = run.join();
        switch (action) {
            case "pause" -> {
                stopAfterRound.set(false);
                live.pause();
                paused = true;
            }
            case "resume" -> {
                stopAfterRound.set(false);
                live.resume();
                paused = false;
            }
            case "step-event" -> {
                if (!paused) {
                    live.pause();
                    paused = true;
                }
                live.stepTime();
            }
            case "step-round" -> {
                stopAfterRound.set(true);
                paused = false;
                tellClock();
                live.stepRound().thenAccept(time -> {
                    if (stopAfterRound.getAndSet(false)) {
                        paused = true;
                        listener.seen(time);
                        tellClock();
                    }
                });
                return -1;
            }
            case "speed" -> {
                speed = ControlParser.positive(m, "speed");
                live.speed(speed);
            }
            default -> {
                ScenarioAction scenario = new ControlParser(listener.clientCount(), !listener.gossip()).action(action, m);
                long time = live.apply(scenario).toCompletableFuture().join();
                log.applied(time, scenario);
                return time;
            }
        }
        tellClock();
        return -1;
    }

    private void tellClock() {
        listener.publish(Messages.clock(paused, speed, listener.latestTime(), listener.finished()));
    }
}
