package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The held-out rule: validation, else test, else a seeded slice of train. */
class HeldOutSplitTest {
    private static final List<Example> TRAIN = IntStream.range(0, 20).mapToObj(i -> new Example("t" + i, i % 2)).toList();
    private static final List<Example> VALIDATION = List.of(new Example("v", 0));
    private static final List<Example> TEST = List.of(new Example("x", 1));

    @Test
    void validationWhenPresent() {
        // Execute
        HeldOutSplit split = HeldOutSplit.of(new TextDataset("d", List.of("a", "b"),
                Map.of(Split.TRAIN, TRAIN, Split.VALIDATION, VALIDATION, Split.TEST, TEST)), 0.1, new SplittableRandom(1));

        // Assert
        assertThat(split.source()).isEqualTo("validation split");
        assertThat(split.heldOut()).isEqualTo(VALIDATION);
        assertThat(split.train()).isEqualTo(TRAIN);
    }

    @Test
    void testWhenThereIsNoValidation() {
        // Execute
        HeldOutSplit split = HeldOutSplit.of(new TextDataset("d", List.of("a", "b"),
                Map.of(Split.TRAIN, TRAIN, Split.TEST, TEST)), 0.1, new SplittableRandom(1));

        // Assert
        assertThat(split.source()).isEqualTo("test split");
        assertThat(split.heldOut()).isEqualTo(TEST);
    }

    @Test
    void aSeededSliceOfTrainWhenThereIsNeither() {
        // Prepare
        TextDataset trainOnly = new TextDataset("d", List.of("a", "b"), Map.of(Split.TRAIN, TRAIN));

        // Execute
        HeldOutSplit first = HeldOutSplit.of(trainOnly, 0.25, new SplittableRandom(7));
        HeldOutSplit again = HeldOutSplit.of(trainOnly, 0.25, new SplittableRandom(7));
        HeldOutSplit other = HeldOutSplit.of(trainOnly, 0.25, new SplittableRandom(8));

        // Assert: 5 of 20 held out, disjoint from training, in file order, the same for the same seed
        assertThat(first.source()).isEqualTo("25% of train (seeded)");
        assertThat(first.heldOut()).hasSize(5);
        assertThat(first.train()).hasSize(15).doesNotContainAnyElementsOf(first.heldOut());
        List<Example> union = new ArrayList<>(first.train());
        union.addAll(first.heldOut());
        assertThat(union).containsExactlyInAnyOrderElementsOf(TRAIN);
        assertThat(first.heldOut()).isSortedAccordingTo((x, y) -> Integer.compare(TRAIN.indexOf(x), TRAIN.indexOf(y)));
        assertThat(again).isEqualTo(first);
        assertThat(other.heldOut()).isNotEqualTo(first.heldOut());
    }

    @Test
    void aTinyTrainSplitStillKeepsOneExampleOnEachSide() {
        // Execute
        HeldOutSplit split = HeldOutSplit.of(new TextDataset("d", List.of("a", "b"), Map.of(Split.TRAIN, TRAIN.subList(0, 2))),
                0.01, new SplittableRandom(1));

        // Assert
        assertThat(split.heldOut()).hasSize(1);
        assertThat(split.train()).hasSize(1);
    }
}
