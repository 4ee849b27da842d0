package org.lorasim.cluster.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * The cluster singleton that takes submitted runs, on the oldest {@code coordinator} node (Pekko's
 * {@link ClusterSingleton}: when that node is lost, the next oldest {@code coordinator} node starts it). Each
 * {@link Submit} of a run's attempt gets one {@link RunAttempt} child, which runs the scenario there and streams
 * its records to the submitter; a repeated {@code Submit} of the same attempt is answered again, never run twice.
 * The singleton keeps no state that must survive its node: what a lost attempt had recorded lives with the
 * submitter, which submits the run again as the next attempt ({@link RunSubmitter}).
 */
public final class RunCoordinator {

    /** The singleton's name (its actor and its proxies). */
    static final String NAME = "lorasim-run-coordinator";

    public sealed interface Command extends LorasimMessage permits Submit, Release {
    }

    /**
     * Run {@code scenario} (see {@link ScenarioText}) as attempt {@code attempt} of run {@code runId}, streaming to
     * {@code submitter}. {@code watched}: a dashboard follows the run, so the attempt tells the submitter when its
     * run can be controlled ({@link RunSubmitter.Live}) and the simulated times its clock moves to
     * ({@link RunSubmitter.ClockAt}); {@code startPaused}: its clock pauses before simulated time starts.
     */
    public record Submit(String runId, int attempt, String scenario, ActorRef<RunSubmitter.Command> submitter,
                         boolean watched, boolean startPaused)
            implements Command {
        public Submit {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(submitter, "submitter");
        }
    }

    /** The submitter has what it needs of this attempt (it finished, failed, or was given up): stop it. */
    public record Release(String runId, int attempt) implements Command {
    }

    private RunCoordinator() {
    }

    /** Starts the singleton's manager on a {@code coordinator} node, or only its proxy elsewhere; returns the proxy. */
    public static ActorRef<Command> init(ActorSystem<?> system) {
        return ClusterSingleton.get(system).init(SingletonActor.of(create(), NAME)
                .withSettings(ClusterSingletonSettings.create(system).withRole(Roles.COORDINATOR)));
    }

    static Behavior<Command> create() {
        return Behaviors.setup(context -> {
            Map<String, ActorRef<RunAttempt.Command>> attempts = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Submit.class, submit -> {
                        String key = submit.runId() + "-" + submit.attempt();
                        ActorRef<RunAttempt.Command> attempt = attempts.get(key);
                        if (attempt == null) {
                            attempt = context.spawn(RunAttempt.create(submit), "run-" + key);
                            attempts.put(key, attempt);
                            context.getLog().info("run {} attempt {} submitted by {}", submit.runId(),
                                    submit.attempt(), submit.submitter().path().address());
                        } else {
                            attempt.tell(new RunAttempt.AcceptAgain());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Release.class, release -> {
                        ActorRef<RunAttempt.Command> attempt = attempts.remove(release.runId() + "-" + release.attempt());
                        if (attempt != null) {
                            context.stop(attempt);
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
