package org.lorasim.policies.fedpipe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lorasim.policies.Checks;

/**
 * Exact solver of the two-resource multiple-choice knapsack problem: pick exactly one option from every
 * item so that the summed integer costs stay within two capacities and the summed value is largest.
 * FedPipe's per-client plan is one such problem per base bit width, with memory and FLOPs as the two
 * resources ({@link FedPipePlanner} makes each class of equally costly matrices one item whose options
 * are its total ranks; one item per matrix, options its ranks, is the direct formulation).
 *
 * <p>Method: depth-first branch and bound. Items are branched on in decreasing order of their best value,
 * options in decreasing value. A node's upper bound is the smaller of two linear-programming relaxations,
 * one per resource (the other ignored), each computed exactly as in Sinha and Zoltners, "The multiple-choice
 * knapsack problem", Operations Research 27(3), 1979: every remaining item starts at its cheapest option,
 * then the segments of the upper concave hulls of all remaining items' (cost, value) points are added in
 * decreasing order of value per cost, the last one fractionally. A node whose residual capacity is below
 * the remaining items' minimal cost is infeasible and cut. At the last item only the first feasible option
 * (the most valuable) is tried.
 *
 * <p>Exactness: costs are {@code long}s and every feasibility test is an exact integer comparison, so no
 * returned solution violates a capacity. Values are doubles; a node is cut when its bound does not exceed
 * the incumbent by more than {@code relativeTolerance * (1 + sum over items of max |value|)}, which only
 * covers rounding in the bound. The result is optimal up to that tolerance (default 1e-12, far below any
 * meaningful difference of importance scores); among equally good solutions the first in search order is
 * kept. {@link Solution#value()} is summed in item order, so it is the same double a brute-force
 * enumeration computes for the same choices. The search visits at most {@code maxNodes} nodes and throws
 * {@link IllegalStateException} beyond that rather than return an unproven answer.
 */
public final class MultipleChoiceKnapsack {

    /** One option of an item: its value and its two non-negative integer costs. */
    public record Option(double value, long cost1, long cost2) {
        public Option {
            Checks.finite("option value", value);
            Checks.require(cost1 >= 0, "option cost1 must be >= 0, got " + cost1);
            Checks.require(cost2 >= 0, "option cost2 must be >= 0, got " + cost2);
        }
    }

    /** The chosen option index of every item (in the input order), total value and total costs. */
    public record Solution(int[] choices, double value, long cost1, long cost2, long nodes) {
        public Solution {
            choices = choices.clone();
        }

        @Override
        public int[] choices() {
            return choices.clone();
        }
    }

    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-12;
    public static final long DEFAULT_MAX_NODES = 20_000_000L;

    private MultipleChoiceKnapsack() {
    }

    /** The best solution, or empty when no choice of options fits both capacities. */
    public static Optional<Solution> maximize(List<List<Option>> items, long capacity1, long capacity2) {
        return maximize(items, capacity1, capacity2, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_MAX_NODES);
    }

    /** As {@link #maximize(List, long, long)} with an explicit tolerance and node limit. */
    public static Optional<Solution> maximize(List<List<Option>> items, long capacity1, long capacity2,
                                              double relativeTolerance, long maxNodes) {
        Objects.requireNonNull(items, "items");
        Checks.require(capacity1 >= 0, "capacity1 must be >= 0, got " + capacity1);
        Checks.require(capacity2 >= 0, "capacity2 must be >= 0, got " + capacity2);
        Checks.nonNegative("relativeTolerance", relativeTolerance);
        Checks.require(maxNodes > 0, "maxNodes must be > 0, got " + maxNodes);
        for (int i = 0; i < items.size(); i++) {
            Checks.require(items.get(i) != null && !items.get(i).isEmpty(), "item " + i + " has no options");
            for (Option o : items.get(i)) {
                Objects.requireNonNull(o, "option of item " + i);
            }
        }
        return new Search(items, relativeTolerance, maxNodes).run(capacity1, capacity2);
    }

