package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.lorasim.actors.client.DamagedJournalException;
import org.lorasim.actors.client.TrainingJournal;

/**
 * Where a {@code clients} node journals the training outcomes of a submitted run: {@code
 * lorasim.cluster.journal-dir} (of the node's own configuration; empty: {@code java.io.tmpdir/lorasim-journals})
 * / the submission's id ({@value #SUBMISSION_KEY}, set by the run coordinator, the same in every attempt of the
 * run). An attempt started after the coordinator node was lost replays the run from round 0, and the outcomes
 * found there are delivered without training again ({@link TrainingJournal}); so the rounds the lost attempt had
 * finished cost no training. Nodes of one machine share the directory, so a client that moved to another node
 * of the same machine finds its outcomes too; on another machine it trains again (to the same outcome).
 */
final class RunJournals {
    /** The scenario key that names a submitted run's journal; empty: no journal (a run not submitted). */
    static final String SUBMISSION_KEY = "lorasim.cluster.submission-id";
    static final String DIR_KEY = "lorasim.cluster.journal-dir";

    private RunJournals() {
    }

    /** The submission id of {@code scenario}, or empty. */
    static String submission(Config scenario) {
        return scenario.hasPath(SUBMISSION_KEY) ? scenario.getString(SUBMISSION_KEY) : "";
    }

    static Path directory(Config node, String submission) {
        String root = node.hasPath(DIR_KEY) ? node.getString(DIR_KEY) : "";
        Path base = root.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "lorasim-journals") : Path.of(root);
        return base.resolve(submission);
    }

    /**
     * The journal of {@code submission} on this node, its damaged entries (a node killed while writing cannot
     * leave one, but a disk can) set aside into {@code damaged/}, so their trainings run again.
     */
    static TrainingJournal open(ActorSystem<?> system, String submission) {
        Path dir = directory(system.settings().config(), submission);
        List<DamagedJournalException.Damage> damaged = TrainingJournal.check(dir);
        if (!damaged.isEmpty()) {
            TrainingJournal.setAside(damaged, dir.resolve("damaged"));
        }
        return TrainingJournal.open(dir, system);
    }
}
