package org.lorasim.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lorasim experiment}: run an experiment folder's cells and seeds, report one, summarize them all. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reproduce a paper's claim: an experiment folder (experiments/NAME/experiment.conf) names a"
                + " base scenario, arms, grid axes and seeds; 'run' runs every cell with every seed, 'report'"
                + " writes its tables and plots from the run folders, 'summary' writes docs/results.md."},
        subcommands = {ExperimentRunCommand.class, ExperimentReportCommand.class, ExperimentSummaryCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim experiment run experiments/dec-lora",
                "  lorasim experiment report experiments/dec-lora --out docs/results/dec-lora",
                "  lorasim experiment summary experiments --out docs/results.md"})
final class ExperimentCommand extends LorasimCommand {

    /** Where {@code run} puts an experiment's runs unless {@code --runs} says otherwise. */
    static Path defaultRuns(Experiment experiment) {
        return RunDirectories.RUNS.resolve("experiments").resolve(experiment.name());
    }

    @Override
    int execute() {
        CommandLine cl = commandLine();
        cl.usage(cl.getErr());
        return BAD_INPUT;
    }
}
