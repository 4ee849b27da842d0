package org.lorasim.cli;

import java.nio.file.Path;
import org.lorasim.cli.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lorasim experiment report}: one experiment's tables, claim verdict and plots from its run folders, as
 * {@code OUT/README.md} beside the PNG files.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an experiment's report from its run folders: OUT/README.md (how to reproduce it, seeds,"
                + " wall time, machine, the claim's verdict, a table of mean and spread over seeds) and the plots"
                + " as PNG files beside it."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim experiment report experiments/dec-lora --out docs/results/dec-lora"})
final class ExperimentReportCommand extends LorasimCommand {

    static final String README = "README.md";

    @Parameters(index = "0", paramLabel = "EXPERIMENT_DIR", description = "The experiment folder.")
    Path experimentDir;

    @Option(names = "--runs", paramLabel = "DIR", description = "Its run folders; default runs/experiments/NAME.")
    Path runs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where README.md and the plots go.")
    Path out;

    @Override
    int execute() {
        Experiment experiment = Experiment.read(experimentDir);
        ExperimentReport report = new ExperimentReport(experiment,
                runs != null ? runs : ExperimentCommand.defaultRuns(experiment));
        String md = report.render("# ", out, "", out.toString());
        AtomicFiles.writeString(out.resolve(README), md);
        out().println(experiment.name() + ": " + (!report.anyRan() ? "not yet run here" : report.verdicts().isEmpty()
                ? "no claim" : String.join("; ", report.verdicts().stream().map(Verdict::word).toList())));
        out().println("report: " + out.resolve(README));
        out().flush();
        return DONE;
    }
}
