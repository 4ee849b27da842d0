package org.lorasim.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import org.lorasim.actors.run.MemoryFit;
import org.lorasim.actors.run.RunSettings;

/**
 * The line {@code lorasim run} and {@code lorasim validate} print when clients of a centralized scenario do not
 * fit their memory ({@link MemoryFit#summary}): they will never train, so a user sees it before the run starts.
 * Nothing when every client fits.
 */
final class MemoryCheckLine {

    private MemoryCheckLine() {
    }

    static void print(Config validated, PrintWriter out) {
        MemoryFit.summary(RunSettings.from(validated)).ifPresent(out::println);
    }
}
