package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.cli.output.RunFolder;

/** compare, resume, sweep and run on their inputs, without running a scenario (CliEndToEndTest runs them). */
class RunFolderCommandsTest {

    @TempDir
    Path dir;

    private Path finishedRun(String name, double... accuracies) {
        Path runDir = dir.resolve(name);
        RunFolder folder = new RunFolder(runDir, ConfigFactory.parseString("lorasim.clients.count = 3"));
        for (int r = 0; r < accuracies.length; r++) {
            folder.round(new RoundRecord(r, (r + 1) * 1_000_000_000L, 10L * r, 1.0 / (r + 1), accuracies[r],
                    Double.NaN, Double.NaN, 1000, 2000, 10, 3, 3, 0, 0, Double.NaN, "c" + r, false));
        }
        folder.finished(new RunSummary("centralized", "fedavg", accuracies.length, 0.5,
                accuracies[accuracies.length - 1], accuracies.length * 1_000_000_000L, 30, 1000L * accuracies.length,
                2000L * accuracies.length, 0, "c", false, "finished"));
        return runDir;
    }

    @Test
    void compareTabulatesRunsAndPlotsTheirAccuracy() throws IOException {
        // Prepare
        Path a = finishedRun("run-a", 0.6, 0.7, 0.75);
        Path b = finishedRun("run-b", 0.55, 0.65);
        Path out = dir.resolve("plots");

        // Execute
        Cli.Result result = Cli.execute("compare", a.toString(), b.toString(), "--out", out.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("run-a").contains("run-b").contains("0.7500").contains("0.6500")
                .contains("final acc");
        BufferedImage image = ImageIO.read(out.resolve("compare-accuracy.png").toFile());
        assertThat(image.getWidth()).isPositive();
        assertThat(image.getHeight()).isPositive();
    }

    @Test
    void compareOfAFolderWithoutSummaryIsBadInput() throws IOException {
        // Prepare
        Path notARun = Files.createDirectories(dir.resolve("empty"));

        // Execute
        Cli.Result result = Cli.execute("compare", notARun.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("missing " + notARun.resolve("summary.json")
                + " (has the run finished?)");
    }

    @Test
    void resumeOfAMissingOrIncompleteFolderIsBadInput() throws IOException {
        // Prepare
        Path empty = Files.createDirectories(dir.resolve("empty"));

        // Execute
        Cli.Result missing = Cli.execute("resume", dir.resolve("nowhere").toString());
        Cli.Result noConfig = Cli.execute("resume", empty.toString());

        // Assert
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("not a run folder: ");
        assertThat(noConfig.code()).isEqualTo(2);
        assertThat(noConfig.err()).contains("no config.conf");
    }

    @Test
    void runIntoANonEmptyFolderIsBadInput() throws IOException {
        // Prepare
        Path used = finishedRun("used", 0.6);

        // Execute
        Cli.Result result = Cli.execute("run", "--out", used.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("is not empty").contains("lorasim resume " + used);
    }

    @Test
    void sweepValidatesEveryCombinationBeforeRunning() {
        // Prepare
        Path out = dir.resolve("sweep");

        // Execute: the second value of the grid is not a number
        Cli.Result result = Cli.execute("sweep", "--grid", "lorasim.clients.count=12,many", "--out", out.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("combination lorasim.clients.count=many")
                .contains("lorasim.clients.count: expected NUMBER, got STRING \"many\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void sweepWithoutGridIsBadInput() {
        Cli.Result result = Cli.execute("sweep");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--grid");
    }
}
