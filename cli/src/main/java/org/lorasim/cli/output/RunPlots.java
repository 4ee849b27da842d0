package org.lorasim.cli.output;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;

/**
 * The PNG plots of a run folder: accuracy (and macro-F1 when the task has more than two labels), a decoder's
 * held-out perplexity, and train loss against the rounds completed, the simulated seconds and the cumulative bytes sent (up + down), and the
 * gossip consensus distance against the rounds when any round has one. A gossip run's accuracy plots show the
 * mean accuracy of the clients' own adapters and, dashed, that of their averaged adapter. A plot with no finite point is not
 * written. Titles of a system-only run say so. The per-client participation timeline is
 * {@link ParticipationTimeline}, the label mix {@link LabelMixPlot}.
 *
 * <p>The x-axis of the round plots counts rounds completed: 0 is the starting model before training
 * ({@link RoundRecord#before}), {@code r + 1} the model after round {@code r}; the time and bytes plots start at
 * (0, before) too. Accuracy and F1 are shown on {@code [0, 1]} with the {@link Context#references()} drawn as
 * lines; the scripted events and failures ({@link #isMarked}) are marked where they happened on the round and
 * simulated-time axes.
 */
public final class RunPlots {

    /** What a system-only run's titles and report carry. */
    public static final String SYNTHETIC_MARK = "SYSTEM-ONLY (synthetic, no model trained)";

    /** A written plot: its file name in the run folder and its title. */
    public record Plot(String fileName, String title) {
    }

    /**
     * What the plots show beyond the records.
     *
     * @param title      the run's name ({@code lorasim.run.name}), first in every title
     * @param references horizontal lines on the accuracy plots (e.g. the majority class)
     * @param events     the run's events; the marked ones become vertical marks
     * @param classes    the task's number of labels (0 when unknown): macro-F1 is drawn when above 2
     */
    public record Context(String title, List<LineCharts.ReferenceLine> references, List<RunEvent> events,
                          int classes) {
        public Context {
            references = List.copyOf(references);
            events = List.copyOf(events);
        }
    }

    private record Axis(String name, String title, ToDoubleFunction<Integer> value,
                        List<LineCharts.Marker> markers) {
    }

    /** The accuracy plots' dashed line of a gossip run: the held-out accuracy of the clients' averaged adapter. */
    static final String AVERAGED_ADAPTER = "averaged adapter accuracy";
    /** A gossip run's accuracy line: the mean held-out accuracy of the clients' own adapters. */
    static final String OWN_ADAPTERS = "held-out accuracy, own adapters (mean)";

    private static final Set<String> MARKED_KINDS = Set.of("aggregator-crashed", "aggregator-recovered",
            "training-failed");

    private RunPlots() {
    }

    /** Scripted events ({@code scenario-*}) and failures of the aggregator or of a training. */
    static boolean isMarked(RunEvent e) {
        return e.kind().startsWith("scenario-") || MARKED_KINDS.contains(e.kind());
    }

    static String markLabel(RunEvent e) {
        return e.kind().startsWith("scenario-") ? e.kind().substring("scenario-".length()) : e.kind();
    }