    /** One step along an item's hull: extra cost and extra value, and their ratio. */
    private record Segment(double efficiency, int pos, int hullIndex, long cost, double gain) {
    }

    private static final class Search {
        private final int n;
        private final int[] itemAt;          // search position -> input item index
        private final Option[][] options;    // per search position, in branching order
        private final int[][] optionIndex;   // per search position, branching order -> input option index
        private final long[][] suffixMinCost = new long[2][];
        private final double[][] suffixBaseValue = new double[2][];
        private final int[][] segmentPos = new int[2][];
        private final long[][] segmentCost = new long[2][];
        private final double[][] segmentValue = new double[2][];
        private final double tolerance;
        private final long maxNodes;
        private final int[] current;
        private int[] best;
        private double bestValue = Double.NEGATIVE_INFINITY;
        private long nodes;

        Search(List<List<Option>> items, double relativeTolerance, long maxNodes) {
            this.n = items.size();
            this.maxNodes = maxNodes;
            this.current = new int[n];
            double scale = 1;
            double[] bestOf = new double[n];
            for (int i = 0; i < n; i++) {
                double top = Double.NEGATIVE_INFINITY;
                double absTop = 0;
                for (Option o : items.get(i)) {
                    top = Math.max(top, o.value());
                    absTop = Math.max(absTop, Math.abs(o.value()));
                }
                bestOf[i] = top;
                scale += absTop;
            }
            this.tolerance = relativeTolerance * scale;
            this.itemAt = new int[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -bestOf[i]).thenComparingInt(i -> i));
            this.options = new Option[n][];
            this.optionIndex = new int[n][];
            for (int pos = 0; pos < n; pos++) {
                itemAt[pos] = order[pos];
                List<Option> opts = items.get(order[pos]);
                Integer[] idx = new Integer[opts.size()];
                for (int j = 0; j < idx.length; j++) {
                    idx[j] = j;
                }
                Arrays.sort(idx, Comparator.comparingDouble((Integer j) -> -opts.get(j).value())
                        .thenComparingLong(j -> opts.get(j).cost1())
                        .thenComparingLong(j -> opts.get(j).cost2())
                        .thenComparingInt(j -> j));
                options[pos] = new Option[idx.length];
                optionIndex[pos] = new int[idx.length];
                for (int j = 0; j < idx.length; j++) {
                    options[pos][j] = opts.get(idx[j]);
                    optionIndex[pos][j] = idx[j];
                }
            }
            prepareRelaxation(0);
            prepareRelaxation(1);
        }

        /** Suffix sums of cheapest options and the globally sorted hull segments for resource {@code r}. */
        private void prepareRelaxation(int r) {
            long[] minCost = new long[n + 1];
            double[] base = new double[n + 1];
            List<Segment> segments = new ArrayList<>();
            for (int pos = n - 1; pos >= 0; pos--) {
                List<long[]> hullCosts = new ArrayList<>();
                List<Double> hullValues = new ArrayList<>();
                upperHull(options[pos], r, hullCosts, hullValues);
                minCost[pos] = Math.addExact(minCost[pos + 1], hullCosts.get(0)[0]);
                base[pos] = base[pos + 1] + hullValues.get(0);
                for (int k = 1; k < hullCosts.size(); k++) {
                    long dc = hullCosts.get(k)[0] - hullCosts.get(k - 1)[0];
                    double dv = hullValues.get(k) - hullValues.get(k - 1);
                    segments.add(new Segment(dv / dc, pos, k, dc, dv));
                }
            }
            segments.sort(Comparator.comparingDouble((Segment s) -> -s.efficiency())
                    .thenComparingInt(Segment::pos).thenComparingInt(Segment::hullIndex));
            suffixMinCost[r] = minCost;
            suffixBaseValue[r] = base;
            segmentPos[r] = new int[segments.size()];
            segmentCost[r] = new long[segments.size()];
            segmentValue[r] = new double[segments.size()];
            for (int s = 0; s < segments.size(); s++) {
                segmentPos[r][s] = segments.get(s).pos();
                segmentCost[r][s] = segments.get(s).cost();
                segmentValue[r][s] = segments.get(s).gain();
            }
        }

