package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupPartitionerTest {
    private final GroupPartitioner rule = new GroupPartitioner();
    // groups: 0 -> {0, 1}, 1 -> {2}, 2 -> {3, 4, 5}; by size: group 2, group 0, group 1
    private final int[] groups = {0, 0, 1, 2, 2, 2};

    @Test
    void asManyClientsAsGroupsGivesOneGroupEachLargestFirst() {
        // Execute
        Partition p = rule.split(groups, 3, new SplittableRandom(1));

        // Assert
        assertThat(p.indices(0)).containsExactly(3, 4, 5);
        assertThat(p.indices(1)).containsExactly(0, 1);
        assertThat(p.indices(2)).containsExactly(2);
    }

    @Test
    void fewerClientsDealGroupsRoundRobinBySize() {
        // Execute: group 2 -> client 0, group 0 -> client 1, group 1 -> client 0
        Partition p = rule.split(groups, 2, new SplittableRandom(1));

        // Assert
        assertThat(p.indices(0)).containsExactly(2, 3, 4, 5);
        assertThat(p.indices(1)).containsExactly(0, 1);
    }

    @Test
    void moreClientsSplitTheLargestGroup() {
        // Execute: D'Hondt on sizes 3, 2, 1 with a 4th client: quotients 3, 2, 1 -> group 2 gets 2 clients
        Partition p = rule.split(groups, 4, new SplittableRandom(1));

        // Assert: clients 0 and 1 share group 2 (2 + 1 examples), then group 0, then group 1
        int[] shared = concat(p.indices(0), p.indices(1));
        Arrays.sort(shared);
        assertThat(shared).containsExactly(3, 4, 5);
        assertThat(new int[] {p.size(0), p.size(1)}).containsExactly(2, 1);
        assertThat(p.indices(2)).containsExactly(0, 1);
        assertThat(p.indices(3)).containsExactly(2);
    }

    @Test
    void generatorDoesNotMatterWhenGroupsStayWhole() {
        // Execute
        Partition a = rule.split(groups, 2, new SplittableRandom(1));
        Partition b = rule.split(groups, 2, new SplittableRandom(2));

        // Assert
        assertThat(a).isEqualTo(b);
    }

    @Test
    void dHondtAllotmentHandWorked() {
        // Prepare: sizes 10, 5, 3 over 6 clients. Start 1, 1, 1 (quotients 10, 5, 3) -> group 0: 2, 1, 1
        // (5, 5, 3: tie to the earlier group) -> 3, 1, 1 (3.33, 5, 3) -> group 1: 3, 2, 1

        // Execute
        int[] shards = GroupPartitioner.clientsPerGroup(new int[] {10, 5, 3}, 6);

        // Assert
        assertThat(shards).containsExactly(3, 2, 1);
    }

    @Test
    void everyClientHoldsOneGroupWhenThereAreMoreClientsOverRandomCases() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(20, 400);
            int g = rng.nextInt(1, 8);
            int[] labels = PartitionAssertions.randomLabels(n, g, rng);
            int present = (int) Arrays.stream(labels).distinct().count();
            int clients = rng.nextInt(present, Math.min(n, 30) + 1);

            // Execute
            Partition p = rule.split(labels, clients, rng);

            // Assert: one group per client; within a group, shard sizes differ by at most one
            String context = "seed " + seed + ", n=" + n + ", G=" + present + ", K=" + clients;
            PartitionAssertions.assertIsPartitionOf(p, n, context);
            int[][] counts = LabelHistograms.perClient(p, labels);
            int[] lo = new int[g];
            int[] hi = new int[g];
            Arrays.fill(lo, Integer.MAX_VALUE);
            for (int k = 0; k < clients; k++) {
                int held = 0;
                int group = -1;
                for (int l = 0; l < g; l++) {
                    if (counts[k][l] > 0) {
                        held++;
                        group = l;
                    }
                }
                assertThat(held).as(context + ", client " + k).isEqualTo(1);
                lo[group] = Math.min(lo[group], p.size(k));
                hi[group] = Math.max(hi[group], p.size(k));
            }
            for (int l = 0; l < g; l++) {
                if (hi[l] > 0) {
                    assertThat(hi[l] - lo[l]).as(context + ", group " + l).isLessThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void everyGroupStaysWholeWhenThereAreFewerClientsOverRandomCases() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(50, 400);
            int g = rng.nextInt(2, 12);
            int[] labels = PartitionAssertions.randomLabels(n, g, rng);
            int present = (int) Arrays.stream(labels).distinct().count();
            int clients = rng.nextInt(1, present + 1);

            // Execute
            Partition p = rule.split(labels, clients, rng);

            // Assert: each group's examples all sit on one client, and no client is empty
            String context = "seed " + seed + ", G=" + present + ", K=" + clients;
            PartitionAssertions.assertIsPartitionOf(p, n, context);
            int[][] counts = LabelHistograms.perClient(p, labels);
            int[] global = LabelHistograms.global(labels);
            for (int l = 0; l < g; l++) {
                int holders = 0;
                for (int k = 0; k < clients; k++) {
                    if (counts[k][l] > 0) {
                        holders++;
                        assertThat(counts[k][l]).as(context + ", group " + l).isEqualTo(global[l]);
                    }
                }
                assertThat(holders).as(context + ", group " + l).isEqualTo(global[l] > 0 ? 1 : 0);
            }
            assertThat(Arrays.stream(p.sizes()).min().getAsInt()).as(context).isPositive();
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
