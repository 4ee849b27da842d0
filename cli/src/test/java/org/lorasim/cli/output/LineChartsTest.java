package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LineChartsTest {

    @Test
    void aTitleTooWideForTheChartGetsASmallerFontAndAShortOneKeepsItsOwn() {
        System.setProperty("java.awt.headless", "true");
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14);
        String longTitle = "Simulated time vs round - clients 0-24 partitioned off in rounds 3-5, healed at round 6"
                + " - SYSTEM-ONLY (synthetic, no model trained)";
        java.awt.Font fitted = LineCharts.titleFont(font, longTitle, 800);
        BufferedImage image = new BufferedImage(1, 1,
                BufferedImage.TYPE_INT_RGB);
        assertThat(fitted.getSize2D()).isLessThan(14);
        assertThat(image.createGraphics().getFontMetrics(fitted).stringWidth(longTitle)).isLessThanOrEqualTo(780);
        assertThat(LineCharts.titleFont(font, "Held-out accuracy", 800)).isEqualTo(font);
    }

    @Test
    void tickLabelsAreCleanNumbers() {
        assertThat(LineCharts.tick(0.991666666666667)).isEqualTo("0.9917");
        assertThat(LineCharts.tick(0.322405296)).isEqualTo("0.3224");
        assertThat(LineCharts.tick(0.30000000000000004)).isEqualTo("0.3");
        assertThat(LineCharts.tick(4.0)).isEqualTo("4");
        assertThat(LineCharts.tick(12_614.050113)).isEqualTo("12610");
        assertThat(LineCharts.tick(0)).isEqualTo("0");
    }

    @Test
    void wholeTicksLabelWholeNumbersInRangeAndLeaveOthersBlankEachDifferently() {
        // Prepare: the ticks XChart lays out for a 6-round axis from -1 to 6, and for half steps
        double[] ticks = {-1, -0.5, 0, 0.5, 1, 5, 5.5, 6};

        // Execute
        List<String> labels = java.util.Arrays.stream(ticks).mapToObj(v -> LineCharts.wholeTick(v, 0, 5)).toList();

        // Assert: XChart hides every label of an axis whose labels repeat, so the blanks must all differ
        assertThat(labels).containsExactly(labels.get(0), labels.get(1), "0", labels.get(3), "1", "5", labels.get(6),
                labels.get(7));
        assertThat(List.of(labels.get(0), labels.get(1), labels.get(3), labels.get(6), labels.get(7)))
                .allSatisfy(l -> assertThat(l).isBlank().isNotEmpty()).doesNotHaveDuplicates();
    }

    @Test
    void aFixedRangeHoldsEveryPointAndReferenceAndOneDipDoesNotFillTheChart() {
        // Accuracy 0.99 with one dip to 0.9917: [0, 1] stays
        LineCharts.Options unit = LineCharts.Options.DEFAULT.unitRange();
        assertThat(LineCharts.yRange(0.9917, 1.0, unit)).containsExactly(0, 1);
        // a value or reference beyond the range widens it
        assertThat(LineCharts.yRange(-0.5, 1.2, unit)).containsExactly(-0.5, 1.2);
        // without a fixed range: from 0 to the highest value plus 10%
        double[] loss = LineCharts.yRange(0.60, 0.69, LineCharts.Options.DEFAULT);
        assertThat(loss[0]).isZero();
        assertThat(loss[1]).isCloseTo(0.759, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void referenceLinesAndMarkersAreDrawn() throws IOException {
        // Prepare: a flat accuracy of 0.5, a reference at 0.75 and a marker at x = 1
        List<LineCharts.Series> series = List.of(new LineCharts.Series("accuracy", new double[] {0, 1, 2},
                new double[] {0.5, 0.5, 0.5}));
        LineCharts.Options options = LineCharts.Options.DEFAULT.unitRange()
                .withReferences(List.of(new LineCharts.ReferenceLine("majority class", 0.75)))
                .withMarkers(List.of(new LineCharts.Marker("crash", 1)));

        // Execute
        BufferedImage plain = ImageIO.read(new ByteArrayInputStream(LineCharts.png("t", "x", "y", series,
                LineCharts.Options.DEFAULT.unitRange())));
        BufferedImage marked = ImageIO.read(new ByteArrayInputStream(LineCharts.png("t", "x", "y", series,
                options)));

        // Assert: the reference adds grey pixels, the marker red ones
        assertThat(count(marked, 0x757575)).isGreaterThan(count(plain, 0x757575) + 100);
        assertThat(count(marked, 0xb71c1c)).isGreaterThan(count(plain, 0xb71c1c) + 100);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
