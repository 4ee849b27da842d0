package org.lorasim.policies.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * IID split: shuffle all indices (Fisher-Yates with the given generator) and cut them into
 * {@code clients} consecutive slices of near-equal size; the first {@code n mod clients} clients get one
 * example more, so sizes differ by at most one. Labels are only counted, never looked at, so every
 * client's label distribution is the global one in expectation (McMahan et al.'s IID baseline,
 * arXiv 1602.05629).
 */
public final class IidPartitioner implements DataPartitioner {

    @Override
    public Partition split(int[] labels, int clients, RandomGenerator rng) {
        PartitionSupport.check(labels, clients, rng);
        int[] idx = PartitionSupport.range(labels.length);
        PartitionSupport.shuffle(idx, rng);
        int[][] parts = PartitionSupport.slices(idx, PartitionSupport.evenSizes(labels.length, clients));
        return new Partition(Arrays.asList(parts));
    }

    @Override
    public String toString() {
        return "IidPartitioner";
    }
}
