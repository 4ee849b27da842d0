package org.lorasim.cluster.output;

import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunSummary;

/**
 * {@code report.html}: one self-contained page (inline CSS, no script, no external resource) showing the
 * summary, the plots beside it by relative reference, the table of rounds and the list of events. Readable
 * offline and from a copied run folder.
 */
public final class RunReport {

    private static final String CSS = """
            body{font-family:sans-serif;margin:2em;color:#222;max-width:70em}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
            .synthetic{background:#fde2e2;border:2px solid #c33;padding:.5em 1em;font-weight:bold}
            table{border-collapse:collapse;font-size:.85em}
            td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}
            th{background:#eee}td.text,th.text{text-align:left}
            img{max-width:100%;border:1px solid #ddd;margin:.5em 0}
            """;

    private RunReport() {
    }

    /**
     * @param summary null while the run has not finished
     */
    public static String html(String runName, RunSummary summary, double initialAccuracy, List<RoundRecord> rounds,
                              List<RunEvent> events, List<RunPlots.Plot> plots, boolean synthetic) {
        return html(runName, summary, initialAccuracy, rounds, events, plots, synthetic, List.of());
    }

    /** As above, with the run's reference accuracies in a table under the summary. */
    public static String html(String runName, RunSummary summary, double initialAccuracy, List<RoundRecord> rounds,
                              List<RunEvent> events, List<RunPlots.Plot> plots, boolean synthetic,
                              List<Reference> references) {
        StringBuilder out = new StringBuilder();
        String title = "Lorasim run " + runName + (synthetic ? " - " + RunPlots.SYNTHETIC_MARK : "");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n");
        if (synthetic) {
            out.append("<p class=\"synthetic\">").append(RunPlots.SYNTHETIC_MARK)
                    .append(": the trainer was a cost model; accuracies and losses are not measurements.</p>\n");
        }
        summary(out, summary, initialAccuracy, rounds);
        referencesTable(out, references);
        out.append("<h2>Plots</h2>\n");
        if (plots.isEmpty()) {
            out.append("<p>No plot: no round has a finite accuracy, loss or consensus distance yet.</p>\n");
        }
        for (RunPlots.Plot plot : plots) {
            out.append("<div><img src=\"").append(escape(plot.fileName())).append("\" alt=\"")
                    .append(escape(plot.title())).append("\"></div>\n");
        }
        roundsTable(out, rounds);
        eventsTable(out, events);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void summary(StringBuilder out, RunSummary s, double initialAccuracy, List<RoundRecord> rounds) {
        out.append("<h2>Summary</h2>\n<table>\n");
        if (s == null) {
            RoundRecord last = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
            row(out, "outcome", "running (no summary yet)");
            row(out, "rounds", Integer.toString(rounds.size()));
            row(out, "accuracy", number(initialAccuracy) + " -> " + (last == null ? "-" : number(last.accuracy())));
        } else {
            row(out, "algorithm", s.algorithm());
            row(out, "variant", s.variant());
            row(out, "rounds", Integer.toString(s.rounds()));
            row(out, "accuracy", number(s.initialAccuracy()) + " -> " + number(s.finalAccuracy()));
            row(out, "bytes up", megabytes(s.bytesUp()));
            row(out, "bytes down", megabytes(s.bytesDown()));
            row(out, "simulated time", String.format(Locale.ROOT, "%.3f s", s.simTimeNanos() / 1e9));
            row(out, "wall time", String.format(Locale.ROOT, "%.3f s", s.wallMillis() / 1e3));
            row(out, "events", Integer.toString(s.events()));
            row(out, "checksum", s.checksum());
            row(out, "synthetic", Boolean.toString(s.synthetic()));
            row(out, "outcome", s.outcome());
        }
        out.append("</table>\n");
    }

    private static void referencesTable(StringBuilder out, List<Reference> references) {
        if (references.isEmpty()) {
            return;
        }
        out.append("<h2>References</h2>\n<p>Held-out accuracy of simple baselines on the same examples, drawn as flat "
                + "lines on the accuracy plots.</p>\n<table>\n");
        for (Reference r : references) {
            row(out, r.id() + " (" + r.label() + ")", number(r.accuracy()));
        }
        out.append("</table>\n");
    }

    private static void roundsTable(StringBuilder out, List<RoundRecord> rounds) {
        out.append("<h2>Rounds</h2>\n<table>\n<tr>");
        for (String column : List.of("round", "sim s", "wall s", "train loss", "accuracy", "spread", "bytes up",
                "bytes down", "parameters", "sampled", "participants", "stragglers", "failures", "consensus",
                "checksum")) {
            out.append("<th>").append(column).append("</th>");
        }
        out.append("</tr>\n");
        for (RoundRecord r : rounds) {
            out.append("<tr>");
            for (String cell : List.of(Integer.toString(r.round()),
                    String.format(Locale.ROOT, "%.3f", r.simSeconds()),
                    String.format(Locale.ROOT, "%.3f", r.wallMillis() / 1e3), number(r.trainLoss()),
                    number(r.accuracy()), number(r.accuracySpread()), Long.toString(r.bytesUp()),
                    Long.toString(r.bytesDown()), Long.toString(r.parameters()), Integer.toString(r.sampled()),
                    Integer.toString(r.participants()), Integer.toString(r.stragglers()),
                    Integer.toString(r.failures()), number(r.consensusDistance()))) {
                out.append("<td>").append(escape(cell)).append("</td>");
            }
            out.append("<td class=\"text\">").append(escape(r.checksum())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void eventsTable(StringBuilder out, List<RunEvent> events) {
        out.append("<h2>Events</h2>\n");
        if (events.isEmpty()) {
            out.append("<p>No scenario or failure event.</p>\n");
            return;
        }
        out.append("<table>\n<tr><th>sim s</th><th>round</th><th class=\"text\">kind</th>"
                + "<th class=\"text\">subject</th><th class=\"text\">detail</th></tr>\n");
        for (RunEvent e : events) {
            out.append("<tr><td>").append(String.format(Locale.ROOT, "%.3f", e.timeNanos() / 1e9))
                    .append("</td><td>").append(e.round()).append("</td><td class=\"text\">").append(escape(e.kind()))
                    .append("</td><td class=\"text\">").append(escape(e.subject())).append("</td><td class=\"text\">")
                    .append(escape(e.detail())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th class=\"text\">").append(escape(name)).append("</th><td class=\"text\">")
                .append(escape(value)).append("</td></tr>\n");
    }

    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.3f MB (%d bytes)", bytes / 1e6, bytes);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
