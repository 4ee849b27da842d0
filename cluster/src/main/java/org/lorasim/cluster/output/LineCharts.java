package org.lorasim.cluster.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts rendered to PNG bytes with XChart, headless ({@code java.awt.headless=true} is set before the
 * first chart). Points whose x or y is NaN or infinite are skipped; a series left empty is dropped.
 */
public final class LineCharts {

    /** One named line; x and y of equal length. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " points, y "
                        + y.length);
            }
        }

        Series finitePoints() {
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    kept.add(new double[] {x[i], y[i]});
                }
            }
            return new Series(name, kept.stream().mapToDouble(p -> p[0]).toArray(),
                    kept.stream().mapToDouble(p -> p[1]).toArray());
        }
    }

    private LineCharts() {
    }

    /** True when at least one series has a finite point, i.e. {@link #png} would draw something. */
    public static boolean hasPoints(List<Series> series) {
        return series.stream().anyMatch(s -> s.finitePoints().x().length > 0);
    }

    /** The chart as PNG bytes; requires {@link #hasPoints}. Series names are made unique with a suffix. */
    public static byte[] png(String title, String xTitle, String yTitle, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        if (!hasPoints(series)) {
            throw new IllegalArgumentException("chart '" + title + "' has no finite points to draw");
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setMarkerSize(5);
        Set<String> names = new LinkedHashSet<>();
        for (Series s : series) {
            Series finite = s.finitePoints();
            if (finite.x().length == 0) {
                continue;
            }
            String name = s.name();
            for (int n = 2; !names.add(name); n++) {
                name = s.name() + " (" + n + ")";
            }
            chart.addSeries(name, finite.x(), finite.y()).setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + title + "': " + e.getMessage(), e);
        }
    }
}
