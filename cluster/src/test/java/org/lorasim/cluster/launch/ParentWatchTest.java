package org.lorasim.cluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node JVM whose parent is SIGKILLed (so nothing closes it) stops by itself instead of living on. (Its farewell
 * line goes to its stderr, a pipe the dead parent was copying into node-0.log, so it cannot be checked there.)
 */
class ParentWatchTest {

    @Test
    void aNodeStopsWhenTheProcessThatStartedItIsKilled(@TempDir Path logs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LocalNodes.inheritedJvmFlags());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParentOfOneNode.class.getName());
        command.add(logs.toString());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        ProcessHandle node = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("node-pid=")) {
                    node = ProcessHandle.of(Long.parseLong(line.substring("node-pid=".length()))).orElseThrow();
                    break;
                }
            }
            assertThat(node).as("the parent started its node and printed its pid").isNotNull();
            assertThat(node.isAlive()).isTrue();

            parent.destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(node.onExit().get(ParentWatch.HALT_AFTER.toSeconds() + 30, TimeUnit.SECONDS).isAlive())
                    .as("the node outlived its parent").isFalse();
        } finally {
            parent.destroyForcibly();
            if (node != null) {
                node.destroyForcibly();
            }
        }
    }
}
