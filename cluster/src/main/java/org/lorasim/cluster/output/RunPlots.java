package org.lorasim.cluster.output;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;

/**
 * The PNG plots of a run folder: accuracy and train loss against the round, the simulated seconds and the
 * cumulative bytes sent (up + down), and the gossip consensus distance against the round when any round has
 * one. A plot with no finite point is not written. Titles of a system-only run say so.
 * The per-client participation timeline is {@link ParticipationTimeline}.
 */
public final class RunPlots {

    /** What a system-only run's titles and report carry. */
    public static final String SYNTHETIC_MARK = "SYSTEM-ONLY (synthetic, no model trained)";

    /** A written plot: its file name in the run folder and its title. */
    public record Plot(String fileName, String title) {
    }

    private record Axis(String name, String title, ToDoubleFunction<Integer> value) {
    }

    private RunPlots() {
    }

    /** Writes every plot that has points into {@code dir} (atomically) and returns them in a fixed order. */
    public static List<Plot> write(Path dir, List<RoundRecord> records, boolean synthetic) {
        return write(dir, records, synthetic, List.of());
    }

    /**
     * As above, with each reference accuracy drawn on the accuracy plots as a flat line across the x-range,
     * labelled with its id and value.
     */
    public static List<Plot> write(Path dir, List<RoundRecord> records, boolean synthetic,
                                   List<Reference> references) {
        double[] cumulativeMegabytes = new double[records.size()];
        long sum = 0;
        for (int i = 0; i < records.size(); i++) {
            sum += records.get(i).bytesUp() + records.get(i).bytesDown();
            cumulativeMegabytes[i] = sum / 1e6;
        }
        List<Axis> axes = List.of(
                new Axis("round", "round", i -> records.get(i).round()),
                new Axis("sim-time", "simulated seconds", i -> records.get(i).simSeconds()),
                new Axis("bytes", "MB sent (up + down, cumulative)", i -> cumulativeMegabytes[i]));
        List<Plot> written = new ArrayList<>();
        for (Axis axis : axes) {
            written.addAll(plot(dir, records, synthetic, axis, "accuracy", "held-out accuracy", RoundRecord::accuracy,
                    references));
        }
        for (Axis axis : axes) {
            written.addAll(plot(dir, records, synthetic, axis, "loss", "train loss", RoundRecord::trainLoss, List.of()));
        }
        written.addAll(plot(dir, records, synthetic, axes.get(0), "consensus", "consensus distance",
                RoundRecord::consensusDistance, List.of()));
        return written;
    }

    private static List<Plot> plot(Path dir, List<RoundRecord> records, boolean synthetic, Axis axis, String name,
                                   String yTitle, ToDoubleFunction<RoundRecord> y, List<Reference> references) {
        double[] xs = new double[records.size()];
        double[] ys = new double[records.size()];
        for (int i = 0; i < records.size(); i++) {
            xs[i] = axis.value().applyAsDouble(i);
            ys[i] = y.applyAsDouble(records.get(i));
        }
        List<LineCharts.Series> series = new ArrayList<>(List.of(new LineCharts.Series(yTitle, xs, ys)));
        if (!LineCharts.hasPoints(series)) {
            return List.of();
        }
        double from = Arrays.stream(xs).filter(Double::isFinite).min().orElse(0);
        double to = Arrays.stream(xs).filter(Double::isFinite).max().orElse(0);
        for (Reference r : references) {
            if (Double.isFinite(r.accuracy())) {
                series.add(new LineCharts.Series(String.format(Locale.ROOT, "%s %.3f", r.id(), r.accuracy()),
                        new double[]{from, to}, new double[]{r.accuracy(), r.accuracy()}));
            }
        }
        String title = capitalize(yTitle) + " vs " + axis.title() + (synthetic ? " - " + SYNTHETIC_MARK : "");
        String fileName = name + "-" + axis.name() + ".png";
        AtomicFiles.write(dir.resolve(fileName), LineCharts.png(title, axis.title(), yTitle, series));
        return List.of(new Plot(fileName, title));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
