package org.lorasim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lorasim validate}: every check a run makes before it starts, and nothing else. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a scenario without running it: unknown keys (with a did-you-mean), wrong types,"
                + " and the runtime's own checks (ranges, algorithm names, scenario events), each problem as"
                + " FILE:LINE: KEY: message. Exit 0 when valid, 2 if not."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim validate my-scenario.conf",
                "  lorasim validate my-scenario.conf --set lorasim.clients.count=50"})
final class ValidateCommand extends LorasimCommand {

    @Parameters(index = "0", paramLabel = "SCENARIO.conf", description = "The scenario (HOCON) to check.")
    Path scenario;

    @Mixin
    ScenarioOverrides overrides;

    @Override
    int execute() {
        Scenario loaded = ScenarioLoader.standard().load(scenario, overrides.sets);
        ScenarioValidator.validate(loaded);
        out().println(scenario + ": valid");
        GossipGraphLine.print(loaded.config(), out());
        MemoryCheckLine.print(loaded.config(), out());
        out().flush();
        return DONE;
    }
}
