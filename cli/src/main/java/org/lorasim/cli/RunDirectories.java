package org.lorasim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/** Where runs go: {@code runs/<name>-<yyyyMMdd-HHmmss>/} unless {@code --out} says otherwise. */
final class RunDirectories {

    static final Path RUNS = Path.of("runs");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunDirectories() {
    }

    /** A fresh folder name under {@code parent}: {@code name-stamp}, then {@code name-stamp-2}, ... if taken. */
    static Path fresh(Path parent, String name, LocalDateTime now) {
        String base = safeName(name) + "-" + STAMP.format(now);
        Path dir = parent.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(base + "-" + n);
        }
        return dir;
    }

    /** {@code --out}: must not already hold files, so that one run never overwrites another. */
    static Path requireEmpty(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new UserInputException("--out " + dir + " is a file, not a folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserInputException("--out " + dir + " is not empty (to continue a run there: lorasim"
                            + " resume " + dir + ")");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** Letters, digits, '.', '_', '-' and '=' kept; anything else (slashes, spaces) becomes '_'. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._=-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
