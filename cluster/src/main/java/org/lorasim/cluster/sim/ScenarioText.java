package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import org.lorasim.actors.profile.ClientsSettings;
import org.lorasim.actors.run.DatasetCatalog;

/**
 * A run's scenario as it travels to the nodes: its whole, resolved {@code lorasim} tree as HOCON text (the
 * user's file over every default the coordinator had), so each node builds its clients from exactly the
 * settings the coordinator runs with, whatever its own files say. Paths a scenario file names relative to itself
 * (a decoder's checkpoint and tokenizer, data folders and files, client tables) are made absolute first, on the
 * machine that read the file: the text keeps no origin, so a node would otherwise resolve them against its own
 * working directory. Every node therefore needs those files at the same absolute paths.
 */
final class ScenarioText {

    private ScenarioText() {
    }

    static String render(Config scenario) {
        return DatasetCatalog.withAbsoluteFiles(ClientsSettings.withAbsoluteFiles(scenario)).root()
                .withOnlyKey("lorasim").render(ConfigRenderOptions.concise());
    }

    /**
     * {@code text} with {@code events} (HOCON objects, e.g. {@link org.lorasim.actors.scenario.ScenarioScript#event})
     * added after its {@code lorasim.scenario.events}.
     */
    static String withEvents(String text, java.util.List<String> events) {
        Config scenario = ConfigFactory.parseString(text);
        java.util.List<String> all = new java.util.ArrayList<>();
        if (scenario.hasPath("lorasim.scenario.events")) {
            scenario.getList("lorasim.scenario.events").forEach(e -> all.add(e.render(ConfigRenderOptions.concise())));
        }
        all.addAll(events);
        return render(ConfigFactory.parseString("lorasim.scenario.events = [" + String.join(",\n", all) + "]")
                .withFallback(scenario));
    }

    /** The scenario over {@code node}'s own configuration (for what is not under {@code lorasim}). */
    static Config parse(String text, Config node) {
        return ConfigFactory.parseString(text).withFallback(node).resolve();
    }
}
