package org.lorasim.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunSummary;

/** A finished run folder read back: its summary and its rounds (for {@code lorasim compare}). */
public record RunResults(Path dir, RunSummary summary, List<RoundRecord> rounds) {

    /**
     * @throws IllegalArgumentException naming the folder or file that is missing or unreadable
     */
    public static RunResults read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a run folder: " + dir);
        }
        Path summaryFile = dir.resolve(RunFolder.SUMMARY);
        Path roundsFile = dir.resolve(RunFolder.ROUNDS);
        for (Path file : List.of(summaryFile, roundsFile)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("missing " + file + " (has the run finished?)");
            }
        }
        JsonNode node;
        try {
            node = RunJson.MAPPER.readTree(summaryFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + summaryFile + ": " + e.getMessage(), e);
        }
        return new RunResults(dir, RunJson.summary(node), RoundsCsv.read(roundsFile));
    }

    /** The folder's name, as tables and legends show it. */
    public String name() {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return fileName == null ? dir.toString() : fileName.toString();
    }
}
