package org.lorasim.policies.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.TestAdapters;

class KrumTest {
    private final Adapter layout = TestAdapters.tiny();

    /** Five updates whose five coordinates all equal 0, 1, 2, 3 and 100. */
    private List<WeightedAdapter> lineOfFive() {
        return TestAdapters.unitWeights(
                TestAdapters.constant(layout, 0),
                TestAdapters.constant(layout, 1),
                TestAdapters.constant(layout, 2),
                TestAdapters.constant(layout, 3),
                TestAdapters.constant(layout, 100));
    }

    @Test
    void scoresSumTheClosestNMinusFMinusTwoSquaredDistances() {
        // Prepare: n = 5, f = 1 -> 2 neighbours; squared distance = 5 coordinates * (difference)^2
        Krum krum = Krum.krum(1);

        // Execute
        double[] scores = krum.scores(layout, lineOfFive());

        // Assert: 0 -> {1, 4} = 5; 1 -> {1, 1} = 2; 2 -> {1, 1} = 2; 3 -> {1, 4} = 5;
        // 100 -> {97^2, 98^2} = 9409 + 9604 = 19013; each times 5
        assertThat(scores).containsExactly(new double[] {25, 10, 10, 25, 95065}, within(1e-9));
    }

    @Test
    void krumPicksTheLowestScoreAndBreaksTiesByLowestIndex() {
        // Prepare
        Krum krum = Krum.krum(1);

        // Execute
        int[] chosen = krum.select(layout, lineOfFive());
        Adapter result = krum.aggregate(layout, lineOfFive());

        // Assert: indices 1 and 2 tie at score 10 -> index 1, value 1
        assertThat(chosen).containsExactly(1);
        assertThat(result.flatten()).containsOnly(1f);
    }

    @Test
    void multiKrumAveragesTheMBestUniformly() {
        // Prepare: a huge weight on index 0 must not matter
        List<WeightedAdapter> updates = new java.util.ArrayList<>(lineOfFive());
        updates.set(0, new WeightedAdapter(updates.get(0).adapter(), 1e6));

        // Execute
        Krum three = Krum.multiKrum(1, 3);
        Krum four = Krum.multiKrum(1, 4);

        // Assert: order 1, 2, then 0 and 3 tie at 25 -> 0 first. m=3: (1+2+0)/3 = 1; m=4: (1+2+0+3)/4 = 1.5
        assertThat(three.select(layout, updates)).containsExactly(1, 2, 0);
        assertThat(three.aggregate(layout, updates).flatten()).containsOnly(1f);
        assertThat(four.select(layout, updates)).containsExactly(1, 2, 0, 3);
        assertThat(four.aggregate(layout, updates).flatten()).containsOnly(1.5f);
    }

    @Test
    void identicalUpdatesChooseTheFirst() {
        // Prepare
        List<WeightedAdapter> same = TestAdapters.unitWeights(
                TestAdapters.constant(layout, 7), TestAdapters.constant(layout, 7), TestAdapters.constant(layout, 7));

        // Execute
        int[] chosen = Krum.krum(0).select(layout, same);

        // Assert
        assertThat(chosen).containsExactly(0);
    }

    @Test
    void rejectsTooFewUpdatesForF() {
        // Prepare: f = 1 needs n > 4
        List<WeightedAdapter> four = lineOfFive().subList(0, 4);

        // Execute / Assert
        assertThatThrownBy(() -> Krum.krum(1).aggregate(layout, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n > 2f + 2 = 4").hasMessageContaining("n=4");
        assertThat(Krum.krum(1).select(layout, lineOfFive())).hasSize(1);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> Krum.krum(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byzantine count f");
        assertThatThrownBy(() -> Krum.multiKrum(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selection size m");
        assertThatThrownBy(() -> Krum.multiKrum(1, 6).aggregate(layout, lineOfFive()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=6").hasMessageContaining("n=5");
    }
}
