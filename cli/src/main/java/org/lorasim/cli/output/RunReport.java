package org.lorasim.cli.output;

import java.util.List;
import java.util.Locale;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.ParticipationStatus;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.MessageEvents;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.ModelEvaluator;

/**
 * {@code report.html}: one self-contained page (inline CSS, no script, no external resource) that explains a
 * run to someone who did not start it: the scenario in words, the summary, the plots (by relative reference,
 * with the scripted events marked), the participation timeline (plot and a client-by-round table), how the data
 * and devices were split over the clients, the table of rounds (the starting model first) and the list of
 * events. Readable offline and from a copied run folder.
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
            table.timeline td{text-align:center;padding:0 .3em}
            .p-took-part{background:#c8e6c9}.p-late{background:#fff59d}.p-crashed{background:#ef9a9a}
            .p-unreachable{background:#ce93d8}.p-removed{background:#9e9e9e;color:#fff}.p-failed{background:#ffcc80}
            .p-not-sampled{color:#999}
            .p-does-not-fit{background:#d7ccc8}
            """;

    /**
     * Everything the page shows.
     *
     * @param title         the run's name ({@code lorasim.run.name})
     * @param scenario      the scenario in sentences ({@link ScenarioWords})
     * @param summary       null while the run has not finished
     * @param rounds        the round records, the starting model's ({@link RoundRecord#before}) first when known
     * @param participation who did what in each round
     * @param split         how data and devices were split over the clients; null when not known
     * @param plots         the round plots, in order
     * @param splitPlots    the participation timeline and the label mix, when written
     * @param references    reference accuracies on the same held-out examples (a table under the summary)
     * @param generations   a decoder's sampled generations by round ({@link RoundRecord#BEFORE} first); empty for
     *                      a classifier
     */
    public record Page(String title, List<String> scenario, RunSummary summary, double initialAccuracy,
                       List<RoundRecord> rounds, List<RunEvent> events, List<Participation> participation,
                       ClientSplit split, List<RunPlots.Plot> plots, List<RunPlots.Plot> splitPlots,
                       boolean synthetic, List<Reference> references,
                       java.util.SortedMap<Integer, List<ModelEvaluator.Generation>> generations) {

        /** A classifier's page: no generations. */
        public Page(String title, List<String> scenario, RunSummary summary, double initialAccuracy,
                    List<RoundRecord> rounds, List<RunEvent> events, List<Participation> participation,
                    ClientSplit split, List<RunPlots.Plot> plots, List<RunPlots.Plot> splitPlots,
                    boolean synthetic, List<Reference> references) {
            this(title, scenario, summary, initialAccuracy, rounds, events, participation, split, plots, splitPlots,
                    synthetic, references, new java.util.TreeMap<>());
        }
    }

    static final int MAX_TABLE_CLIENTS = 60;

    private RunReport() {
    }

    public static String html(Page page) {
        StringBuilder out = new StringBuilder();
        String title = "Lorasim run " + page.title() + (page.synthetic() ? " - " + RunPlots.SYNTHETIC_MARK : "");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n");
        if (page.synthetic()) {
            out.append("<p class=\"synthetic\">").append(RunPlots.SYNTHETIC_MARK)
                    .append(": the trainer was a cost model; accuracies and losses are not measurements.</p>\n");
        }
        if (!page.scenario().isEmpty()) {
            out.append("<h2>Scenario</h2>\n<ul>\n");
            page.scenario().forEach(line -> out.append("<li>").append(escape(line)).append("</li>\n"));
            out.append("</ul>\n");
        }
        summary(out, page.summary(), page.initialAccuracy(), page.rounds());
        referencesTable(out, page.references());
        out.append("<h2>Plots</h2>\n");
        if (page.plots().isEmpty()) {
            out.append("<p>No plot: no round has a finite accuracy, loss or consensus distance yet.</p>\n");
        } else {
            out.append("<p>Round plots start at the model before training (0 rounds completed). Red vertical lines"
                    + " mark the scripted events and failures where they happened (on the round axis at the start"
                    + " of their round); dashed grey lines are reference accuracies.</p>\n");
        }
        images(out, page.plots());
        participation(out, page.participation(), page.splitPlots());
        clients(out, page.split(), page.splitPlots());
        generationsSection(out, page.generations());
        roundsTable(out, page.rounds());
        eventsTable(out, page.events());
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void images(StringBuilder out, List<RunPlots.Plot> plots) {
        for (RunPlots.Plot plot : plots) {
            out.append("<div><img src=\"").append(escape(plot.fileName())).append("\" alt=\"")
                    .append(escape(plot.title())).append("\"></div>\n");
        }
    }

    private static void participation(StringBuilder out, List<Participation> rounds, List<RunPlots.Plot> plots) {
        out.append("<h2>Participation</h2>\n");
        if (rounds.isEmpty()) {
            out.append("<p>No round finished yet.</p>\n");
            return;
        }
        images(out, plots.stream().filter(p -> p.fileName().equals(ParticipationTimeline.PNG)).toList());
        int clients = rounds.get(0).clients();
        if (clients > MAX_TABLE_CLIENTS) {
            out.append("<p>").append(clients).append(" clients: the full timeline is in <code>")
                    .append(ParticipationTimeline.CSV).append("</code>.</p>\n");
            return;
        }
        out.append("<p>Each cell is one client in one round:");
        for (ParticipationStatus s : ParticipationStatus.values()) {
            out.append(" <span class=\"p-").append(s.csvName()).append("\">").append(letter(s)).append("</span> ")
                    .append(escape(s.label())).append(s.ordinal() < ParticipationStatus.values().length - 1 ? ";" : ".");
        }
        out.append("</p>\n<table class=\"timeline\">\n<tr><th>client</th>");
        rounds.forEach(p -> out.append("<th>").append(p.round()).append("</th>"));
        out.append("</tr>\n");
        for (int c = 0; c < clients; c++) {
            out.append("<tr><th>").append(c).append("</th>");
            for (Participation p : rounds) {
                ParticipationStatus s = statusOf(p, c);
                out.append("<td class=\"p-").append(s.csvName()).append("\" title=\"").append(escape(s.label()))
                        .append("\">").append(letter(s)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static ParticipationStatus statusOf(Participation p, int client) {
        for (ParticipationStatus s : ParticipationStatus.values()) {
            if (s != ParticipationStatus.NOT_SAMPLED && p.of(s).contains(client)) {
                return s;
            }
        }
        return ParticipationStatus.NOT_SAMPLED;
    }

    private static String letter(ParticipationStatus s) {
        return switch (s) {
            case TOOK_PART -> "T";
            case LATE -> "L";
            case CRASHED -> "C";
            case UNREACHABLE -> "U";
            case REMOVED -> "R";
            case FAILED -> "F";
            case DOES_NOT_FIT -> "M";
            case NOT_SAMPLED -> "&middot;";
        };
    }

    private static void clients(StringBuilder out, ClientSplit split, List<RunPlots.Plot> plots) {
        out.append("<h2>Clients</h2>\n");
        if (split == null) {
            out.append("<p>The split is not known (the run stopped before its data was loaded).</p>\n");
            return;
        }
        if (split.synthetic()) {
            out.append("<p>System-only run: there is no data, so no label mix. What is known of each client (its"
                    + " device profile and LoRA rank) is below and in <code>").append(ClientsCsv.FILE)
                    .append("</code>.</p>\n");
        } else {
            out.append("<p>How the training data was split: examples and labels per client (also in <code>")
                    .append(ClientsCsv.FILE).append("</code>).</p>\n");
            images(out, plots.stream().filter(p -> p.fileName().equals(LabelMixPlot.PNG)).toList());
        }
        if (split.clients().size() > MAX_TABLE_CLIENTS) {
            out.append("<p>").append(split.clients().size()).append(" clients: see <code>").append(ClientsCsv.FILE)
                    .append("</code>.</p>\n");
            return;
        }
        List<List<String>> rows = ClientsCsv.parse(ClientsCsv.render(split));
        out.append("<table>\n<tr>");
        rows.get(0).forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : rows.subList(1, rows.size())) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static void summary(StringBuilder out, RunSummary s, double initialAccuracy, List<RoundRecord> rounds) {
        out.append("<h2>Summary</h2>\n<table>\n");
        if (s == null) {
            RoundRecord last = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
            row(out, "outcome", "running (no summary yet)");
            row(out, "rounds", Long.toString(rounds.stream().filter(r -> !r.isBefore()).count()));
            row(out, "accuracy", number(initialAccuracy) + " -> " + (last == null ? "-" : number(last.accuracy())));
        } else {
            row(out, "algorithm", s.algorithm());
            row(out, "variant", s.variant());
            row(out, "rounds", Integer.toString(s.rounds()));
            row(out, "accuracy", number(s.initialAccuracy()) + " -> " + number(s.finalAccuracy()));
            List<RoundRecord> ppl = rounds.stream().filter(r -> Double.isFinite(r.perplexity())).toList();
            if (!ppl.isEmpty()) {
                row(out, "held-out perplexity", number(ppl.get(0).perplexity()) + " -> "
                        + number(ppl.get(ppl.size() - 1).perplexity()));
            }
            List<RoundRecord> average = rounds.stream().filter(r -> Double.isFinite(r.averageModelAccuracy())).toList();
            if (!average.isEmpty()) {
                row(out, "accuracy of the clients' average adapter", number(average.get(0).averageModelAccuracy())
                        + " -> " + number(average.get(average.size() - 1).averageModelAccuracy()));
            }
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

    /** Each evaluated round's sampled continuations (generations.jsonl), the prompt in grey. */
    private static void generationsSection(StringBuilder out,
                                           java.util.SortedMap<Integer, List<ModelEvaluator.Generation>> generations) {
        if (generations.isEmpty()) {
            return;
        }
        boolean perClient = generations.values().stream().flatMap(List::stream)
                .anyMatch(g -> g.client() != ModelEvaluator.Generation.GLOBAL);
        out.append("<h2>Generations</h2>\n<p>Held-out prompts continued by the model after each evaluated round "
                + "(temperature 0.8, top-p 0.9, seeded; generations.jsonl)")
                .append(perClient ? ", by every client's own adapter" : "").append(".</p>\n<table>\n<tr><th>round</th>")
                .append(perClient ? "<th>client</th>" : "").append("<th>prompt</th><th>completion</th></tr>\n");
        generations.forEach((round, list) -> {
            for (ModelEvaluator.Generation g : list) {
                out.append("<tr><td>").append(round == RoundRecord.BEFORE ? "before" : Integer.toString(round));
                if (perClient) {
                    out.append("</td><td>").append(g.client() == ModelEvaluator.Generation.GLOBAL ? "all"
                            : "client-" + g.client());
                }
                out.append("</td><td class=\"text\"><pre>").append(escape(g.prompt()))
                        .append("</pre></td><td class=\"text\"><pre>").append(escape(g.completion()))
                        .append("</pre></td></tr>\n");
            }
        });
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
        for (String column : List.of("round", "sim s", "wall s", "train loss", "accuracy", "spread", "average adapter acc.",
                "macro-F1",
                "perplexity", "bytes up",
                "bytes down", "parameters", "sampled", "participants", "stragglers", "failures", "consensus",
                "checksum")) {
            out.append("<th>").append(column).append("</th>");
        }
        out.append("</tr>\n");
        for (RoundRecord r : rounds) {
            out.append("<tr>");
            for (String cell : List.of(r.isBefore() ? "before" : Integer.toString(r.round()),
                    String.format(Locale.ROOT, "%.3f", r.simSeconds()),
                    String.format(Locale.ROOT, "%.3f", r.wallMillis() / 1e3), number(r.trainLoss()),
                    number(r.accuracy()), number(r.accuracySpread()), number(r.averageModelAccuracy()),
                    number(r.macroF1()), number(r.perplexity()),
                    Long.toString(r.bytesUp()),
                    Long.toString(r.bytesDown()), Long.toString(r.parameters()), Integer.toString(r.sampled()),
                    Integer.toString(r.participants()), Integer.toString(r.stragglers()),
                    Integer.toString(r.failures()), number(r.consensusDistance()))) {
                out.append("<td>").append(escape(cell)).append("</td>");
            }
            out.append("<td class=\"text\">").append(escape(r.checksum())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /** The scenario actions and failures; the message sends of {@code events.jsonl} are counted, not listed. */
    private static void eventsTable(StringBuilder out, List<RunEvent> all) {
        out.append("<h2>Events</h2>\n");
        List<RunEvent> events = all.stream().filter(e -> !MessageEvents.isSend(e)).toList();
        long sends = all.size() - events.size();
        if (sends > 0) {
            out.append("<p>").append(sends).append(" messages sent over links (the <code>message-sent</code> lines of"
                    + " <code>events.jsonl</code>, with their simulated times) are not listed here.</p>\n");
        }
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
