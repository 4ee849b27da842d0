package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.actors.scenario.ScenarioScript;
import org.lorasim.cli.output.AtomicFiles;
import org.lorasim.cli.output.RunFolder;

/**
 * A run folder's {@code config.conf} that grows by every action taken on the dashboard: each is added to
 * {@code lorasim.scenario.events} as a timed event ({@link ScenarioScript}) after the scenario's own, and the
 * file is rewritten whole and atomically, so {@code lorasim run} of it replays the run at any moment.
 */
final class SavedScenario {

    private final Path file;
    private final Config scenario;
    private final List<String> events = new ArrayList<>();

    SavedScenario(Path file, Config scenario) {
        this.file = file;
        this.scenario = scenario;
        scenario.getList("lorasim.scenario.events").forEach(e -> events.add(e.render(ConfigRenderOptions.concise())));
    }

    synchronized void add(long time, ScenarioAction action) {
        events.add(ScenarioScript.event(time, action));
        Config updated = ConfigFactory.parseString("lorasim.scenario.events = [" + String.join(",\n", events) + "]")
                .withFallback(scenario).resolve();
        AtomicFiles.writeString(file, RunFolder.renderConfig(updated));
    }
}
