package org.lorasim.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import org.lorasim.actors.run.RunSettings;

/**
 * The line {@code lorasim run} and {@code lorasim validate} print for a decentralized scenario: its gossip graph,
 * mixing rule and spectral gap ({@link org.lorasim.actors.run.DecLoraSettings#describe}), so that a user sees how
 * fast the chosen graph can reach consensus before the run starts. Nothing for other variants.
 */
final class GossipGraphLine {

    private GossipGraphLine() {
    }

    static void print(Config validated, PrintWriter out) {
        RunSettings s = RunSettings.from(validated);
        if (s.variant().equals("decentralized")) {
            out.println(s.decLora().describe(s.clients().count(), s.seed()));
        }
    }
}
