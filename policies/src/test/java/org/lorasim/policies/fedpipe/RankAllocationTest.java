package org.lorasim.policies.fedpipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankAllocationTest {

    @Test
    void allocatesAHandWorkedBudget() {
        // Prepare: ranks {0, 1, 2}; item 0 is worth 0 / 3 / 4, item 1 is worth 0 / 2 / 5
        RankAllocation a = new RankAllocation(new double[][] {{0, 3, 4}, {0, 2, 5}}, new int[] {0, 1, 2});

        // Execute / Assert
        // R=1: item 0 at 1 -> 3; R=2: 3+2 = 5 or 0+5 = 5 (4 alone is worse); R=3: 3+5 = 8; R=4: 4+5 = 9
        assertThat(a.maxTotal()).isEqualTo(4);
        assertThat(new double[] {a.best(0), a.best(1), a.best(2), a.best(3), a.best(4)}).containsExactly(0, 3, 5, 8, 9);
        assertThat(a.assignment(3)).containsExactly(1, 2);
        assertThat(a.assignment(4)).containsExactly(2, 2);
        assertThat(a.assignment(0)).containsExactly(0, 0);
    }

    @Test
    void equalsBruteForceForEveryTotal() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare: 1-5 items, ranks 0 plus three of 1..8, increasing non-negative utilities
            int items = rng.nextInt(1, 6);
            int[] ranks = {0, rng.nextInt(1, 3), rng.nextInt(3, 5), rng.nextInt(5, 9)};
            double[][] utility = new double[items][ranks.length];
            for (int i = 0; i < items; i++) {
                double importance = rng.nextDouble();
                for (int j = 1; j < ranks.length; j++) {
                    utility[i][j] = importance * RankUtility.values()[trial % 3].of(ranks[j], ranks[3]);
                }
            }

            // Execute
            RankAllocation a = new RankAllocation(utility, ranks);

            // Assert
            for (int total = 0; total <= a.maxTotal(); total++) {
                int[] assignment = a.assignment(total);
                int used = 0;
                double value = 0;
                for (int i = 0; i < items; i++) {
                    used += assignment[i];
                    value += utility[i][indexOf(ranks, assignment[i])];
                }
                assertThat(used).isLessThanOrEqualTo(total);
                assertThat(value).isEqualTo(a.best(total));
                assertThat(a.best(total)).as("trial %d, R=%d", trial, total).isEqualTo(bruteForce(utility, ranks, total));
            }
        }
    }

    @Test
    void ranksMustStartAtZeroAndAscend() {
        assertThatThrownBy(() -> new RankAllocation(new double[][] {{1, 2}}, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start with 0");
        assertThatThrownBy(() -> new RankAllocation(new double[][] {{0, 1, 2}}, new int[] {0, 4, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new RankAllocation(new double[][] {{0, 1}}, new int[] {0, 2, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 0 needs 3 utilities");
    }

    private static int indexOf(int[] ranks, int rank) {
        for (int j = 0; j < ranks.length; j++) {
            if (ranks[j] == rank) {
                return j;
            }
        }
        throw new AssertionError("rank " + rank + " not allowed");
    }

    private static double bruteForce(double[][] utility, int[] ranks, int total) {
        int[] choice = new int[utility.length];
        double best = Double.NEGATIVE_INFINITY;
        while (true) {
            int used = 0;
            double value = 0;
            for (int i = 0; i < utility.length; i++) {
                used += ranks[choice[i]];
                value += utility[i][choice[i]];
            }
            if (used <= total) {
                best = Math.max(best, value);
            }
            int i = 0;
            while (i < choice.length && ++choice[i] == ranks.length) {
                choice[i] = 0;
                i++;
            }
            if (i == choice.length) {
                return best;
            }
        }
    }
}
