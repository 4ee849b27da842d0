package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;

/** Checks shared by the partitioner tests, written independently of {@link Partition#clientOfExample}. */
final class PartitionAssertions {
    private PartitionAssertions() {
    }

    /** Every index 0..n-1 is held by exactly one client, and nothing else is held. */
    static void assertIsPartitionOf(Partition p, int n, String context) {
        int[] times = new int[n];
        for (int k = 0; k < p.clientCount(); k++) {
            for (int i : p.indices(k)) {
                assertThat(i).as("%s: index held by client %d", context, k).isBetween(0, n - 1);
                times[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(times[i]).as("%s: times index %d is held", context, i).isEqualTo(1);
        }
    }

    /** {@code n} labels in {@code 0..classes-1}, drawn uniformly. */
    static int[] randomLabels(int n, int classes, RandomGenerator rng) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return labels;
    }
}
