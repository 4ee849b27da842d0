package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A seeded sample of examples without replacement (partial Fisher-Yates over the indices): the held-out
 * sample a run evaluates on, or a client's shard cut to size. Splits are often stored grouped (by rule, by
 * label), so a prefix would not do.
 */
public final class ExampleSample {

    private ExampleSample() {
    }

    /** {@code n} of {@code all}, {@code 0 <= n <= all.size()}, in draw order. */
    public static List<Example> of(List<Example> all, int n, RandomGenerator random) {
        if (n < 0 || n > all.size()) {
            throw new IllegalArgumentException("cannot draw " + n + " of " + all.size() + " examples");
        }
        int[] order = IntStream.range(0, all.size()).toArray();
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            out.add(all.get(order[i]));
        }
        return out;
    }
}
