package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void sortsEachClientAndReportsSizes() {
        // Prepare
        int[] first = {4, 0, 2};

        // Execute
        Partition p = new Partition(List.of(first, new int[] {3, 1}, new int[0]));
        first[0] = 99;

        // Assert: a sorted copy, unaffected by later changes to the caller's array
        assertThat(p.indices(0)).containsExactly(0, 2, 4);
        assertThat(p.indices(1)).containsExactly(1, 3);
        assertThat(p.sizes()).containsExactly(3, 2, 0);
        assertThat(p.totalSize()).isEqualTo(5);
        assertThat(p.clientOfExample(5)).containsExactly(0, 1, 0, 1, 0);
        assertThat(p).isEqualTo(new Partition(List.of(new int[] {0, 2, 4}, new int[] {1, 3}, new int[0])));
    }

    @Test
    void clientOfExampleRejectsOverlapsGapsAndStrayIndices() {
        // Prepare
        Partition overlap = new Partition(List.of(new int[] {0, 1}, new int[] {1, 2}));
        Partition gap = new Partition(List.of(new int[] {0}, new int[] {2}));

        // Execute / Assert
        assertThatThrownBy(() -> overlap.clientOfExample(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 1 is held by clients 0 and 1");
        assertThatThrownBy(() -> gap.clientOfExample(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 1 is held by no client");
        assertThatThrownBy(() -> gap.clientOfExample(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 2 outside 0..1");
        assertThatThrownBy(() -> gap.indices(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client index").hasMessageContaining("got 2");
    }
}
