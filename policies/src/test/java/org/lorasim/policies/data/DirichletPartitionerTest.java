package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DirichletPartitionerTest {

    private static double meanTotalVariation(Partition p, int[] labels) {
        return PartitionSummary.of(p, labels).meanTotalVariation();
    }

    @Test
    void smallAlphaIsFarMoreSkewedThanLargeAlpha() {
        for (int seed = 0; seed < 20; seed++) {
            // Prepare: 2,000 examples of 10 balanced classes over 10 clients
            int[] labels = new int[2000];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 10;
            }

            // Execute
            Partition skewed = new DirichletPartitioner(0.1, 1, 1000).split(labels, 10, new SplittableRandom(seed));
            Partition mild = new DirichletPartitioner(100, 1, 1000).split(labels, 10, new SplittableRandom(seed));
            Partition iid = new IidPartitioner().split(labels, 10, new SplittableRandom(seed));

            // Assert: alpha = 0.1 leaves each client dominated by a few classes (TV 0.65-0.77 over these
            // seeds); alpha = 100 splits every class almost evenly (TV ~0.04, below the IID split's ~0.06-0.09)
            double tvSkewed = meanTotalVariation(skewed, labels);
            double tvMild = meanTotalVariation(mild, labels);
            double tvIid = meanTotalVariation(iid, labels);
            assertThat(tvSkewed).as("seed %d", seed).isGreaterThan(0.55);
            assertThat(tvMild).as("seed %d", seed).isLessThan(0.08);
            assertThat(tvSkewed).as("seed %d", seed).isGreaterThan(4 * tvMild);
            assertThat(tvIid).as("seed %d", seed).isLessThan(0.15);
        }
    }

    @Test
    void skewGrowsAsAlphaShrinks() {
        // Prepare
        int[] labels = PartitionAssertions.randomLabels(3000, 10, new SplittableRandom(1));
        double[] alphas = {100, 1, 0.05};
        double[] tv = new double[alphas.length];

        // Execute: mean over 10 seeds for each alpha
        for (int a = 0; a < alphas.length; a++) {
            for (int seed = 0; seed < 10; seed++) {
                Partition p = new DirichletPartitioner(alphas[a], 0, 1).split(labels, 10, new SplittableRandom(seed));
                tv[a] += meanTotalVariation(p, labels) / 10;
            }
        }

        // Assert
        assertThat(tv[1]).isGreaterThan(tv[0] + 0.1);
        assertThat(tv[2]).isGreaterThan(tv[1] + 0.1);
    }

    @Test
    void hugeAlphaSplitsOneClassNearlyEvenly() {
        // Prepare: one class of 100; alpha = 1e6 gives proportions ~1/4 each, cuts at floor(25), floor(50), floor(75) +- 1
        int[] labels = new int[100];

        // Execute
        Partition p = new DirichletPartitioner(1e6, 0, 1).split(labels, 4, new SplittableRandom(2));

        // Assert
        assertThat(Arrays.stream(p.sizes()).boxed()).allSatisfy(s -> assertThat(s).isBetween(24, 26));
        PartitionAssertions.assertIsPartitionOf(p, 100, "one class");
    }

    @Test
    void singleClientGetsEverything() {
        // Prepare
        int[] labels = {2, 0, 1, 2, 2};

        // Execute
        Partition p = new DirichletPartitioner(0.5, 1, 10).split(labels, 1, new SplittableRandom(4));

        // Assert
        assertThat(p.indices(0)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void partitionPropertyAndMinimumSizeOverRandomCases() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(50, 800);
            int classes = rng.nextInt(1, 12);
            int clients = rng.nextInt(1, 12);
            double alpha = Math.pow(10, rng.nextDouble(-1.5, 2));
            int min = rng.nextInt(0, 3);
            int[] labels = PartitionAssertions.randomLabels(n, classes, rng);

            // Execute
            Partition p = new DirichletPartitioner(alpha, min, 10_000).split(labels, clients, rng);

            // Assert
            String context = "seed " + seed + ", n=" + n + ", K=" + clients + ", alpha=" + alpha;
            PartitionAssertions.assertIsPartitionOf(p, n, context);
            assertThat(p.clientCount()).as(context).isEqualTo(clients);
            assertThat(Arrays.stream(p.sizes()).min().getAsInt()).as(context).isGreaterThanOrEqualTo(min);
        }
    }

    @Test
    void impossibleMinimumFailsNamingAlphaAndMinimum() {
        // Prepare: 10 clients, 600 examples, alpha 0.01 makes a client with >= 50 of each draw nearly impossible
        int[] labels = PartitionAssertions.randomLabels(600, 3, new SplittableRandom(0));
        DirichletPartitioner rule = new DirichletPartitioner(0.01, 50, 5);

        // Execute / Assert
        assertThatThrownBy(() -> rule.split(labels, 10, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha=0.01").hasMessageContaining("minPerClient=50").hasMessageContaining("5 tries");
        assertThatThrownBy(() -> new DirichletPartitioner(1, 61, 5).split(labels, 10, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minPerClient=61")
                .hasMessageContaining("needs 610 examples");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new DirichletPartitioner(0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dirichlet alpha").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new DirichletPartitioner(-2, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dirichlet alpha");
        assertThatThrownBy(() -> new DirichletPartitioner(Double.POSITIVE_INFINITY, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dirichlet alpha");
        assertThatThrownBy(() -> new DirichletPartitioner(1, -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minPerClient");
        assertThatThrownBy(() -> new DirichletPartitioner(1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTries");
    }
}
