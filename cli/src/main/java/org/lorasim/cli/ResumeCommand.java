package org.lorasim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lorasim.actors.client.DamagedJournalException;
import org.lorasim.actors.client.TrainingJournal;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lorasim resume}: continue a stopped run from its checkpoint journal. The journal is checked first; the
 * run is replayed into {@code RUN_DIR/.resume} ({@link ResumeStaging}) and its files replace the folder's only
 * when that record is complete (finished), or when the folder held no finished record to lose.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run that stopped (killed, crashed, machine lost) from RUN_DIR/checkpoint, with"
                + " the settings in RUN_DIR/config.conf. Finished trainings are not trained again. The run is"
                + " replayed into RUN_DIR/.resume; its files replace the folder's when it finishes (a finished"
                + " run's files are never replaced by an unfinished record).",
                "Every journal entry carries a CRC32C checksum: a damaged entry (truncated, emptied, changed) stops"
                + " resume with its file and job named (exit 2); --retrain-damaged moves such entries to"
                + " RUN_DIR/checkpoint/damaged and trains those jobs again (a seeded training gives the same"
                + " outcome, so the run continues exactly)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim resume runs/flexlora-20260101-120000",
                "  lorasim resume --retrain-damaged runs/flexlora-20260101-120000"})
final class ResumeCommand extends LorasimCommand {

    /** The journal's folder inside {@code checkpoint/}, and where damaged entries are moved. */
    static final String JOURNAL = "training";
    static final String DAMAGED = "damaged";

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder to continue.")
    Path runDir;

    @Option(names = "--retrain-damaged", description = "Move damaged journal entries to"
            + " RUN_DIR/checkpoint/damaged and train their jobs again, instead of stopping.")
    boolean retrainDamaged;

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
        Path checkpoint = runDir.resolve(RunFolder.CHECKPOINT);
        checkJournal(checkpoint);
        ResumeStaging staging = ResumeStaging.begin(runDir);
        RunSummary summary;
        try {
            summary = RunLauncher.run(loaded.config(), staging.dir(), checkpoint, out(), System.console() != null);
        } catch (RuntimeException e) {
            staging.end(false).ifPresent(message -> err().println("lorasim resume: " + message));
            throw e;
        }
        staging.end(summary.finished()).ifPresent(message -> err().println("lorasim resume: " + message));
        return RunLauncher.report("resume", summary, runDir, out(), err());
    }

    /** Stops on damaged entries (exit 2), or with {@code --retrain-damaged} moves them aside and says so. */
    private void checkJournal(Path checkpoint) {
        Path journal = checkpoint.resolve(JOURNAL);
        List<DamagedJournalException.Damage> damaged = TrainingJournal.check(journal);
        if (damaged.isEmpty()) {
            return;
        }
        if (!retrainDamaged) {
            throw new UserInputException(new DamagedJournalException(damaged).getMessage()
                    + "\nnothing was changed; to train these jobs again and continue: lorasim resume --retrain-damaged "
                    + runDir);
        }
        List<Path> moved = TrainingJournal.setAside(damaged, checkpoint.resolve(DAMAGED));
        out().println("moved " + moved.size() + " damaged journal entr" + (moved.size() == 1 ? "y" : "ies") + " to "
                + checkpoint.resolve(DAMAGED) + "; their jobs are trained again");
        out().flush();
    }
}
