package org.lorasim.training.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset could not be found, fetched or read. The message always names the file (and, for parse
 * errors, the line) and, where there is one, the fix; {@link #file()} and {@link #line()} give them to
 * code as well.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    public DatasetException(String message) {
        this(message, null, 0, null);
    }

    public DatasetException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    private DatasetException(String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** A problem with a whole file: the message starts with the file's path. */
    public static DatasetException inFile(Path file, String problem) {
        return new DatasetException(file + ": " + problem, file, 0, null);
    }

    public static DatasetException inFile(Path file, String problem, Throwable cause) {
        return new DatasetException(file + ": " + problem, file, 0, cause);
    }

    /** A problem at one line (1-based) of a file: the message starts with {@code file:line}. */
    public static DatasetException atLine(Path file, long line, String problem) {
        return new DatasetException(file + ":" + line + ": " + problem, file, line, null);
    }

    public static DatasetException atLine(Path file, long line, String problem, Throwable cause) {
        return new DatasetException(file + ":" + line + ": " + problem, file, line, cause);
    }

    /** The file the problem is in, when there is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line of the problem, or 0 when it concerns no single line. */
    public long line() {
        return line;
    }
}
