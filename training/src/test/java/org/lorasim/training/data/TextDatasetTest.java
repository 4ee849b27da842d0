package org.lorasim.training.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TextDatasetTest {

    private static TextDataset small() {
        Map<Split, List<Example>> splits = new EnumMap<>(Split.class);
        splits.put(Split.TEST, List.of(new Example("t1", 2, "b")));
        splits.put(Split.TRAIN, List.of(new Example("a", 0, "x"), new Example("b", 1, "x"), new Example("c", 1, "y"),
                new Example("d", 1, "x")));
        return new TextDataset("small", List.of("zero", "one", "two"), splits);
    }

    @Test
    void statisticsCountLabelsAndGroups() {
        // Prepare
        TextDataset dataset = small();

        // Execute
        DatasetStatistics train = dataset.statistics(Split.TRAIN);
        DatasetStatistics all = dataset.statistics();

        // Assert: train labels 0,1,1,1 -> counts [1,3,0]; group x has labels 0,1,1 -> [1,2,0], y has 1 -> [0,1,0]
        assertThat(train.size()).isEqualTo(4);
        assertThat(train.labelCounts()).containsExactly(1, 3, 0);
        assertThat(train.labelCountsByGroup()).containsExactly(
                Map.entry("x", List.of(1, 2, 0)), Map.entry("y", List.of(0, 1, 0)));
        assertThat(train.groupSizes()).containsExactly(Map.entry("x", 3), Map.entry("y", 1));
        assertThat(train.majorityLabel()).isEqualTo(1);
        assertThat(train.majorityFraction()).isCloseTo(0.75, within(1e-12)); // 3 / 4
        assertThat(all.labelCounts()).containsExactly(1, 3, 1);
        assertThat(all.groups()).containsExactly("b", "x", "y");
    }

    @Test
    void splitsComeInEnumOrderAndExamplesInSourceOrder() {
        // Prepare
        TextDataset dataset = small();

        // Execute, Assert
        assertThat(dataset.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(dataset.examples()).extracting(Example::text).containsExactly("a", "b", "c", "d", "t1");
        assertThat(dataset.groups()).containsExactly("b", "x", "y");
        assertThat(dataset.toString()).isEqualTo("TextDataset[small, 3 labels, train=4, test=1]");
    }

    @Test
    void isImmutable() {
        // Prepare
        List<Example> source = new ArrayList<>(List.of(new Example("a", 0)));
        TextDataset dataset = new TextDataset("d", List.of("only"), Map.of(Split.TRAIN, source));

        // Execute
        source.add(new Example("b", 0));

        // Assert
        assertThat(dataset.train()).hasSize(1);
        assertThatThrownBy(() -> dataset.train().add(new Example("c", 0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dataset.examples().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dataset.labelNames().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void absentSplitNamesThoseThatExist() {
        // Execute, Assert
        assertThatThrownBy(() -> small().validation()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset small has no validation split").hasMessageContaining("[train, test]");
    }

    @Test
    void badConstructionsAreRejected() {
        // Prepare
        Map<Split, List<Example>> one = Map.of(Split.TRAIN, List.of(new Example("a", 1)));

        // Execute, Assert
        assertThatThrownBy(() -> new TextDataset("d", List.of("only"), one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 1").hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new TextDataset("d", List.of("a", "a"), one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new TextDataset("d", List.of("a", "b"), Map.of(Split.TRAIN, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split train of dataset d is empty");
        assertThatThrownBy(() -> new TextDataset(" ", List.of("a", "b"), one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new TextDataset("d", List.of("a", "b"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one split");
        assertThatThrownBy(() -> new Example("x", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label must be >= 0, got -1");
    }
}
