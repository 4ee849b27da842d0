package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawPartitionerTest {

    @Test
    void zipfSizesForTenExamplesOverThreeClients() {
        // Prepare: s = 1 -> w = 1, 1/2, 1/3 (sum 11/6); 1 each, the other 7 shared:
        // 7 * 6/11 = 3.818, 7 * 3/11 = 1.909, 7 * 2/11 = 1.273 -> floors 3, 1, 1 (5 given), 2 left go to the
        // largest remainders .909 (rank 1) and .818 (rank 0) -> 1 + 4, 1 + 2, 1 + 1

        // Execute
        int[] sizes = PowerLawPartitioner.rankedSizes(10, 3, 1.0);

        // Assert
        assertThat(sizes).containsExactly(5, 3, 2);
    }

    @Test
    void exponentZeroGivesEqualSizes() {
        // Prepare / Execute: 10 over 4 -> 1 each, 6 shared as 1.5 -> floors 1, ties to lower ranks
        int[] sizes = PowerLawPartitioner.rankedSizes(10, 4, 0.0);

        // Assert
        assertThat(sizes).containsExactly(3, 3, 2, 2);
    }

    @Test
    void largeExponentConcentratesDataOnTheFirstRank() {
        // Prepare / Execute: s = 4 -> w = 1, 1/16, 1/81, 1/256
        int[] sizes = PowerLawPartitioner.rankedSizes(1000, 4, 4.0);

        // Assert: 4 + 996 * (1 / 1.0788) = ~923 for rank 0
        assertThat(sizes[0]).isBetween(920, 926);
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(1000);
    }

    @Test
    void splitsHoldTheRankedSizesInSomeOrderOverRandomCases() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(1, 600);
            int clients = rng.nextInt(1, Math.min(n, 40) + 1);
            double exponent = rng.nextDouble(0, 3);
            int[] labels = PartitionAssertions.randomLabels(n, 4, rng);

            // Execute
            Partition p = new PowerLawPartitioner(exponent).split(labels, clients, rng);

            // Assert: every client >= 1, ranked sizes non-increasing and summing to n
            String context = "seed " + seed + ", n=" + n + ", K=" + clients + ", s=" + exponent;
            int[] ranked = PowerLawPartitioner.rankedSizes(n, clients, exponent);
            for (int r = 1; r < ranked.length; r++) {
                assertThat(ranked[r]).as(context).isLessThanOrEqualTo(ranked[r - 1]);
            }
            int[] sorted = p.sizes();
            Arrays.sort(sorted);
            int[] expected = ranked.clone();
            Arrays.sort(expected);
            assertThat(sorted).as(context).containsExactly(expected);
            assertThat(sorted[0]).as(context).isGreaterThanOrEqualTo(1);
            PartitionAssertions.assertIsPartitionOf(p, n, context);
        }
    }

    @Test
    void ranksAreDealtToClientsAtRandom() {
        // Prepare
        int[] labels = new int[500];
        int largestIsNotClientZero = 0;

        // Execute
        for (int seed = 0; seed < 20; seed++) {
            int[] sizes = new PowerLawPartitioner(1.5).split(labels, 8, new SplittableRandom(seed)).sizes();
            largestIsNotClientZero += sizes[0] == Arrays.stream(sizes).max().getAsInt() ? 0 : 1;
        }

        // Assert: with a fixed deal client 0 would always be the largest (expected 17.5 of 20 here)
        assertThat(largestIsNotClientZero).isGreaterThan(10);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new PowerLawPartitioner(-0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power-law exponent");
        assertThatThrownBy(() -> new PowerLawPartitioner(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power-law exponent");
        assertThatThrownBy(() -> PowerLawPartitioner.rankedSizes(3, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients=4");
    }
}
