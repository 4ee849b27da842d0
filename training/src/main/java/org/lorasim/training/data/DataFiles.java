package org.lorasim.training.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a path or a glob names. A pattern with any of {@code * ? [ {} is a glob in
 * {@link java.nio.file.FileSystem#getPathMatcher} syntax ({@code data/train-*.jsonl},
 * {@code shards/**}{@code /part-?.csv}), matched against regular files under its longest folder without
 * glob characters; the matches are sorted by path, so a split's files are read in the same order
 * everywhere. Any other path names itself.
 */
public final class DataFiles {
    private DataFiles() {
    }

    public static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * @param pattern an absolute path or glob
     * @throws DatasetException when a glob matches no file (naming the folder searched)
     */
    public static List<Path> expand(Path pattern) {
        if (!isGlob(pattern.toString())) {
            return List.of(pattern);
        }
        Path base = pattern.getRoot();
        int literal = 0;
        while (literal < pattern.getNameCount() - 1 && !isGlob(pattern.getName(literal).toString())) {
            base = base == null ? pattern.getName(literal) : base.resolve(pattern.getName(literal));
            literal++;
        }
        String rest = pattern.subpath(literal, pattern.getNameCount()).toString();
        int depth = rest.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - literal;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path folder = base == null ? Path.of("") : base;
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(pattern + ": no file matches: the folder " + folder + " does not exist");
        }
        List<Path> matches;
        try (Stream<Path> files = Files.walk(folder, depth)) {
            matches = files.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (matches.isEmpty()) {
            throw new DatasetException(pattern + ": no file matches under " + folder);
        }
        return matches;
    }
}