    /** Writes every plot that has points into {@code dir} (atomically) and returns them in a fixed order. */
    public static List<Plot> write(Path dir, List<RoundRecord> records, boolean synthetic, Context context) {
        double[] cumulativeMegabytes = new double[records.size()];
        long sum = 0;
        for (int i = 0; i < records.size(); i++) {
            sum += records.get(i).bytesUp() + records.get(i).bytesDown();
            cumulativeMegabytes[i] = sum / 1e6;
        }
        List<LineCharts.Marker> byRound = new ArrayList<>();
        List<LineCharts.Marker> byTime = new ArrayList<>();
        for (RunEvent e : context.events()) {
            if (isMarked(e)) {
                byTime.add(new LineCharts.Marker(markLabel(e), e.timeNanos() / 1e9));
                if (e.round() >= 0) {
                    byRound.add(new LineCharts.Marker(markLabel(e), e.round()));
                }
            }
        }
        List<Axis> axes = List.of(
                new Axis("round", "rounds completed (0 = before training)", i -> records.get(i).round() + 1,
                        byRound),
                new Axis("sim-time", "simulated seconds", i -> records.get(i).simSeconds(), byTime),
                new Axis("bytes", "MB sent (up + down, cumulative)", i -> cumulativeMegabytes[i], List.of()));
        boolean f1 = context.classes() > 2;
        List<Plot> written = new ArrayList<>();
        for (Axis axis : axes) {
            LineCharts.Options options = options(axis).unitRange().withReferences(context.references());
            written.addAll(plot(dir, synthetic, context, axis, "accuracy", f1 ? "held-out accuracy and macro-F1"
                    : "held-out accuracy", accuracySeries(records, axis.value(), f1), options));
        }
        for (Axis axis : axes) {
            written.addAll(plot(dir, synthetic, context, axis, "perplexity", "held-out perplexity",
                    List.of(series("held-out perplexity", records, axis, RoundRecord::perplexity)), options(axis)));
        }
        for (Axis axis : axes) {
            written.addAll(plot(dir, synthetic, context, axis, "loss", "train loss",
                    List.of(series("train loss", records, axis, RoundRecord::trainLoss)), options(axis)));
        }
        Axis rounds = axes.get(0);
        written.addAll(plot(dir, synthetic, context, rounds, "consensus", "consensus distance",
                List.of(series("consensus distance", records, rounds, RoundRecord::consensusDistance)),
                options(rounds)));
        return written;
    }

    /**
     * The accuracy plots' lines against {@code x} (of a record's index): held-out accuracy (a gossip run's: the
     * mean over the clients' own adapters), macro-F1 when {@code f1}, and for a gossip run its averaged adapter's
     * accuracy, dashed.
     */
    static List<LineCharts.Series> accuracySeries(List<RoundRecord> records, ToDoubleFunction<Integer> x, boolean f1) {
        boolean gossip = records.stream().anyMatch(r -> Double.isFinite(r.averageModelAccuracy()));
        List<LineCharts.Series> series = new ArrayList<>(List.of(series(gossip ? OWN_ADAPTERS : "held-out accuracy",
                records, x, RoundRecord::accuracy)));
        if (f1) {
            series.add(series("held-out macro-F1", records, x, RoundRecord::macroF1));
        }
        if (gossip) {
            series.add(series(AVERAGED_ADAPTER, records, x, RoundRecord::averageModelAccuracy)
                    .asCompanionOf(OWN_ADAPTERS));
        }
        return series;
    }

    private static LineCharts.Options options(Axis axis) {
        LineCharts.Options options = LineCharts.Options.DEFAULT.withMarkers(axis.markers());
        return axis.name().equals("round") ? options.withIntegerX() : options;
    }

    private static LineCharts.Series series(String name, List<RoundRecord> records, Axis axis,
                                            ToDoubleFunction<RoundRecord> y) {
        return series(name, records, axis.value(), y);
    }

    private static LineCharts.Series series(String name, List<RoundRecord> records, ToDoubleFunction<Integer> x,
                                            ToDoubleFunction<RoundRecord> y) {
        double[] xs = new double[records.size()];
        double[] ys = new double[records.size()];
        for (int i = 0; i < records.size(); i++) {
            xs[i] = x.applyAsDouble(i);
            ys[i] = y.applyAsDouble(records.get(i));
        }
        return new LineCharts.Series(name, xs, ys);
    }

    private static List<Plot> plot(Path dir, boolean synthetic, Context context, Axis axis, String name,
                                   String yTitle, List<LineCharts.Series> series, LineCharts.Options options) {
        if (!LineCharts.hasPoints(series)) {
            return List.of();
        }
        String title = context.title() + ": " + yTitle + " vs " + axis.title().replaceAll(" \\(.*\\)", "")
                + (synthetic ? " - " + SYNTHETIC_MARK : "");
        String fileName = name + "-" + axis.name() + ".png";
        AtomicFiles.write(dir.resolve(fileName), LineCharts.png(title, axis.title(), yTitle, series, options));
        return List.of(new Plot(fileName, title));
    }
}
