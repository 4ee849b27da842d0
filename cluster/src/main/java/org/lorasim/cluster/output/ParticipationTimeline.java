package org.lorasim.cluster.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lorasim.actors.run.Participation;

/**
 * The per-client participation timeline of a run folder: {@code participation.csv} (one line per round and
 * client that was asked: {@code round,client,status} with status {@code took-part}, {@code straggler} or
 * {@code failed}) and {@code participation.png}, a dot per round and client coloured by status. The plot shows
 * at most the first {@value #MAX_CLIENTS} client ids (the title says so when it cuts), so a 100,000-client run
 * stays readable; the CSV has everyone.
 */
public final class ParticipationTimeline {
    public static final String CSV = "participation.csv";
    public static final String PNG = "participation.png";
    static final int MAX_CLIENTS = 200;

    private ParticipationTimeline() {
    }

    public static String csv(List<Participation> rounds) {
        StringBuilder out = new StringBuilder("round,client,status\n");
        for (Participation p : rounds) {
            p.participants().forEach(c -> out.append(p.round()).append(',').append(c).append(",took-part\n"));
            p.stragglers().forEach(c -> out.append(p.round()).append(',').append(c).append(",straggler\n"));
            p.failed().forEach(c -> out.append(p.round()).append(',').append(c).append(",failed\n"));
        }
        return out.toString();
    }

    /** Writes the PNG into {@code dir} and returns it, or nothing when no round had anyone. */
    public static Optional<RunPlots.Plot> write(Path dir, List<Participation> rounds, boolean synthetic) {
        boolean cut = rounds.stream().anyMatch(p -> ids(p).anyMatch(c -> c >= MAX_CLIENTS));
        String title = "Participation by client" + (cut ? " (clients 0-" + (MAX_CLIENTS - 1) + ")" : "")
                + (synthetic ? " - " + RunPlots.SYNTHETIC_MARK : "");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("round")
                .yAxisTitle("client").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(6);
        boolean any = add(chart, "took part", rounds, Participation::participants)
                | add(chart, "straggler", rounds, Participation::stragglers)
                | add(chart, "failed", rounds, Participation::failed);
        if (!any) {
            return Optional.empty();
        }
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.write(dir.resolve(PNG), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the participation timeline: " + e.getMessage(), e);
        }
        return Optional.of(new RunPlots.Plot(PNG, title));
    }

    private static java.util.stream.Stream<Integer> ids(Participation p) {
        return java.util.stream.Stream.of(p.participants(), p.stragglers(), p.failed()).flatMap(List::stream);
    }

    private static boolean add(XYChart chart, String name, List<Participation> rounds,
                               Function<Participation, List<Integer>> who) {
        double[] xs = rounds.stream().flatMap(p -> who.apply(p).stream().filter(c -> c < MAX_CLIENTS)
                .map(c -> (double) p.round())).mapToDouble(Double::doubleValue).toArray();
        double[] ys = rounds.stream().flatMap(p -> who.apply(p).stream().filter(c -> c < MAX_CLIENTS)
                .map(c -> (double) c)).mapToDouble(Double::doubleValue).toArray();
        if (xs.length == 0) {
            return false;
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        return true;
    }
}
