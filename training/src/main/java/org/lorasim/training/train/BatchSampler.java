package org.lorasim.training.train;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Mini-batches drawn without replacement in passes over a shard of {@code size} examples: each pass is a
 * fresh Fisher-Yates permutation from the generator, cut into consecutive batches of {@code batchSize};
 * the last batch of a pass is smaller when {@code batchSize} does not divide {@code size}, and a batch
 * never spans two passes, so one pass is exactly one epoch. A batch size above the shard size gives one
 * batch of the whole shard per pass.
 */
public final class BatchSampler {
    private final int size;
    private final int batchSize;
    private final RandomGenerator random;
    private int[] order;
    private int next;
    private int passes;

    public BatchSampler(int size, int batchSize, RandomGenerator random) {
        this.size = Checks.positive("shard size", size);
        this.batchSize = Math.min(Checks.positive("batch size", batchSize), size);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The indices of the next batch, in their shuffled order. */
    public int[] next() {
        if (order == null || next == size) {
            order = permutation();
            next = 0;
            passes++;
        }
        int end = Math.min(size, next + batchSize);
        int[] batch = Arrays.copyOfRange(order, next, end);
        next = end;
        return batch;
    }

    private int[] permutation() {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Batches in one pass: {@code ceil(size / batchSize)}. */
    public int batchesPerPass() {
        return (size + batchSize - 1) / batchSize;
    }

    /** Passes begun so far. */
    public int passes() {
        return passes;
    }

    /** The batch size in effect ({@code min(batchSize, size)}). */
    public int batchSize() {
        return batchSize;
    }
}
