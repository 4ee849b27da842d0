package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunSummary;

class ProgressListenerTest {

    /** Round r ends at simulated (r + 1) * 751 s, after (r + 1) * 2 s of wall time, sending 1.5 MB up, 4 MB down. */
    private static RoundRecord round(int r, double accuracy) {
        return new RoundRecord(r, (r + 1) * 751_000_000_000L, (r + 1) * 2_000L, 0.5, accuracy, Double.NaN, Double.NaN,
                1_500_000, 4_000_000, 1000, 4, 4, 0, 0, Double.NaN, "abc", false);
    }

    @Test
    void plainModePrintsOneLinePerRoundWithCumulativeBytesAndEta() {
        // Prepare
        StringWriter text = new StringWriter();
        ProgressListener progress = new ProgressListener(new PrintWriter(text), false, 10);

        // Execute
        progress.round(round(0, 0.61234));
        progress.round(round(1, Double.NaN));
        progress.round(round(2, 0.734));
        progress.finished(new RunSummary("centralized", "fedavg", 3, 0.5, 0.734, 0, 6000, 0, 0, 0, "abc", false,
                "finished"));

        // Assert: round 3 of 10 at sim 2253 s = 00:37:33; 3 rounds took 6 s, 7 left: 14 s = 0:14;
        // up 3 * 1.5 = 4.5 MB, down 3 * 4 = 12.0 MB
        assertThat(text.toString().split("\n")).containsExactly(
                "round 1/10 sim 00:12:31 acc 0.612 up 1.5 MB down 4.0 MB ETA 0:18",
                "round 2/10 sim 00:25:02 acc - up 3.0 MB down 8.0 MB ETA 0:16",
                "round 3/10 sim 00:37:33 acc 0.734 up 4.5 MB down 12.0 MB ETA 0:14");
    }

    @Test
    void withoutATotalTheLineHasNoTotalAndNoEta() {
        // Prepare
        StringWriter text = new StringWriter();
        ProgressListener progress = new ProgressListener(new PrintWriter(text), false, null);

        // Execute
        progress.round(round(2, 0.5));

        // Assert
        assertThat(text.toString()).isEqualTo("round 3 sim 00:37:33 acc 0.500 up 1.5 MB down 4.0 MB\n");
    }

    @Test
    void interactiveModeRedrawsOneLineWithABar() {
        // Prepare
        StringWriter text = new StringWriter();
        ProgressListener progress = new ProgressListener(new PrintWriter(text), true, 10);

        // Execute
        progress.round(round(0, 0.5));
        progress.round(round(4, 0.5));

        // Assert: 1 of 10 rounds -> 1 of 10 bar cells, 5 of 10 -> 5 cells; no line break until finished
        assertThat(text.toString()).startsWith("\rround 1/10 [#         ] sim 00:12:31")
                .contains("\rround 5/10 [#####     ] sim 01:02:35").doesNotContain("\n");
    }

    @Test
    void syntheticRoundsSaySo() {
        StringWriter text = new StringWriter();
        ProgressListener progress = new ProgressListener(new PrintWriter(text), false, null);

        progress.round(new RoundRecord(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 1, 1, 0, 0,
                Double.NaN, "x", true));

        assertThat(text.toString()).contains("(synthetic)");
    }
}
