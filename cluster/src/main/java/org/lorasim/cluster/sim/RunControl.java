package org.lorasim.cluster.sim;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * What a dashboard in the submitting process does to a run on the cluster, sent to the run's attempt on its
 * coordinator node ({@link RunAttempt}), which holds the run's {@link org.lorasim.actors.run.LiveRun} and so its
 * clock and scenario runner: the same calls the single-JVM dashboard makes, made where the clock lives. A scenario
 * action is injected exactly as in one JVM ({@code LiveRun.apply}), so a run steered from the page on a cluster
 * gives the rounds of the same run in one JVM; pauses and speed change only wall time.
 */
public sealed interface RunControl extends LorasimMessage {

    /** Stop releasing simulated time (the waves of the current time finish). */
    record Pause() implements RunControl {
    }

    /** Release simulated time again. */
    record Resume() implements RunControl {
    }

    /** While paused, release the next simulated time and stay paused. */
    record StepTime() implements RunControl {
    }

    /** Run until the next round begins and pause there; answered (with that time) only when it paused. */
    record StepRound() implements RunControl {
    }

    /** Realtime speed, simulated seconds per wall second. */
    record Speed(double speed) implements RunControl {
    }

    /** End the run now with outcome {@code stopped: REASON}. */
    record Stop(String reason) implements RunControl {
    }

    /** Apply {@code action} at the next simulated nanosecond; answered with that time. */
    record Apply(ScenarioAction action) implements RunControl {
        public Apply {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * Request {@code id} of the submitter {@code replyTo}: do {@code control}, then answer
     * {@link RunSubmitter.ControlDone} with the clock's simulated time once it took it (the injected time for
     * {@link Apply}, the pause's time for {@link StepRound}), or the reason it could not be done.
     */
    record Request(long id, RunControl control, ActorRef<RunSubmitter.Command> replyTo) implements RunAttempt.Command,
            LorasimMessage {
        public Request {
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }
}