        /** Vertices of the upper concave hull of (cost_r, value), from the best cheapest option upward. */
        private static void upperHull(Option[] opts, int r, List<long[]> costs, List<Double> values) {
            Option[] byCost = opts.clone();
            Arrays.sort(byCost, Comparator.comparingLong((Option o) -> cost(o, r))
                    .thenComparingDouble(o -> -o.value()));
            for (Option o : byCost) {
                long c = cost(o, r);
                double v = o.value();
                if (!values.isEmpty() && v <= values.get(values.size() - 1)) {
                    continue;
                }
                while (costs.size() >= 2) {
                    int last = costs.size() - 1;
                    long c1 = costs.get(last - 1)[0];
                    long c2 = costs.get(last)[0];
                    double v1 = values.get(last - 1);
                    double v2 = values.get(last);
                    if ((v2 - v1) * (double) (c - c2) <= (v - v2) * (double) (c2 - c1)) {
                        costs.remove(last);
                        values.remove(last);
                    } else {
                        break;
                    }
                }
                costs.add(new long[] {c});
                values.add(v);
            }
        }

        private static long cost(Option o, int r) {
            return r == 0 ? o.cost1() : o.cost2();
        }

        Optional<Solution> run(long capacity1, long capacity2) {
            dfs(0, capacity1, capacity2, 0.0);
            if (best == null) {
                return Optional.empty();
            }
            int[] choices = new int[n];
            for (int pos = 0; pos < n; pos++) {
                choices[itemAt[pos]] = optionIndex[pos][best[pos]];
            }
            Option[] chosenByItem = new Option[n];
            for (int pos = 0; pos < n; pos++) {
                chosenByItem[itemAt[pos]] = options[pos][best[pos]];
            }
            double value = 0;
            long cost1 = 0;
            long cost2 = 0;
            for (Option o : chosenByItem) {
                value += o.value();
                cost1 += o.cost1();
                cost2 += o.cost2();
            }
            return Optional.of(new Solution(choices, value, cost1, cost2, nodes));
        }

        private void dfs(int pos, long residual1, long residual2, double value) {
            if (++nodes > maxNodes) {
                throw new IllegalStateException("multiple-choice knapsack exceeded maxNodes = " + maxNodes
                        + " with " + n + " items; raise the limit or offer fewer candidates or ranks");
            }
            if (pos == n) {
                if (value > bestValue) {
                    bestValue = value;
                    best = current.clone();
                }
                return;
            }
            double bound = value + Math.min(relaxation(0, pos, residual1), relaxation(1, pos, residual2));
            if (bound == Double.NEGATIVE_INFINITY || bound <= bestValue + tolerance) {
                return;
            }
            Option[] opts = options[pos];
            for (int j = 0; j < opts.length; j++) {
                Option o = opts[j];
                if (o.cost1() > residual1 || o.cost2() > residual2) {
                    continue;
                }
                current[pos] = j;
                dfs(pos + 1, residual1 - o.cost1(), residual2 - o.cost2(), value + o.value());
                if (pos == n - 1) {
                    return;
                }
            }
        }

        /** LP bound on the value of items {@code pos..n-1} within {@code residual} of resource r. */
        private double relaxation(int r, int pos, long residual) {
            long slack = residual - suffixMinCost[r][pos];
            if (slack < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            double value = suffixBaseValue[r][pos];
            int[] at = segmentPos[r];
            long[] cost = segmentCost[r];
            double[] gain = segmentValue[r];
            for (int s = 0; s < at.length && slack > 0; s++) {
                if (at[s] < pos) {
                    continue;
                }
                if (cost[s] <= slack) {
                    value += gain[s];
                    slack -= cost[s];
                } else {
                    value += gain[s] * ((double) slack / cost[s]);
                    slack = 0;
                }
            }
            return value;
        }
    }
}
