package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;

/** What a run told its listener, wall times taken out. */
final class Recording implements RunListener {
    final List<RoundRecord> rounds = new ArrayList<>();
    final List<RunEvent> events = new ArrayList<>();
    final List<Participation> participation = new ArrayList<>();
    /** A decoder run's sampled generations, by round ({@code RoundRecord.BEFORE} for the starting model). */
    final Map<Integer, List<org.lorasim.actors.run.ModelEvaluator.Generation>> generations = new TreeMap<>();
    /** Each round's start time and sampled clients, by round. */
    final Map<Integer, Long> started = new TreeMap<>();
    final Map<Integer, List<Integer>> sampled = new TreeMap<>();
    /** Called with each round record, on the recorder's thread (a test's way to act mid-run). */
    volatile Consumer<RoundRecord> onRound = r -> { };
    RoundRecord initial;
    RunSummary summary;

    /** A two-round real-training run of two clients small enough for a test: 2 steps of 4 x 24 tokens, rank 4. */
    static final com.typesafe.config.Config TINY_TRAINED = scenario("""
            lorasim.run { rounds = 2, seed = 5 }
            lorasim.clients.count = 2
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.references.linear-probe = off
            """);

    /** {@code hocon} over every default, resolved: a scenario as {@code lorasim run} would read it. */
    static com.typesafe.config.Config scenario(String hocon) {
        return com.typesafe.config.ConfigFactory.parseString(hocon)
                .withFallback(com.typesafe.config.ConfigFactory.load()).resolve();
    }

    /** What {@code scenario} tells its listener in one JVM. */
    static Recording inOneJvm(com.typesafe.config.Config scenario) {
        Recording recording = new Recording();
        org.lorasim.actors.run.Simulation.run(scenario, recording, null);
        return recording;
    }

    /** What {@code scenario} tells its listener run by {@code simulation} across its cluster. */
    static Recording onTheCluster(ClusterSimulation simulation, com.typesafe.config.Config scenario) {
        Recording recording = new Recording();
        simulation.run(scenario, recording);
        return recording;
    }

    @Override
    public void initial(RoundRecord before) {
        initial = before;
    }

    @Override
    public void round(RoundRecord record) {
        rounds.add(record.withoutWallTime());
        onRound.accept(record);
    }

    @Override
    public void participation(Participation p) {
        participation.add(p);
    }

    @Override
    public void roundStarted(int round, long time, List<Integer> sampledClients) {
        started.put(round, time);
        sampled.put(round, List.copyOf(sampledClients));
    }

    @Override
    public void generations(int round, List<org.lorasim.actors.run.ModelEvaluator.Generation> samples) {
        generations.put(round, List.copyOf(samples));
    }

    @Override
    public void event(RunEvent event) {
        events.add(event);
    }

    @Override
    public void finished(RunSummary summary) {
        this.summary = summary;
    }
}
