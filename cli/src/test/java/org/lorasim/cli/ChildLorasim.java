package org.lorasim.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The command line in a child JVM, for tests that kill or signal it; and what its run folder's journal holds. */
final class ChildLorasim {

    /** A real-training scenario of 12 trainings (3 rounds of 4 clients, one slot), long enough to stop midway. */
    static final String TINY_TRAINED = """
            lorasim {
              run.rounds = 3
              clients.count = 4
              training { local-steps = 3, batch-size = 4, max-length = 24 }
              data { max-examples-per-client = 12, eval-examples = 24 }
              model.rank = 4
              trainer-slots.count = 1
            }
            """;

    private ChildLorasim() {
    }

    /**
     * {@code lorasim ARGS} in a child JVM with this JVM's class path and flags (the add-opens among them), working in
     * {@code workDir}; its output goes to {@code output}, or is discarded when that is null.
     */
    static Process start(Path workDir, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dai.djl") || a.startsWith("-Djava.awt"))
                .toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Lorasim.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        return builder.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.to(output.toFile())).start();
    }

    /** The training outcomes journaled in {@code journal} (a run folder's {@code checkpoint/training}). */
    static long journaled(Path journal) throws IOException {
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(p -> p.toString().endsWith(".kryo")).count();
        }
    }
}
