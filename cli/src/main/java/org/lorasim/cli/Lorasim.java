package org.lorasim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code lorasim} command line (started by the {@code ./lorasim} launcher): run, validate, resume, sweep
 * and compare scenarios, and download the standard data sets. Exit codes: 0 done, 2 bad input, 1 failure.
 */
@Command(name = "lorasim", mixinStandardHelpOptions = true, version = "lorasim 0.1.0-SNAPSHOT",
        description = "Simulate federated and decentralized LoRA fine-tuning (Dec-LoRA, FlexLoRA, FedPipe,"
                + " SA-FedLoRA) on a virtual clock.",
        subcommands = {RunCommand.class, ValidateCommand.class, ResumeCommand.class, SweepCommand.class,
                ExperimentCommand.class,
                CompareCommand.class, DownloadDatasetsCommand.class, NodeCommand.class, UiCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim run my-scenario.conf --set lorasim.clients.count=20",
                "  lorasim validate my-scenario.conf",
                "  lorasim compare runs/a-20260101-120000 runs/b-20260101-121500",
                "  lorasim experiment run experiments/dec-lora",
                "%nExit codes: 0 done, 2 bad input (config, unknown key, missing file, bad --set), 1 failure."})
public final class Lorasim implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return LorasimCommand.BAD_INPUT;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // SLF4J binds its provider once; when the first loggers are asked for on several threads at once (a cluster
        // run's actor system and DJL's engine), it queues their calls and prints a three-line "replayed" notice.
        org.slf4j.LoggerFactory.getILoggerFactory();
        int code = new CommandLine(new Lorasim()).execute(args);
        Interruption.commandEnded();
        System.exit(code);
    }
}
