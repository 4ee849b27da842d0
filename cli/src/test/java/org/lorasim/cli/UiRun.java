package org.lorasim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * {@code lorasim ui ...} running in-process on its own thread, its output read line by line as it is printed, so
 * a test learns the dashboard's address the moment it listens.
 */
final class UiRun implements AutoCloseable {

    final CompletableFuture<Integer> exit;
    final StringWriter err = new StringWriter();
    private final BufferedReader lines;
    private final StringBuilder seen = new StringBuilder();

    UiRun(String... args) {
        try {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PrintWriter out = new PrintWriter(new PipedOutputStream(in), true, StandardCharsets.UTF_8);
            lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            CommandLine commandLine = new CommandLine(new Lorasim());
            commandLine.setOut(out);
            commandLine.setErr(new PrintWriter(err, true));
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return commandLine.execute(args);
                } finally {
                    out.close();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rest of the first line printed that starts with {@code prefix}. */
    String awaitLine(String prefix) {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("lorasim ui ended without printing '" + prefix + "'; out: " + seen + " err: " + err);
    }

    /** The port of the dashboard's address line. */
    int port() {
        String url = awaitLine("dashboard:");
        return Integer.parseInt(url.replaceAll(".*:(\\d+)/$", "$1"));
    }

    /** Waits for the command to end and reads what it printed after the lines already read. */
    int awaitExit() {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exit.join();
    }

    String output() {
        return seen.toString();
    }

    @Override
    public void close() {
        exit.cancel(true);
    }
}
