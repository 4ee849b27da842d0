package org.lorasim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lorasim.cli.output.AtomicFiles;
import org.lorasim.cli.output.RunFolder;

/**
 * Where a resume writes its record: {@code RUN_DIR/.resume}, beside the run's own files, which it replaces
 * file by file (each move atomic) only at the end, and only when the new record is finished or the folder held
 * no finished record. A resume that fails on a finished run leaves the folder's files as they were and its own
 * record in {@code .resume} (cleared by the next resume). Swapping in also removes the half-written
 * {@code *.tmp} files a killed run left beside its files (an {@link AtomicFiles} write the kill cut short): the
 * new record replaces what they were being written to.
 */
final class ResumeStaging {

    static final String DIR = ".resume";

    private final Path runDir;
    private final Path dir;
    private final boolean hadFinished;

    private ResumeStaging(Path runDir, Path dir, boolean hadFinished) {
        this.runDir = runDir;
        this.dir = dir;
        this.hadFinished = hadFinished;
    }

    /** Clears what an earlier resume left in {@code RUN_DIR/.resume} and notes whether the run had finished. */
    static ResumeStaging begin(Path runDir) {
        Path dir = runDir.resolve(DIR);
        delete(dir);
        return new ResumeStaging(runDir, dir, finished(runDir.resolve(RunFolder.SUMMARY)));
    }

    Path dir() {
        return dir;
    }

    /**
     * Swaps the new record in when it may replace the folder's files.
     *
     * @param finished whether the resumed run finished
     * @return a message when the folder's files were kept and the new record left in {@code .resume}
     */
    Optional<String> end(boolean finished) {
        if (!finished && hadFinished) {
            return Optional.of("the run had finished before: its files are unchanged; this attempt's record is in "
                    + dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = runDir.resolve(dir.relativize(file));
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the resumed run's files from " + dir + " to " + runDir
                    + ": " + e.getMessage(), e);
        }
        delete(dir);
        deleteInterruptedWrites();
        return Optional.empty();
    }

    private void deleteInterruptedWrites() {
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path tmp : files.filter(f -> f.getFileName().toString().endsWith(AtomicFiles.TMP_SUFFIX)).toList()) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the interrupted writes in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code summary} says {@code "outcome": "finished"}; false when absent or unreadable. */
    static boolean finished(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return false;
        }
        try {
            return "finished".equals(new ObjectMapper().readTree(summary.toFile()).path("outcome").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }
}
