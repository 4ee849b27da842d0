package org.lorasim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;

/**
 * Shows a run's progress: on a terminal one line redrawn with {@code \r}
 * ({@code round 3/10 [###       ] sim 00:12:31 acc 0.734 up 12.3 MB down 40.1 MB ETA 0:41}); otherwise (a
 * log, a pipe) one plain line per round with the same fields and no bar. Bytes are cumulative, in MB of 10^6
 * bytes; the ETA assumes the remaining rounds take the wall time the finished ones took on average. Without
 * a total ({@code lorasim.run.rounds} absent) the line reads {@code round 3} with no bar and no ETA.
 */
public final class ProgressListener implements RunListener {

    private static final int BAR_WIDTH = 10;

    private final PrintWriter out;
    private final boolean interactive;
    private final Integer totalRounds;
    private long bytesUp;
    private long bytesDown;
    private int lastRound = -1;
    private int lastLength;

    /** @param totalRounds the run's round count, or null when unknown */
    public ProgressListener(PrintWriter out, boolean interactive, Integer totalRounds) {
        this.out = out;
        this.interactive = interactive;
        this.totalRounds = totalRounds;
    }

    /** One line before the first round: {@code held out: sst2, validation split: 256 of 6735 examples}. */
    @Override
    public void heldOut(String description) {
        out.println("held out: " + description);
        out.flush();
    }

    /** One line before the rounds: {@code references: majority 0.102, linear-probe 0.851}. */
    @Override
    public void references(List<Reference> references) {
        if (references.isEmpty()) {
            return;
        }
        out.println("references: " + String.join(", ", references.stream().map(r -> String.format(Locale.ROOT,
                "%s %.3f", r.id(), r.accuracy())).toList()));
        out.flush();
    }

    @Override
    public void round(RoundRecord record) {
        if (record.round() <= lastRound) {
            bytesUp = 0;
            bytesDown = 0;
        }
        lastRound = record.round();
        bytesUp += record.bytesUp();
        bytesDown += record.bytesDown();
        String line = line(record);
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void finished(RunSummary summary) {
        if (interactive && lastLength > 0) {
            out.println();
        }
        out.flush();
    }

    String line(RoundRecord record) {
        int done = record.round() + 1;
        StringBuilder line = new StringBuilder("round ").append(done);
        if (totalRounds != null) {
            line.append('/').append(totalRounds);
            if (interactive) {
                int filled = totalRounds <= 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, done * BAR_WIDTH / totalRounds);
                line.append(" [").append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append(']');
            }
        }
        line.append(" sim ").append(clock(record.simTimeNanos() / 1_000_000_000L));
        if (Double.isNaN(record.perplexity())) {
            line.append(" acc ").append(Double.isNaN(record.accuracy()) ? "-"
                    : String.format(Locale.ROOT, "%.3f", record.accuracy()));
        } else {
            line.append(" ppl ").append(String.format(Locale.ROOT, "%.2f", record.perplexity()));
        }
        line.append(String.format(Locale.ROOT, " up %.1f MB down %.1f MB", bytesUp / 1e6, bytesDown / 1e6));
        if (totalRounds != null) {
            long remaining = Math.max(0, totalRounds - done);
            long etaSeconds = Math.round(record.wallMillis() / 1e3 / done * remaining);
            line.append(" ETA ").append(etaSeconds / 60).append(':')
                    .append(String.format(Locale.ROOT, "%02d", etaSeconds % 60));
        }
        if (record.synthetic()) {
            line.append(" (synthetic)");
        }
        return line.toString();
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
