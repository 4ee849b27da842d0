package org.lorasim.cli;

import com.typesafe.config.Config;

/**
 * A scenario as the command line loaded it.
 *
 * @param config   everything, resolved: {@code --set} over the user's file (or, without one, {@code application.conf}) over
 *                 the {@code reference.conf}s; what the run is given
 * @param user     only what the user's file and {@code --set}s say, resolved against {@code config}; its
 *                 values keep their origins (file and line, or the {@code --set})
 * @param defaults {@code application.conf} over the {@code reference.conf}s, resolved: the known keys and
 *                 their types
 * @param name     the scenario file's name without {@code .conf}, or {@code default} without a file
 */
public record Scenario(Config config, Config user, Config defaults, String name) {
}
