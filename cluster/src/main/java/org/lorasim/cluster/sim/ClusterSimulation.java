package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.lorasim.actors.run.Deployment;
import org.lorasim.actors.run.LiveRun;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;
import org.lorasim.actors.trainer.TrainingHook;

/**
 * Runs a scenario across the cluster that {@code coordinator} belongs to: the clock, the aggregator, the
 * scenario runner and the recorder on the coordinator node (under {@link CoordinatorHost}), the clients with
 * their links as sharded entities on the {@code clients} nodes ({@link ClusterClients}), trained on the
 * {@code trainer} nodes' slots. Same seed, same records and checksums as {@link Simulation#run} in one JVM.
 */
public final class ClusterSimulation {
    private static final AtomicLong RUNS = new AtomicLong();

    private final ActorSystem<?> coordinator;
    private final Duration hostWait;
    private final Duration prepareTimeout;
    private volatile ClusterClients lastClients;

    public ClusterSimulation(ActorSystem<?> coordinator, Duration hostWait, Duration prepareTimeout) {
        this.coordinator = coordinator;
        this.hostWait = hostWait;
        this.prepareTimeout = prepareTimeout;
    }

    /** Runs {@code scenario} (as {@link Simulation#run}, without a training journal). */
    public RunSummary run(Config scenario, RunListener listener) {
        return run(scenario, listener, ClusterFiguresListener.NONE);
    }

    /**
     * Runs {@code scenario}, telling {@code figures} the cluster's figures after each round and at the end (see
     * {@link RunFigures}).
     */
    public RunSummary run(Config scenario, RunListener listener, ClusterFiguresListener figures) {
        return run(scenario, listener, figures, LiveRun.Attach.NONE);
    }

    /**
     * As {@link #run(Config, RunListener, ClusterFiguresListener)}, handing {@code attach} the run's
     * {@link LiveRun} on this (the coordinator) node once its graph is built, before simulated time starts.
     */
    public RunSummary run(Config scenario, RunListener listener, ClusterFiguresListener figures,
                          LiveRun.Attach attach) {
        String runId = Long.toString(System.currentTimeMillis(), 36) + "-" + RUNS.incrementAndGet();
        ClusterClients clients = new ClusterClients(runId, scenario, hostWait, prepareTimeout,
                TrainerWarmUp.start(coordinator, scenario, prepareTimeout));
        lastClients = clients;
        RunFigures runFigures = new RunFigures(coordinator, runId, figures);
        RunSummary summary = Simulation.run(scenario, RoundEndFigures.after(listener, runFigures::roundEnded), null,
                TrainingHook.NONE, new Deployment(new CoordinatorHost(coordinator), Optional.of(clients)), attach);
        runFigures.finish();
        return summary;
    }

    /** The clients of the last run started (for its figures: hosts, deliveries forwarded). */
    public ClusterClients lastClients() {
        return lastClients;
    }
}
