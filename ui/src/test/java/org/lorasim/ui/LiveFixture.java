package org.lorasim.ui;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.Simulation;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.trainer.TrainingHook;

/** A small system-only run behind a live dashboard, started paused on its own thread. */
final class LiveFixture implements AutoCloseable {

    record Applied(long time, ScenarioAction action) {
    }

    final List<Applied> applied = Collections.synchronizedList(new ArrayList<>());
    final Dashboard dashboard;
    final CompletableFuture<RunSummary> summary;

    LiveFixture(String host, int clients, int rounds) {
        this(host, clients, rounds, "lorasim.rounds.clients-per-round = " + clients / 2);
    }

    LiveFixture(String host, int clients, int rounds, String more) {
        Config config = ConfigFactory.parseString("lorasim.run { trainer = cost-model, rounds = " + rounds + " }\n"
                + "lorasim.clients.count = " + clients + "\n" + more + "\n")
                .withFallback(ConfigFactory.load()).resolve();
        dashboard = Dashboard.live(host, 0, "test", null, 1.0, true, (time, action) -> applied.add(new Applied(time, action)));
        summary = CompletableFuture.supplyAsync(() -> Simulation.run(config, dashboard.listener(), null,
                TrainingHook.NONE, dashboard.attach()));
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
