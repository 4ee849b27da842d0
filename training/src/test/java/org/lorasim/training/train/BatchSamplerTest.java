package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
    @Test
    void cutsEachPassIntoBatchesWithASmallerLastOne() {
        // Prepare: 10 examples, batches of 4 -> 4 + 4 + 2 per pass
        BatchSampler sampler = new BatchSampler(10, 4, new SplittableRandom(1));

        // Execute
        List<int[]> batches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(sampler.next());
        }

        // Assert
        assertThat(batches.stream().mapToInt(b -> b.length).toArray()).containsExactly(4, 4, 2, 4, 4, 2);
        assertThat(sampler.batchesPerPass()).isEqualTo(3);
        assertThat(sampler.passes()).isEqualTo(2);
    }

    @Test
    void everyPassIsAPermutationAndSeedsRepeat() {
        for (long seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom random = new SplittableRandom(seed);
            int size = 1 + random.nextInt(50);
            int batch = 1 + random.nextInt(60);
            BatchSampler sampler = new BatchSampler(size, batch, new SplittableRandom(seed));
            BatchSampler twin = new BatchSampler(size, batch, new SplittableRandom(seed));

            for (int pass = 0; pass < 2; pass++) {
                // Execute
                List<Integer> seen = new ArrayList<>();
                for (int b = 0; b < sampler.batchesPerPass(); b++) {
                    int[] next = sampler.next();
                    assertThat(twin.next()).isEqualTo(next);
                    assertThat(next.length).isLessThanOrEqualTo(Math.min(batch, size));
                    Arrays.stream(next).forEach(seen::add);
                }

                // Assert: one pass = each index exactly once
                assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, size).boxed().toList());
            }
        }
    }

    @Test
    void aBatchLargerThanTheShardTakesTheWholeShard() {
        BatchSampler sampler = new BatchSampler(3, 16, new SplittableRandom(2));
        assertThat(sampler.next()).hasSize(3);
        assertThat(sampler.batchSize()).isEqualTo(3);
    }

    @Test
    void rejectsEmptyShardsAndNonPositiveBatches() {
        assertThatThrownBy(() -> new BatchSampler(0, 4, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shard size");
        assertThatThrownBy(() -> new BatchSampler(5, 0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
    }
}
