package org.lorasim.policies.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RngStreamsTest {

    private static long[] draw(RandomGenerator rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedPurposeAndIndexGiveTheSameSequence() {
        // Prepare
        RngStreams one = new RngStreams(42);
        RngStreams other = new RngStreams(42);

        // Execute / Assert
        assertThat(draw(one.stream("client", 17), 100)).containsExactly(draw(other.stream("client", 17), 100));
        assertThat(draw(one.stream("sampler"), 100)).containsExactly(draw(other.stream("sampler"), 100));
        assertThat(draw(one.stream("train", 17, 3), 100)).containsExactly(draw(other.stream("train", 17, 3), 100));
    }

    @Test
    void differentIndexPurposeOrSeedGiveDifferentSequences() {
        // Prepare
        RngStreams streams = new RngStreams(42);
        long[] base = draw(streams.stream("client", 17), 10);

        // Execute / Assert
        assertThat(draw(streams.stream("client", 18), 10)).isNotEqualTo(base);
        assertThat(draw(streams.stream("clients", 17), 10)).isNotEqualTo(base);
        assertThat(draw(new RngStreams(43).stream("client", 17), 10)).isNotEqualTo(base);
        assertThat(draw(streams.stream("client", 17, 0), 10)).isNotEqualTo(base);
        assertThat(draw(streams.stream("client", 17, 1), 10)).isNotEqualTo(draw(streams.stream("client", 17, 0), 10));
        assertThat(draw(streams.stream("client"), 10)).isNotEqualTo(draw(streams.stream("client", 0), 10));
    }

    @Test
    void streamsDoNotDependOnCreationOrderOrOnEachOthersDraws() {
        // Prepare: in one run "a" is made first and drained before "b" exists; in the other "b" comes first
        RngStreams first = new RngStreams(7);
        RandomGenerator a1 = first.stream("a", 1);
        long[] fromA1 = draw(a1, 50);
        long[] fromB1 = draw(first.stream("b", 2), 50);

        // Execute
        RngStreams second = new RngStreams(7);
        RandomGenerator b2 = second.stream("b", 2);
        RandomGenerator a2 = second.stream("a", 1);
        long[] fromB2 = draw(b2, 50);
        long[] fromA2 = draw(a2, 50);

        // Assert
        assertThat(fromA2).containsExactly(fromA1);
        assertThat(fromB2).containsExactly(fromB1);
    }

    @Test
    void plainSeedIsTheSeedOfTheIndexedStream() {
        // Prepare
        RngStreams streams = new RngStreams(-5);

        // Execute
        long seed = streams.seed("partition", 9);

        // Assert
        assertThat(draw(new SplittableRandom(seed), 20)).containsExactly(draw(streams.stream("partition", 9), 20));
    }

    @Test
    void seedsOfManyIndicesAndPurposesAreDistinct() {
        // Prepare
        RngStreams streams = new RngStreams(0);
        Set<Long> seen = new HashSet<>();

        // Execute
        for (String purpose : new String[] {"client", "dp-noise", "partition", "a", "b"}) {
            for (long index = -100; index < 2000; index++) {
                seen.add(streams.seed(purpose, index));
            }
        }

        // Assert
        assertThat(seen).hasSize(5 * 2100);
    }

    @Test
    void rejectsAnEmptyPurpose() {
        RngStreams streams = new RngStreams(1);
        assertThatThrownBy(() -> streams.stream(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose must not be empty");
        assertThatThrownBy(() -> streams.stream(null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose must not be empty");
    }
}
