package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libtorch writes its warnings to the process's standard error from native code, where no Java logger can
 * catch them, so the check runs the adapter-writing path in a child JVM and reads what that process printed.
 */
class QuietNativeOutputTest {

    @Test
    void writingAnAdapterIntoTheModelPrintsNothingOnStandardError() throws IOException, InterruptedException {
        // Prepare
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dai.djl")).toList());
        command.add("-Dai.djl.offline=true");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AdapterWriteProbe.class.getName()));

        // Execute
        Process child = new ProcessBuilder(command).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = child.waitFor(2, TimeUnit.MINUTES);

        // Assert: the hand-worked values of LoraLinearTest (y = [19.5, -7.5], dA = s (B0 + B1) x = [2, 4, 6]) show
        // the factors were written in place and stayed trainable; libtorch said nothing.
        assertThat(ended).isTrue();
        assertThat(child.exitValue()).as(err).isZero();
        assertThat(out).contains("y [19.5, -7.5]").contains("dA [2.0, 4.0, 6.0]");
        assertThat(err).doesNotContain("AutoNonVariableTypeMode").doesNotContain("Warning");
    }
}
