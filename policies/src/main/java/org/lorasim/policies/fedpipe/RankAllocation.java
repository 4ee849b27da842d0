package org.lorasim.policies.fedpipe;

import org.lorasim.policies.Checks;

/**
 * Exact division of a total rank budget among matrices whose adapter costs the same per rank unit (the
 * same {@code in + out} under {@link FedPipeCostModel}, whose memory and FLOPs are both linear in the
 * rank). For such a group the cost of any choice depends only on {@code R = sum of ranks}, so the best
 * utility for every {@code R} is a knapsack over integer rank units, solved exactly by dynamic programming
 * (no discretisation: ranks are integers):
 *
 * <pre>
 * best_i(R) = max over allowed r <= R of best_{i-1}(R - r) + u_i(r),   best_0(R) = 0
 * </pre>
 *
 * {@link #best(int)} is the best utility with {@code sum r <= R}; it is non-decreasing in R. Time and
 * memory are {@code O(items * maxTotal * ranks)} and {@code O(items * maxTotal)}. Among equal utilities
 * the smaller rank of the later item is kept.
 */
final class RankAllocation {
    private final int[] ranks;
    private final int maxTotal;
    private final double[] best;
    private final int[][] choice;

    /**
     * @param utility {@code utility[i][j]}: utility of giving item i the rank {@code ranks[j]}
     * @param ranks   allowed ranks, ascending, starting with 0
     */
    RankAllocation(double[][] utility, int[] ranks) {
        Checks.require(ranks.length > 0 && ranks[0] == 0, "ranks must start with 0");
        for (int j = 1; j < ranks.length; j++) {
            Checks.require(ranks[j] > ranks[j - 1], "ranks must be strictly ascending");
        }
        this.ranks = ranks.clone();
        int items = utility.length;
        this.maxTotal = Math.multiplyExact(items, ranks[ranks.length - 1]);
        this.choice = new int[items][maxTotal + 1];
        double[] previous = new double[maxTotal + 1];
        for (int i = 0; i < items; i++) {
            Checks.require(utility[i].length == ranks.length, "item " + i + " needs " + ranks.length + " utilities");
            double[] next = new double[maxTotal + 1];
            for (int total = 0; total <= maxTotal; total++) {
                double top = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int j = 0; j < ranks.length && ranks[j] <= total; j++) {
                    double v = previous[total - ranks[j]] + utility[i][j];
                    if (v > top) {
                        top = v;
                        arg = j;
                    }
                }
                next[total] = top;
                choice[i][total] = arg;
            }
            previous = next;
        }
        this.best = previous;
    }

    /** The largest useful total: every item at the top rank. */
    int maxTotal() {
        return maxTotal;
    }

    /** Best summed utility with total rank at most {@code total}. */
    double best(int total) {
        return best[total];
    }

    /** The rank of every item in an allocation achieving {@link #best(int)}. */
    int[] assignment(int total) {
        int[] out = new int[choice.length];
        int left = total;
        for (int i = choice.length - 1; i >= 0; i--) {
            int r = ranks[choice[i][left]];
            out[i] = r;
            left -= r;
        }
        return out;
    }
}
