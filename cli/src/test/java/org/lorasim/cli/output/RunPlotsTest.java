package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RoundRecord;

class RunPlotsTest {

    private static RoundRecord round(int round, double accuracy, double consensus, double averaged) {
        return new RoundRecord(round, (round + 1) * 1_000_000_000L, 10, 0.5, accuracy, 0.01, Double.NaN, Double.NaN, 1000, 1000,
                100, 2, 2, 0, 0, consensus, "c" + round, false, averaged);
    }

    @Test
    void aGossipRunsAccuracyPlotDrawsItsOwnAdaptersAndItsAveragedAdapterDashed() {
        List<RoundRecord> rounds = List.of(round(0, 0.60, 0.4, 0.66), round(1, 0.64, 0.2, 0.71));

        List<LineCharts.Series> series = RunPlots.accuracySeries(rounds, i -> i + 1, false);

        assertThat(series).extracting(LineCharts.Series::name)
                .containsExactly(RunPlots.OWN_ADAPTERS, RunPlots.AVERAGED_ADAPTER);
        assertThat(series.get(0).dashed()).isFalse();
        assertThat(series.get(0).y()).containsExactly(0.60, 0.64);
        assertThat(series.get(1).companionOf()).isEqualTo(RunPlots.OWN_ADAPTERS);
        assertThat(series.get(1).x()).containsExactly(1, 2);
        assertThat(series.get(1).y()).containsExactly(0.66, 0.71);
        assertThat(LineCharts.png("t", "x", "y", series)).isNotEmpty();
    }

    @Test
    void aCentralizedRunsAccuracyPlotHasNoAveragedAdapterLine() {
        List<RoundRecord> rounds = List.of(round(0, 0.60, Double.NaN, Double.NaN),
                round(1, 0.64, Double.NaN, Double.NaN));

        List<LineCharts.Series> series = RunPlots.accuracySeries(rounds, i -> i + 1, true);

        assertThat(series).extracting(LineCharts.Series::name)
                .containsExactly("held-out accuracy", "held-out macro-F1");
    }
}
