package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IidPartitionerTest {
    private final IidPartitioner iid = new IidPartitioner();

    @Test
    void fiveExamplesOverTwoClientsGiveThreeAndTwo() {
        // Prepare
        int[] labels = {0, 0, 1, 1, 1};

        // Execute
        Partition p = iid.split(labels, 2, new SplittableRandom(3));

        // Assert: 5 = 3 + 2, first client gets the extra one
        assertThat(p.sizes()).containsExactly(3, 2);
        PartitionAssertions.assertIsPartitionOf(p, 5, "5 over 2");
    }

    @Test
    void oneClientPerExampleGivesSingletons() {
        // Prepare / Execute
        Partition p = iid.split(new int[] {7, 7, 7, 7}, 4, new SplittableRandom(1));

        // Assert
        assertThat(p.sizes()).containsOnly(1);
        PartitionAssertions.assertIsPartitionOf(p, 4, "singletons");
    }

    @Test
    void sizesDifferByAtMostOneOverRandomCases() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(1, 500);
            int clients = rng.nextInt(1, n + 1);

            // Execute
            Partition p = iid.split(PartitionAssertions.randomLabels(n, 5, rng), clients, rng);

            // Assert
            int[] sizes = p.sizes();
            String context = "seed " + seed + ", n=" + n + ", K=" + clients;
            assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt())
                    .as(context).isLessThanOrEqualTo(1);
            PartitionAssertions.assertIsPartitionOf(p, n, context);
        }
    }

    @Test
    void shufflesSoClientsAreNotContiguousRanges() {
        // Prepare
        int[] labels = new int[1000];

        // Execute
        Partition p = iid.split(labels, 10, new SplittableRandom(11));

        // Assert: an unshuffled split would give client 0 exactly 0..99
        int[] first = p.indices(0);
        assertThat(first[first.length - 1] - first[0]).isGreaterThan(500);
    }
}
