package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code lorasim} launcher, run by bash in a copy of the project's layout whose {@code mvnw}
 * and {@code java} are stand-ins that record how they were called: when it builds, when it does not, and what
 * it says about Java.
 */
class LauncherScriptTest {
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path tmp;
    private Path root;
    private Path bin;

    record Outcome(int code, String out, String err, List<String> builds) {
    }

    @BeforeEach
    void layOutProject() throws IOException {
        root = Files.createDirectories(tmp.resolve("project"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(Path.of("..", "lorasim"), root.resolve("lorasim"));
        Files.writeString(root.resolve("pom.xml"),
                "<properties><lorasim.jvm.opens>--add-opens java.base/java.util=ALL-UNNAMED</lorasim.jvm.opens>");
        for (String module : List.of("policies", "training", "actors", "cluster", "ui", "cli")) {
            Files.writeString(Files.createDirectories(root.resolve(module)).resolve("pom.xml"), "<project/>");
            Path source = Files.createDirectories(root.resolve(module + "/src/main/java")).resolve("A.java");
            Files.writeString(source, "class A {}");
            Files.setLastModifiedTime(source, FileTime.from(JAR_TIME.minusSeconds(60)));
            Files.setLastModifiedTime(root.resolve(module + "/pom.xml"), FileTime.from(JAR_TIME.minusSeconds(60)));
        }
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(JAR_TIME.minusSeconds(60)));
        executable(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "$*" >> build.log
                mkdir -p cli/target && echo jar > cli/target/lorasim.jar
                """);
        fakeJava("17.0.15");
    }

    @Test
    void aMissingJarIsBuiltThenRun() throws Exception {
        // Execute
        Outcome o = launch("run");

        // Assert
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.builds()).hasSize(1);
        assertThat(o.builds().get(0)).contains("-pl cli -am package");
        assertThat(o.err()).contains("first run only");
        assertThat(o.out()).contains("-jar " + root.resolve("cli/target/lorasim.jar") + " run");
    }

    @Test
    void aJarNewerThanEverySourceIsRunWithoutBuilding() throws Exception {
        // Prepare
        jarBuiltAt(JAR_TIME);

        // Execute
        Outcome o = launch("run", "x.conf");

        // Assert
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.builds()).isEmpty();
        assertThat(o.err()).isEmpty();
        assertThat(o.out()).endsWith("lorasim.jar run x.conf\n");
    }

    @Test
    void aSourceEditedAfterTheBuildRebuildsAndSaysWhich() throws Exception {
        // Prepare
        jarBuiltAt(JAR_TIME);
        Files.setLastModifiedTime(root.resolve("training/src/main/java/A.java"), FileTime.from(JAR_TIME.plusSeconds(5)));

        // Execute
        Outcome o = launch("run");

        // Assert
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.builds()).hasSize(1);
        assertThat(o.err()).contains("training/src/main/java/A.java is newer than the jar; rebuilding");
    }

    @Test
    void anEditedPomRebuilds() throws Exception {
        // Prepare
        jarBuiltAt(JAR_TIME);
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(JAR_TIME.plusSeconds(5)));

        // Execute
        Outcome o = launch("run");

        // Assert
        assertThat(o.builds()).hasSize(1);
        assertThat(o.err()).contains("pom.xml is newer than the jar");
    }

    @Test
    void javaOlderThan17IsRefusedBeforeAnyBuild() throws Exception {
        // Prepare
        fakeJava("11.0.22");

        // Execute
        Outcome o = launch("run");

        // Assert
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("Java 17 or newer is needed").contains("version 11.0.22");
        assertThat(o.builds()).isEmpty();
        assertThat(o.out()).isEmpty();
    }

    @Test
    void theOldJava8VersionSchemeIsReadAsJava8() throws Exception {
        // Prepare
        fakeJava("1.8.0_392");

        // Execute
        Outcome o = launch("run");

        // Assert
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("Java 17 or newer is needed").contains("version 1.8.0_392");
    }

    private void jarBuiltAt(Instant time) throws IOException {
        Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("lorasim.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(time));
    }

    private void fakeJava(String version) throws IOException {
        executable(bin.resolve("java"), """
                #!/usr/bin/env bash
                if [[ "$1" == "-version" ]]; then
                  echo 'openjdk version "%s" 2025-04-15' >&2
                  exit 0
                fi
                echo "java $*"
                """.formatted(version));
    }

    private Outcome launch(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("lorasim").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Path log = root.resolve("build.log");
        List<String> builds = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Outcome(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8), builds);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
