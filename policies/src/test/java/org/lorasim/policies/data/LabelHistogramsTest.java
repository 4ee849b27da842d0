package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelHistogramsTest {
    // labels of examples 0..5
    private final int[] labels = {0, 0, 1, 2, 0, 1};
    // client 0: {0, 1, 2} -> labels 0, 0, 1; client 1: {3, 4, 5} -> labels 2, 0, 1
    private final Partition partition = new Partition(List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}));

    @Test
    void countsPerClientAndGlobally() {
        // Execute
        int[][] counts = LabelHistograms.perClient(partition, labels);
        int[] global = LabelHistograms.global(labels);

        // Assert
        assertThat(counts[0]).containsExactly(2, 1, 0);
        assertThat(counts[1]).containsExactly(1, 1, 1);
        assertThat(global).containsExactly(3, 2, 1);
    }

    @Test
    void totalVariationHandWorked() {
        // Prepare: p = (3/4, 1/4), q = (1/2, 1/2) -> (1/2)(1/4 + 1/4) = 1/4
        // client 0 vs global: p = (2/3, 1/3, 0), q = (1/2, 1/3, 1/6) -> (1/2)(1/6 + 0 + 1/6) = 1/6
        // client 1 vs global: p = (1/3, 1/3, 1/3) -> (1/2)(1/6 + 0 + 1/6) = 1/6

        // Execute
        double tv = LabelHistograms.totalVariation(new int[] {3, 1}, new int[] {1, 1});
        double[] fromGlobal = LabelHistograms.totalVariationFromGlobal(partition, labels);

        // Assert
        assertThat(tv).isCloseTo(0.25, within(1e-12));
        assertThat(fromGlobal).containsExactly(new double[] {1.0 / 6, 1.0 / 6}, within(1e-12));
        assertThat(LabelHistograms.totalVariation(new int[] {5, 0}, new int[] {0, 7})).isEqualTo(1.0);
    }

    @Test
    void summaryHandWorked() {
        // Prepare: a third, empty client counts in the sizes only
        Partition withEmpty = new Partition(List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[0]));

        // Execute
        PartitionSummary s = PartitionSummary.of(withEmpty, labels);

        // Assert: sizes 3, 3, 0 -> mean 2, sd sqrt((1 + 1 + 4) / 3) = sqrt(2); labels held 2 and 3 -> 2.5;
        // TV 1/6 and 1/6
        assertThat(s.clients()).isEqualTo(3);
        assertThat(s.examples()).isEqualTo(6);
        assertThat(s.labels()).isEqualTo(3);
        assertThat(s.minSize()).isZero();
        assertThat(s.maxSize()).isEqualTo(3);
        assertThat(s.meanSize()).isCloseTo(2.0, within(1e-12));
        assertThat(s.sizeStd()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(s.meanLabelsPerClient()).isCloseTo(2.5, within(1e-12));
        assertThat(s.meanTotalVariation()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(s.maxTotalVariation()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(s.describe()).isEqualTo("3 clients, 6 examples; sizes min 0 / mean 2.0 / max 3 (sd 1.4); "
                + "labels per client 2.50 of 3; total variation from global: mean 0.167, max 0.167");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> LabelHistograms.global(new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must not be empty");
        assertThatThrownBy(() -> LabelHistograms.global(new int[] {0, -3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] must be >= 0, got -3");
        assertThatThrownBy(() -> LabelHistograms.totalVariation(new int[] {1}, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> LabelHistograms.totalVariation(new int[] {0, 0}, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> LabelHistograms.perClient(partition, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds example 2");
    }
}
