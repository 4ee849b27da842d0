package org.lorasim.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a measurement was taken on, as results pages print it: cores the JVM sees, {@code os.name} and
 * {@code os.arch}, and the CPU model ({@code model name} in {@code /proc/cpuinfo}, or "unknown CPU").
 */
public record Machine(int cores, String os, String cpu) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), cpuModel(Path.of("/proc/cpuinfo")));
    }

    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    /** e.g. {@code 2 cores, Linux amd64, AMD EPYC 7B13}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %s, %s", cores, os, cpu);
    }
}
