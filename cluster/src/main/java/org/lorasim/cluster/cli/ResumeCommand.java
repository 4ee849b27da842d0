package org.lorasim.cluster.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cluster.output.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lorasim resume}: continue a stopped run from its checkpoint journal, rewriting its folder. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run that stopped (killed, crashed, machine lost) from RUN_DIR/checkpoint, with"
                + " the settings in RUN_DIR/config.conf. Finished rounds are not trained again; every output file"
                + " of the folder is rewritten."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim resume runs/flexlora-20260101-120000"})
final class ResumeCommand extends LorasimCommand {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder to continue.")
    Path runDir;

    @Override
    int execute() {
        Path configFile = runDir.resolve(RunFolder.CONFIG);
        if (!Files.isDirectory(runDir)) {
            throw new UserInputException("not a run folder: " + runDir);
        }
        if (!Files.isRegularFile(configFile)) {
            throw new UserInputException("not a run folder (no " + RunFolder.CONFIG + "): " + runDir);
        }
        Scenario loaded = ScenarioLoader.standard().load(configFile, List.of());
        ScenarioValidator.validate(loaded);
        RunSummary summary = RunLauncher.run(loaded.config(), runDir, out(), System.console() != null);
        return RunLauncher.report("resume", summary, runDir, out(), err());
    }
}
