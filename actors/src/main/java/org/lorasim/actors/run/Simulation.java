package org.lorasim.actors.run;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Runs one scenario end to end in this JVM. Work in progress: the builder of the actor graph lands with
 * issue 4.
 */
public final class Simulation {

    private Simulation() {
    }

    /**
     * Checks every setting of {@code config} that the runtime reads, before anything runs.
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings
     */
    public static void validate(Config config) {
        throw new UnsupportedOperationException("Simulation.validate is not built yet");
    }

    /**
     * Runs the scenario {@code config} (the user's file over {@code application.conf} and the
     * {@code reference.conf}s), reporting to {@code listener}; {@code checkpointDir} holds the run's journal
     * of finished work, and a run given a directory with a journal continues from it.
     *
     * @throws com.typesafe.config.ConfigException naming the key and where it was set, for bad settings
     */
    public static RunSummary run(Config config, RunListener listener, Path checkpointDir) {
        throw new UnsupportedOperationException("Simulation.run is not built yet");
    }
}
