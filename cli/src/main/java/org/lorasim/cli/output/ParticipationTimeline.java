package org.lorasim.cli.output;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.ParticipationStatus;

/**
 * The per-client participation timeline of a run folder: {@code participation.csv}, {@code round,client,status}
 * with the {@link ParticipationStatus#csvName() status names} ({@code took-part}, {@code late},
 * {@code crashed}, {@code unreachable}, {@code removed}, {@code failed}, {@code does-not-fit}, {@code not-sampled}), and
 * {@code participation.png}, a dot per round and client coloured by status, with one legend entry per status
 * that occurs. The CSV has a line for every round and client of runs of up to {@value #MAX_LISTED_CLIENTS}
 * clients; bigger runs list only the sampled clients (the others were not sampled or do not fit: events.jsonl
 * names those). The plot shows at most the
 * first {@value #MAX_CLIENTS} client ids (the title says so when it cuts), so a 100,000-client run stays
 * readable.
 */
public final class ParticipationTimeline {
    public static final String CSV = "participation.csv";
    public static final String PNG = "participation.png";
    static final int MAX_CLIENTS = 200;
    static final int MAX_LISTED_CLIENTS = 1000;

    /** One colour per status, fixed so every run's plot reads the same. */
    static final Map<ParticipationStatus, Color> COLORS = Map.of(
            ParticipationStatus.TOOK_PART, new Color(0x2e7d32),
            ParticipationStatus.LATE, new Color(0xf9a825),
            ParticipationStatus.CRASHED, new Color(0xc62828),
            ParticipationStatus.UNREACHABLE, new Color(0x6a1b9a),
            ParticipationStatus.REMOVED, new Color(0x424242),
            ParticipationStatus.FAILED, new Color(0xef6c00),
            ParticipationStatus.DOES_NOT_FIT, new Color(0x8d6e63),
            ParticipationStatus.NOT_SAMPLED, new Color(0xcfd8dc));

    private ParticipationTimeline() {
    }

    public static String csv(List<Participation> rounds) {
        StringBuilder out = new StringBuilder("round,client,status\n");
        for (Participation p : rounds) {
            String[] status = new String[p.clients()];
            for (ParticipationStatus s : ParticipationStatus.values()) {
                if ((s == ParticipationStatus.NOT_SAMPLED || s == ParticipationStatus.DOES_NOT_FIT)
                        && p.clients() > MAX_LISTED_CLIENTS) {
                    continue;
                }
                p.of(s).stream().filter(c -> c < status.length).forEach(c -> status[c] = s.csvName());
            }
            for (int c = 0; c < status.length; c++) {
                if (status[c] != null) {
                    out.append(p.round()).append(',').append(c).append(',').append(status[c]).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** Writes the PNG into {@code dir} and returns it, or nothing when there is no round. */
    public static Optional<RunPlots.Plot> write(Path dir, List<Participation> rounds, boolean synthetic) {
        if (rounds.isEmpty()) {
            return Optional.empty();
        }
        boolean cut = rounds.stream().anyMatch(p -> p.clients() > MAX_CLIENTS);
        String title = "Participation by client" + (cut ? " (clients 0-" + (MAX_CLIENTS - 1) + ")" : "")
                + (synthetic ? " - " + RunPlots.SYNTHETIC_MARK : "");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("round")
                .yAxisTitle("client").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(8);
        int clients = Math.min(MAX_CLIENTS, rounds.get(0).clients());
        int lastRound = rounds.get(rounds.size() - 1).round();
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> LineCharts.wholeTick(v, 0, lastRound));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> LineCharts.wholeTick(v, 0, clients - 1));
        // Whole-number bounds: XChart lays its ticks out from the bounds, and bounds at -0.5 put no tick on a
        // whole number.
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax(clients + 0.0);
        chart.getStyler().setXAxisMin(-1.0);
        chart.getStyler().setXAxisMax(lastRound + 1.0);
        for (ParticipationStatus status : ParticipationStatus.values()) {
            add(chart, status, rounds);
        }
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.write(dir.resolve(PNG), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the participation timeline: " + e.getMessage(), e);
        }
        return Optional.of(new RunPlots.Plot(PNG, title));
    }

    private static void add(XYChart chart, ParticipationStatus status, List<Participation> rounds) {
        double[] xs = rounds.stream().flatMap(p -> p.of(status).stream().filter(c -> c < MAX_CLIENTS)
                .map(c -> (double) p.round())).mapToDouble(Double::doubleValue).toArray();
        double[] ys = rounds.stream().flatMap(p -> p.of(status).stream().filter(c -> c < MAX_CLIENTS)
                .map(c -> (double) c)).mapToDouble(Double::doubleValue).toArray();
        if (xs.length == 0) {
            return;
        }
        XYSeries series = chart.addSeries(status.label(), xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(COLORS.get(status));
    }
}
