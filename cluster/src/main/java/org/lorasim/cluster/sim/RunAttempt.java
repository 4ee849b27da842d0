package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.actors.run.LiveRun;

/**
 * One attempt of a submitted run on the run coordinator's node: it answers {@link RunSubmitter.Accepted}, runs
 * the scenario with {@link ClusterSimulation} on a thread of its own (once the cluster has settled:
 * {@link #awaitSettled}) (the run blocks until it ends) with a
 * {@link StreamingListener} to the submitter, and tells it {@link RunSubmitter.Failed} when the run throws. The
 * submitter watches this actor: it stops only when released, so its end means its node was lost. If the
 * submitter is lost (its process killed or stopped, which removes it from the cluster), the attempt stops the run
 * ({@link LiveRun#stop}: outcome {@code stopped: its submitting process ... was lost}, the run's actors on every node
 * stop), before it starts if it was still being prepared, and then stops too: nobody would hear the run, and a
 * cluster should not spend its nodes on it.
 *
 * <p>It also holds the run's {@link LiveRun} (handed over once the graph is built, before simulated time starts,
 * and paused there when the submission asks): a dashboard's {@link RunControl.Request}s are done on it here,
 * where the clock is, and answered once the clock took them. For a watched submission it tells the submitter
 * {@link RunSubmitter.Live} when the run can be controlled, and the clock's latest simulated time at most every
 * {@link #TIME_EVERY} ({@link RunSubmitter.ClockAt}), so a paused page sees a step that delivered nothing it draws
 * without one remote message per time the clock moves to.
 */
final class RunAttempt {
    static final Duration SETTLE_WAIT = Duration.ofSeconds(60);
    /** How often at most the clock's latest time goes to a watching submitter. */
    static final Duration TIME_EVERY = Duration.ofMillis(100);
    private static final long SETTLE_POLL_MILLIS = 200;

    sealed interface Command permits AcceptAgain, RunEnded, Attached, TimeNow, SendTime, Flush, RunControl.Request {
    }

    /** A repeated submission of this attempt: answer it again. */
    record AcceptAgain() implements Command, NoSerializationVerificationNeeded {
    }

    private record RunEnded(Throwable failure) implements Command, NoSerializationVerificationNeeded {
    }

    /** The run is built (its graph), simulated time not started: its handle. */
    private record Attached(LiveRun live) implements Command, NoSerializationVerificationNeeded {
    }

    /** The clock moved to {@code time}. */
    private record TimeNow(long time) implements Command, NoSerializationVerificationNeeded {
    }

    private record SendTime() implements Command, NoSerializationVerificationNeeded {
    }

    /** Send what the streaming listener holds (a paused run tells nothing that would make it go). */
    private record Flush() implements Command, NoSerializationVerificationNeeded {
    }

    private RunAttempt() {
    }

    static Behavior<Command> create(RunCoordinator.Submit submit) {
        return Behaviors.<Command>setup(context -> {
            ActorRef<RunSubmitter.Command> submitter = submit.submitter();
            context.watch(submitter);
            String node = Cluster.get(context.getSystem()).selfMember().address().toString();
            ActorRef<?> self = context.getSelf();
            RunSubmitter.Accepted accepted = new RunSubmitter.Accepted(submit.runId(), submit.attempt(), node, self);
            submitter.tell(accepted);
            StreamingListener listener = new StreamingListener(submitter, submit.runId(), submit.attempt(), self);
            Config scenario = ScenarioText.parse(submit.scenario(), context.getSystem().settings().config())
                    .withValue(RunJournals.SUBMISSION_KEY, ConfigValueFactory.fromAnyRef(submit.runId()));
            ActorSystem<?> system = context.getSystem();
            ActorRef<Command> me = context.getSelf();
            SubmitterLoss loss = new SubmitterLoss();
            LiveRun.Attach attach = live -> {
                if (submit.startPaused()) {
                    live.pause();
                }
                loss.attached(live);
                listener.flush();
                me.tell(new Attached(live));
            };
            CompletableFuture.runAsync(() -> {
                        awaitSettled(system);
                        new ClusterSimulation(system, ClusterRuns.HOST_WAIT, ClusterRuns.PREPARE_TIMEOUT)
                                .run(scenario, listener, listener, attach);
                        listener.release();
                    },
                    command -> {
                        Thread t = new Thread(command, "lorasim-run-" + submit.runId() + "-" + submit.attempt());
                        t.setDaemon(true);
                        t.start();
                    }).whenComplete((done, failure) -> {
                        listener.flush();
                        context.getSelf().tell(new RunEnded(failure));
                    });
            ControlledRun controlled = new ControlledRun(submit);
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay("flush", new Flush(),
                        Duration.ofMillis(StreamingListener.LINGER_MILLIS));
                return Behaviors.receive(Command.class)
                        .onMessage(Flush.class, f -> {
                            listener.flush();
                            return Behaviors.same();
                        })
                        .onMessage(Attached.class, a -> {
                            controlled.attached(a.live(), time -> me.tell(new TimeNow(time)));
                            return Behaviors.same();
                        })
                        .onMessage(RunControl.Request.class, r -> {
                            controlled.handle(r);
                            return Behaviors.same();
                        })
                        .onMessage(TimeNow.class, t -> {
                            if (controlled.timeNow(t.time()) && !timers.isTimerActive("time")) {
                                timers.startSingleTimer("time", new SendTime(), TIME_EVERY);
                            }
                            return Behaviors.same();
                        })
                        .onMessage(SendTime.class, t -> {
                            controlled.sendTime();
                            return Behaviors.same();
                        })
                        .onMessage(AcceptAgain.class, again -> {
                            submitter.tell(accepted);
                            return Behaviors.same();
                        })
                        .onMessage(RunEnded.class, ended -> {
                            loss.ended();
                            if (ended.failure() != null) {
                                Throwable cause = ended.failure() instanceof java.util.concurrent.CompletionException
                                        && ended.failure().getCause() != null ? ended.failure().getCause() : ended.failure();
                                context.getLog().error("run {} attempt {} failed", submit.runId(), submit.attempt(), cause);
                                submitter.tell(new RunSubmitter.Failed(submit.runId(), submit.attempt(), describe(cause)));
                            }
                            return Behaviors.same();
                        })
                        .onSignal(Terminated.class, gone -> {
                            String reason = "its submitting process " + gone.getRef().path().address() + " was lost";
                            if (loss.lost(reason)) {
                                context.getLog().warn("run {} attempt {}: {}; stopping the run", submit.runId(),
                                        submit.attempt(), reason);
                            }
                            return Behaviors.stopped();
                        })
                        .build();
            });
        });
    }

    /**
     * Waits (at most {@link #SETTLE_WAIT}) until every member is Up and reachable: an attempt started after its
     * coordinator node was lost may start while that node is still Down, and the run's relay would then record
     * its removal as a {@code node-lost} event the lost attempt never had. The wait runs on the run's own thread.
     */
    static void awaitSettled(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterEvent.CurrentClusterState state = cluster.state();
            boolean settled = state.getUnreachable().isEmpty();
            for (Member m : state.getMembers()) {
                settled &= m.status() == MemberStatus.up();
            }
            if (settled) {
                return;
            }
            try {
                Thread.sleep(SETTLE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure instanceof com.typesafe.config.ConfigException || failure instanceof IllegalStateException
                ? message : failure.getClass().getSimpleName() + ": " + message;
    }
}
