package org.lorasim.policies.data;

import java.util.random.RandomGenerator;

/**
 * A rule that splits a data set across clients. Pure: it sees only one int per example (a class label
 * or a group id such as a LanguageTool rule category, all {@code >= 0}) and returns which example
 * indices each client holds; every index {@code 0 .. labels.length-1} goes to exactly one client. All
 * randomness comes from {@code rng}, so one seed gives one partition.
 */
public interface DataPartitioner {

    /**
     * @throws IllegalArgumentException if {@code labels} is empty or holds a negative value, if
     *                                  {@code clients <= 0}, or if there are more clients than examples
     */
    Partition split(int[] labels, int clients, RandomGenerator rng);
}
