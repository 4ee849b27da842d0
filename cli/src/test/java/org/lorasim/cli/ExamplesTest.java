package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of the cookbook ({@code examples/} at the repository root, shown in {@code docs/scenarios.md}):
 * every one validates, and every system-only one (FAKE cost-model trainer) runs to {@code finished}. The
 * trained ones take minutes and are run by hand; their figures are in docs/scenarios.md.
 */
class ExamplesTest {

    @TempDir
    Path dir;

    static Path examplesDir() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples")) && Files.exists(at.resolve("lorasim"))) {
                return at.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/ folder above " + Path.of("").toAbsolutePath());
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    static List<Path> systemOnlyExamples() throws IOException {
        return examples().stream().filter(ExamplesTest::systemOnly).toList();
    }

    private static boolean systemOnly(Path file) {
        Config config = ConfigFactory.parseFile(file.toFile());
        return config.hasPath("lorasim.run.trainer") && config.getString("lorasim.run.trainer").equals("cost-model");
    }

    @Test
    void theCookbookHasAtLeastFiveExamplesOfBothKinds() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(systemOnlyExamples()).isNotEmpty().hasSizeLessThan(examples().size());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidates(Path example) {
        // Prepare: an example over the project's mirror (a decoder checkpoint, a data mirror) needs it there
        Config config = ConfigFactory.parseFile(example.toFile());
        for (String key : List.of("lorasim.model.checkpoint", "lorasim.data.mirror")) {
            if (config.hasPath(key)) {
                Path needed = example.getParent().resolve(config.getString(key)).normalize();
                assumeTrue(Files.exists(needed), () -> "skipped: " + example.getFileName() + " needs " + needed
                        + " (" + key + "); run from a checkout with ../shared beside it");
            }
        }

        // Execute
        Cli.Result result = Cli.execute("validate", example.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains(example + ": valid");
    }

    @ParameterizedTest
    @MethodSource("systemOnlyExamples")
    void everySystemOnlyExampleRunsToFinished(Path example) throws IOException {
        // Prepare
        Path out = dir.resolve("run");

        // Execute
        Cli.Result result = Cli.execute("run", example.toString(), "--out", out.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        var summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("outcome").asText()).isEqualTo("finished");
        assertThat(summary.get("synthetic").asBoolean()).isTrue();
        assertThat(summary.get("rounds").asInt()).isEqualTo(ConfigFactory.parseFile(example.toFile())
                .getInt("lorasim.run.rounds"));
    }
}
