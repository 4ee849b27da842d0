package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "resume", "sweep", "compare", "experiment", "download-datasets"})
    void everyCommandsHelpHasADescriptionAndExamplesOfItself(String command) {
        // Execute
        Cli.Result result = Cli.execute(command, "--help");

        // Assert
        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("Usage: lorasim " + command);
        assertThat(result.out()).contains("Examples:").contains("  lorasim " + command + " ");
        assertThat(result.out().lines().filter(l -> l.startsWith("  lorasim " + command)).count())
                .isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "resume", "sweep", "compare", "experiment", "download-datasets"})
    void theTopHelpListsEveryCommand(String command) {
        // Execute
        Cli.Result result = Cli.execute("--help");

        // Assert
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("  " + command + " ").contains("Examples:").contains("Exit codes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "sweep"})
    void helpExplainsTheLayering(String command) {
        Cli.Result result = Cli.execute(command, "--help");

        assertThat(result.out()).contains("--set");
    }
}
