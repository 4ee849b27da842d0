package org.lorasim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --set KEY=VALUE} options shared by the commands that load a scenario. */
final class ScenarioOverrides {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting with a HOCON value, over the scenario file; repeatable, a later"
                    + " --set wins (e.g. --set lorasim.clients.count=20).")
    List<String> sets = new ArrayList<>();
}
