package org.lorasim.actors.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionsTest {

    @Test
    void noPartitionConnectsEveryone() {
        // Prepare
        Partitions none = Partitions.none();

        // Execute & Assert
        assertThat(none.connected(1, 2)).isTrue();
        assertThat(none.isPartitioned()).isFalse();
        assertThat(none.groupOf(1)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void twoGroupsAreCutFromEachOtherAndFromTheUnlistedRest() {
        // Prepare: {1, 2} in group 0, {3} in group 1, node 4 and 5 unlisted
        Partitions split = Partitions.none().partition(Map.of(1L, 0, 2L, 0, 3L, 1));

        // Execute & Assert
        assertThat(split.connected(1, 2)).isTrue();
        assertThat(split.connected(1, 3)).isFalse();
        assertThat(split.connected(3, 2)).isFalse();
        assertThat(split.connected(4, 5)).isTrue();
        assertThat(split.connected(4, 1)).isFalse();
        assertThat(split.connected(3, 3)).isTrue();
        assertThat(split.groupOf(3)).isEqualTo(OptionalInt.of(1));
        assertThat(split.isPartitioned()).isTrue();
    }

    @Test
    void healConnectsEveryoneAgain() {
        // Prepare
        Partitions split = Partitions.of(Map.of(1L, 0, 2L, 1));

        // Execute
        Partitions healed = split.heal();

        // Assert
        assertThat(healed.connected(1, 2)).isTrue();
        assertThat(healed).isEqualTo(Partitions.none());
        assertThat(split.connected(1, 2)).isFalse();
    }

    @Test
    void aNewPartitionReplacesTheOldOne() {
        // Prepare
        Partitions first = Partitions.of(Map.of(1L, 0, 2L, 1));

        // Execute
        Partitions second = first.partition(Map.of(1L, 5, 2L, 5, 3L, 6));

        // Assert
        assertThat(second.connected(1, 2)).isTrue();
        assertThat(second.connected(2, 3)).isFalse();
        assertThat(second.groups()).containsExactly(Map.entry(1L, 5), Map.entry(2L, 5), Map.entry(3L, 6));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void connectedIsAnEquivalenceThatMatchesTheGroups(long seed) {
        // Prepare: 30 nodes, 20 of them in 3 random groups
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Integer> groups = new HashMap<>();
        for (long node = 0; node < 20; node++) {
            groups.put(node, random.nextInt(3));
        }
        Partitions partitions = Partitions.of(groups);

        // Execute & Assert: symmetric, transitive, same group (or both unlisted) exactly when connected
        for (long a = 0; a < 30; a++) {
            for (long b = 0; b < 30; b++) {
                boolean expected = a == b || (a >= 20 && b >= 20) || (a < 20 && b < 20 && groups.get(a).equals(groups.get(b)));
                assertThat(partitions.connected(a, b)).isEqualTo(expected).isEqualTo(partitions.connected(b, a));
                for (long c = 0; c < 30; c += 7) {
                    if (partitions.connected(a, b) && partitions.connected(b, c)) {
                        assertThat(partitions.connected(a, c)).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        Map<Long, Integer> withNull = new HashMap<>();
        withNull.put(1L, null);
        assertThatThrownBy(() -> Partitions.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups");
        assertThatThrownBy(() -> Partitions.of(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups").hasMessageContaining("1 -> null");
    }
}
