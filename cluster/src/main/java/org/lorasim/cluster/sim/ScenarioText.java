package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;

/**
 * A run's scenario as it travels to the nodes: its whole, resolved {@code lorasim} tree as HOCON text (the
 * user's file over every default the coordinator had), so each node builds its clients from exactly the
 * settings the coordinator runs with, whatever its own files say.
 */
final class ScenarioText {

    private ScenarioText() {
    }

    static String render(Config scenario) {
        return scenario.root().withOnlyKey("lorasim").render(ConfigRenderOptions.concise());
    }

    /** The scenario over {@code node}'s own configuration (for what is not under {@code lorasim}). */
    static Config parse(String text, Config node) {
        return ConfigFactory.parseString(text).withFallback(node).resolve();
    }
}
