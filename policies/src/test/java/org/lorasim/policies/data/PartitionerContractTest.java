package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every partitioner promises: a partition, one result per seed, and the same argument checks. */
class PartitionerContractTest {

    static Stream<Arguments> partitioners() {
        return Stream.of(
                Arguments.of("IID", new IidPartitioner()),
                Arguments.of("Dirichlet 0.5", new DirichletPartitioner(0.5, 0, 1)),
                Arguments.of("power law 1.2", new PowerLawPartitioner(1.2)),
                Arguments.of("groups (more clients than groups)", new GroupPartitioner()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void sameSeedSameResultAndOtherSeedsDiffer(String name, DataPartitioner rule) {
        // Prepare: 4 groups/classes of 300 examples over 12 clients
        int[] labels = PartitionAssertions.randomLabels(300, 4, new SplittableRandom(99));

        // Execute
        Partition a = rule.split(labels, 12, new SplittableRandom(1));
        Partition b = rule.split(labels, 12, new SplittableRandom(1));
        int differing = 0;
        for (int seed = 2; seed < 12; seed++) {
            differing += rule.split(labels, 12, new SplittableRandom(seed)).equals(a) ? 0 : 1;
        }

        // Assert
        assertThat(a).isEqualTo(b);
        PartitionAssertions.assertIsPartitionOf(a, labels.length, name);
        assertThat(differing).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void rejectsBadArguments(String name, DataPartitioner rule) {
        SplittableRandom rng = new SplittableRandom(1);
        assertThatThrownBy(() -> rule.split(new int[0], 1, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must not be empty");
        assertThatThrownBy(() -> rule.split(null, 1, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must not be empty");
        assertThatThrownBy(() -> rule.split(new int[] {0, 1}, 0, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients must be > 0, got 0");
        assertThatThrownBy(() -> rule.split(new int[] {0, 1}, -2, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients must be > 0, got -2");
        assertThatThrownBy(() -> rule.split(new int[] {0, 1, 1}, 4, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients=4 exceeds the number of examples 3");
        assertThatThrownBy(() -> rule.split(new int[] {0, -1, 1}, 2, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] must be >= 0, got -1");
    }
}
