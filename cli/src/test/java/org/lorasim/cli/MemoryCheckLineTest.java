package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lorasim validate} says which clients of a centralized scenario do not fit their memory, and the key. */
class MemoryCheckLineTest {

    @TempDir
    Path dir;

    @Test
    void clientsWithTooLittleMemoryAreNamedBeforeTheRun() throws IOException {
        // Prepare: 100 MB each, below the fp32 base and its activations (206.1 MB at 16 x 48 tokens)
        Path file = Cli.scenario(dir, "small.conf", """
                lorasim.run.trainer = cost-model
                lorasim.clients { count = 3, memory { type = constant, value = 100 MB } }
                """);

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("memory check (lorasim.clients.memory-check): 3 of 3 clients do not fit"
                + " and never train: 0, 1, 2; client 0 needs 207.5 MB").contains("but its memory is 100.0 MB");
    }

    @Test
    void nothingIsPrintedWhenEveryClientFitsOrTheCheckIsOff() throws IOException {
        Path fits = Cli.scenario(dir, "fits.conf", "lorasim.run.trainer = cost-model\n");
        Path off = Cli.scenario(dir, "off.conf", """
                lorasim.run.trainer = cost-model
                lorasim.clients { memory-check = off, memory { type = constant, value = 100 MB } }
                """);

        Cli.Result a = Cli.execute("validate", fits.toString());
        Cli.Result b = Cli.execute("validate", off.toString());

        assertThat(a.code()).isZero();
        assertThat(b.code()).isZero();
        assertThat(a.out() + b.out()).doesNotContain("memory check");
    }

    @Test
    void aBadValueIsRefusedWithItsFileLineAndKey() throws IOException {
        Path file = Cli.scenario(dir, "bad.conf", "lorasim.run.trainer = cost-model\nlorasim.clients.memory-check = sometimes\n");

        Cli.Result result = Cli.execute("validate", file.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("bad.conf:2").contains("lorasim.clients.memory-check")
                .contains("must be on or off");
    }
}
