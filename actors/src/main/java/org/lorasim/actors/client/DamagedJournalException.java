package org.lorasim.actors.client;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link TrainingJournal} holds entries that fail their checksum: the run does not replay them (it would end
 * with a different model and call it finished). Each damaged entry is named by its file and its job.
 */
public final class DamagedJournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One damaged entry: its file, its job's client and round (-1 when the name does not say), and why. */
    public record Damage(Path file, int client, int round, String problem) {
        /** {@code FILE: entry of client C, round R: PROBLEM}. */
        public String describe() {
            return file + ": " + (client >= 0 ? "entry of client " + client + ", round " + round + ": " : "")
                    + problem;
        }
    }

    private final transient List<Damage> damages;

    public DamagedJournalException(List<Damage> damages) {
        super(damages.size() + " damaged training journal entr" + (damages.size() == 1 ? "y" : "ies") + ":\n"
                + damages.stream().map(Damage::describe).collect(Collectors.joining("\n")));
        this.damages = List.copyOf(damages);
    }

    public List<Damage> damages() {
        return damages;
    }
}
