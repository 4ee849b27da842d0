package org.lorasim.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.lorasim.actors.run.ClientSplit;

/**
 * {@code label-mix.png}: one stacked bar per client, a segment per label with the client's example count of it,
 * so a skewed split (a Dirichlet partition, one rule category per client) is seen at a glance. The legend is
 * shown up to {@value #MAX_LEGEND} labels. A system-only run has no data and gets no plot; the plot shows at most
 * the first {@value #MAX_CLIENTS} clients (the title says so when it cuts).
 */
public final class LabelMixPlot {
    public static final String PNG = "label-mix.png";
    static final int MAX_LEGEND = 16;
    static final int MAX_CLIENTS = 100;

    private LabelMixPlot() {
    }

    public static Optional<RunPlots.Plot> write(Path dir, ClientSplit split, String runTitle) {
        if (split == null || split.synthetic() || split.labelNames().isEmpty() || split.clients().isEmpty()) {
            return Optional.empty();
        }
        List<ClientSplit.Client> shown = split.clients().subList(0, Math.min(MAX_CLIENTS, split.clients().size()));
        String title = runTitle + ": label mix per client" + (shown.size() < split.clients().size()
                ? " (clients 0-" + (MAX_CLIENTS - 1) + ")" : "");
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title(title).xAxisTitle("client")
                .yAxisTitle("training examples").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendVisible(split.labelNames().size() <= MAX_LEGEND);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(LineCharts::tick);
        List<String> clients = shown.stream().map(c -> Integer.toString(c.id())).toList();
        for (int label = 0; label < split.labelNames().size(); label++) {
            List<Integer> counts = new ArrayList<>();
            for (ClientSplit.Client c : shown) {
                counts.add(label < c.labelCounts().size() ? c.labelCounts().get(label) : 0);
            }
            chart.addSeries(split.labelNames().get(label), clients, counts);
        }
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.write(dir.resolve(PNG), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the label mix: " + e.getMessage(), e);
        }
        return Optional.of(new RunPlots.Plot(PNG, title));
    }
}
