package org.lorasim.cli.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts rendered to PNG bytes with XChart, headless ({@code java.awt.headless=true} is set before the
 * first chart). Points whose x or y is NaN or infinite are skipped; a series left empty is dropped.
 *
 * <p>Choices, so that a chart never misleads. (1) The y-axis never fits the data alone: it is the {@link Options}'
 * fixed range when given (e.g. {@code [0, 1]} for accuracy), widened to hold every point and every
 * {@link ReferenceLine}; otherwise from 0 (or the lowest value, if negative) to the highest value or reference
 * plus 10% of the span, so one dip never fills the chart. (2) Tick labels are clean numbers ({@link #tick}: at
 * most 4 significant digits, no trailing zeros); with {@link Options#integerX} an x tick that is not a whole
 * number has no label. (3) {@link ReferenceLine}s are dashed horizontal lines across the x-range, named with
 * their value in the legend. (4) {@link Marker}s are thin vertical lines with their label at the top, for
 * events on a time axis; markers at the same x share one line and their labels are joined; the x-range starts
 * early enough to show a marker before the first point (an event at time 0), never extends past the last.
 */
public final class LineCharts {

    /**
     * One named line; x and y of equal length. A line with a {@code companionOf} (another series' name) is a
     * second view of that series (e.g. a gossip arm's averaged adapter beside its clients' own adapters): drawn
     * dashed, without point markers, in that series' colour.
     */
    public record Series(String name, double[] x, double[] y, String companionOf) {
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }

        /** The same points drawn as {@code base}'s companion line. */
        public Series asCompanionOf(String base) {
            return new Series(name, x, y, Objects.requireNonNull(base, "base"));
        }

        public boolean dashed() {
            return companionOf != null;
        }

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
                    kept.stream().mapToDouble(p -> p[1]).toArray(), companionOf);
        }
    }

    /** A horizontal line at {@code value} named {@code label}, e.g. {@code ReferenceLine("majority class", 0.6)}. */
    public record ReferenceLine(String label, double value) {
        public ReferenceLine {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A vertical mark at {@code x} (an event on a time axis) labelled {@code label}. */
    public record Marker(String label, double x) {
        public Marker {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * How to draw a chart beyond its series.
     *
     * @param references horizontal reference lines, always in view
     * @param markers    vertical marks, drawn when inside the x-range of the points
     * @param yMin       lowest y shown, or NaN for the padded default
     * @param yMax       highest y shown, or NaN for the padded default
     * @param integerX   the x-axis counts whole things (rounds): only whole-number ticks are labelled
     */
    public record Options(List<ReferenceLine> references, List<Marker> markers, double yMin, double yMax,
                          boolean integerX) {
        public static final Options DEFAULT = new Options(List.of(), List.of(), Double.NaN, Double.NaN, false);

        public Options {
            references = List.copyOf(references);
            markers = List.copyOf(markers);
        }

        /** The y-range {@code [0, 1]}: accuracies and F1 scores. */
        public Options unitRange() {
            return new Options(references, markers, 0, 1, integerX);
        }

        public Options withReferences(List<ReferenceLine> lines) {
            return new Options(lines, markers, yMin, yMax, integerX);
        }

        public Options withMarkers(List<Marker> marks) {
            return new Options(references, marks, yMin, yMax, integerX);
        }

        public Options withIntegerX() {
            return new Options(references, markers, yMin, yMax, true);
        }
    }

    static final int MAX_MARKERS = 24;
    /** Legends with more entries than this go to the right of the chart, one entry a line, so none is cut. */
    static final int SHORT_LEGEND = 4;
    /** Series colours in order (Tableau 10 without its grey, which the reference lines use): distinct and dark enough on white. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22),
            new Color(0x17becf)};
    private static final Color REFERENCE_COLOR = new Color(0x757575);
    private static final Color MARKER_COLOR = new Color(0xb71c1c);

    private LineCharts() {
    }

    /** True when at least one series has a finite point, i.e. {@link #png} would draw something. */
    public static boolean hasPoints(List<Series> series) {
        return series.stream().anyMatch(s -> s.finitePoints().x().length > 0);
    }

    /** {@link #png(String, String, String, List, Options)} with {@link Options#DEFAULT}. */
    public static byte[] png(String title, String xTitle, String yTitle, List<Series> series) {
        return png(title, xTitle, yTitle, series, Options.DEFAULT);
    }

    /** The chart as PNG bytes; requires {@link #hasPoints}. Series names are made unique with a suffix. */
    public static byte[] png(String title, String xTitle, String yTitle, List<Series> series, Options options) {
        System.setProperty("java.awt.headless", "true");
        if (!hasPoints(series)) {
            throw new IllegalArgumentException("chart '" + title + "' has no finite points to draw");
        }
        boolean longLegend = series.size() + options.references().size() > SHORT_LEGEND;
        XYChart chart = new XYChartBuilder().width(longLegend ? 1050 : 800).height(500).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartTitleFont(titleFont(styler.getChartTitleFont(), title, chart.getWidth()));
        chart.getStyler().setLegendPosition(longLegend ? Styler.LegendPosition.OutsideE
                : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(longLegend ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendVisible(series.size() > 1 || !options.references().isEmpty());
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(LineCharts::tick);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(options.integerX()
                ? v -> wholeTick(v, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY) : LineCharts::tick);
        Set<String> names = new LinkedHashSet<>();
        Map<String, Color> colors = new java.util.HashMap<>();
        int nextColor = 0;
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            Series finite = s.finitePoints();
            if (finite.x().length == 0) {
                continue;
            }
            for (int i = 0; i < finite.x().length; i++) {
                xLo = Math.min(xLo, finite.x()[i]);
                xHi = Math.max(xHi, finite.x()[i]);
                yLo = Math.min(yLo, finite.y()[i]);
                yHi = Math.max(yHi, finite.y()[i]);
            }
            XYSeries drawn = chart.addSeries(unique(names, s.name()), finite.x(), finite.y());
            Color color = s.dashed() && colors.containsKey(s.companionOf()) ? colors.get(s.companionOf())
                    : PALETTE[nextColor++ % PALETTE.length];
            colors.putIfAbsent(s.name(), color);
            drawn.setLineColor(color);
            drawn.setMarkerColor(color);
            drawn.setMarker(s.dashed() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (s.dashed()) {
                drawn.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        for (Marker m : options.markers()) {
            if (m.x() <= xHi) {
                xLo = Math.min(xLo, m.x());
            }
        }
        if (xHi == xLo) {
            xLo -= 0.5;
            xHi += 0.5;
        }
        for (ReferenceLine line : options.references()) {
            if (!Double.isFinite(line.value())) {
                continue;
            }
            yLo = Math.min(yLo, line.value());
            yHi = Math.max(yHi, line.value());
            XYSeries drawn = chart.addSeries(unique(names, line.label() + " " + tick(line.value())),
                    new double[] {xLo, xHi}, new double[] {line.value(), line.value()});
            drawn.setMarker(SeriesMarkers.NONE);
            drawn.setLineStyle(SeriesLines.DASH_DASH);
            drawn.setLineColor(REFERENCE_COLOR);
        }
        double[] range = yRange(yLo, yHi, options);
        styler.setAnnotationLineColor(MARKER_COLOR);
        styler.setAnnotationLineStroke(new BasicStroke(1f));
        styler.setAnnotationTextFontColor(MARKER_COLOR);
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
        chart.getStyler().setXAxisMin(xLo);
        chart.getStyler().setXAxisMax(xHi);
        addMarkers(chart, options.markers(), xLo, xHi, range);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + title + "': " + e.getMessage(), e);
        }
    }

    /** The y-range shown: see the class comment, choice (1). */
    static double[] yRange(double lo, double hi, Options options) {
        if (!Double.isNaN(options.yMin()) && !Double.isNaN(options.yMax())) {
            return new double[] {Math.min(options.yMin(), lo), Math.max(options.yMax(), hi)};
        }
        double bottom = Math.min(0, lo);
        double span = hi - bottom;
        if (span <= 0) {
            span = Math.max(Math.abs(hi), 1);
        }
        return new double[] {lo < 0 ? bottom - 0.1 * span : bottom, hi + 0.1 * span};
    }

    private static void addMarkers(XYChart chart, List<Marker> markers, double xLo, double xHi, double[] range) {
        TreeMap<Double, List<String>> byX = new TreeMap<>();
        for (Marker m : markers) {
            if (m.x() >= xLo && m.x() <= xHi) {
                byX.computeIfAbsent(m.x(), k -> new ArrayList<>()).add(m.label());
            }
        }
        int n = 0;
        for (Map.Entry<Double, List<String>> entry : byX.entrySet()) {
            if (n == MAX_MARKERS) {
                break;
            }
            chart.addAnnotation(new AnnotationLine(entry.getKey(), true, false));
            double y = range[1] - (0.04 + 0.05 * (n % 4)) * (range[1] - range[0]);
            chart.addAnnotation(new AnnotationText(String.join(", ", new LinkedHashSet<>(entry.getValue())),
                    entry.getKey(), y, false));
            n++;
        }
    }

    /** {@code font}, made smaller (to at least 9 points) when {@code title} in it would be wider than the chart. */
    static Font titleFont(Font font, String title, int chartWidth) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            Font fitted = font;
            while (fitted.getSize2D() > 9 && g.getFontMetrics(fitted).stringWidth(title) > chartWidth - 20) {
                fitted = fitted.deriveFont(fitted.getSize2D() - 0.5f);
            }
            return fitted;
        } finally {
            g.dispose();
        }
    }

    private static String unique(Set<String> names, String name) {
        String candidate = name;
        for (int n = 2; !names.add(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }

    /** A tick label: at most 4 significant digits, no trailing zeros, no exponent for ordinary sizes. */
    public static String tick(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4))
                .stripTrailingZeros();
        return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e9 ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * A tick label for an axis that counts whole things (rounds, client ids): the number for a whole number in
     * {@code [lo, hi]}, else a label that shows nothing. The blank labels differ from tick to tick (a run of
     * spaces whose length follows the value), because XChart drops every tick label of an axis when two of its
     * labels are equal, which left whole axes unlabelled.
     */
    public static String wholeTick(double value, double lo, double hi) {
        if (value == Math.rint(value) && value >= lo && value <= hi) {
            return tick(value);
        }
        return " ".repeat(1 + (int) Math.floorMod(Math.round(value * 8), 512L));
    }
}
