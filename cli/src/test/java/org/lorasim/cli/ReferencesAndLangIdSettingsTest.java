package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lorasim validate} on the keys of the default scenario's task and its reference lines. */
class ReferencesAndLangIdSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theLanguageIdentificationTaskAndTheProbeSwitchAreAccepted() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.data.dataset = languagetool-langid\nlorasim.references.linear-probe = off\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void aProbeSwitchThatIsNoBooleanIsRefusedWithItsKeyAndLine() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "# the probe\nlorasim.references.linear-probe = sometimes\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(file + ":2").contains("lorasim.references.linear-probe")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownReferencesKeyIsRefused() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.references.linear-prob = off\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("did you mean 'lorasim.references.linear-probe'?");
    }
}
