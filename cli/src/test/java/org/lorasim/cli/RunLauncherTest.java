package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RunSummary;

class RunLauncherTest {

    private static RunSummary summary(String outcome, boolean synthetic) {
        return new RunSummary("centralized", "flexlora", 4, 0.5, 0.7, 12_000_000_000L, 3_000, 2_000_000, 5_000_000, 1,
                "ff", synthetic, outcome);
    }

    @Test
    void aFinishedRunExitsZeroAndSaysWhereItsFolderIs() {
        // Prepare
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // Execute
        int code = RunLauncher.report("run", summary("finished", false), Path.of("runs/x"), new PrintWriter(out),
                new PrintWriter(err));

        // Assert
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("centralized flexlora: 4 rounds, accuracy 0.5000 -> 0.7000, 2.0 MB up,"
                + " 5.0 MB down, sim 12.0 s, wall 3.0 s, finished").contains("run folder: runs/x");
    }

    @Test
    void aRunThatStoppedEarlyExitsOneWithItsOutcome() {
        // Prepare
        StringWriter err = new StringWriter();

        // Execute
        int code = RunLauncher.report("resume", summary("aggregator crashed in round 3", true), Path.of("r"),
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        // Assert
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("lorasim resume: run did not finish: aggregator crashed in round 3");
    }

    @Test
    void syntheticSummariesSaySo() {
        assertThat(RunLauncher.oneLine(summary("finished", true)))
                .endsWith("finished - SYSTEM-ONLY (synthetic, no model trained)");
    }

    @Test
    void totalRoundsComesFromTheConfigWhenItIsANumber() {
        assertThat(RunLauncher.totalRounds(ConfigFactory.parseString("lorasim.run.rounds = 12"))).isEqualTo(12);
        assertThat(RunLauncher.totalRounds(ConfigFactory.parseString("lorasim.run.rounds = many"))).isNull();
        assertThat(RunLauncher.totalRounds(ConfigFactory.empty())).isNull();
    }
}
