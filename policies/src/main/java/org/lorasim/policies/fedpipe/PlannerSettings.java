package org.lorasim.policies.fedpipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.lorasim.policies.Checks;

/**
 * The planner's choices that the FedPipe paper leaves open (Fang et al., arXiv 2404.06448; UNVERIFIED).
 *
 * <ul>
 *   <li>{@code ranks}: the positive ranks a matrix may get, e.g. {2, 4, 8, 16}; rank 0 (not adapted) is
 *       always allowed and may be listed or not.</li>
 *   <li>{@code rankUtility}: {@code g} in a matrix's utility {@code importance * g(r)}.</li>
 *   <li>{@code precisionWeight} {@code w >= 0}: a plan's objective is
 *       {@code U + w * bits / maxBits} with {@code U} the summed adapter utility and {@code maxBits} the
 *       most precise bit width offered. {@code w = 0} (default): adapter utility first, the most precise
 *       base only among plans of equal utility, so the base is quantized exactly when that buys adapter
 *       utility. {@code w = +infinity} ({@link #PRECISION_FIRST}): the most precise base that fits, then the
 *       best adapters for it.</li>
 *   <li>{@code relativeTolerance} and {@code maxNodes}: see {@link MultipleChoiceKnapsack}.</li>
 * </ul>
 */
public record PlannerSettings(List<Integer> ranks, RankUtility rankUtility, double precisionWeight,
                              double relativeTolerance, long maxNodes) {

    /** The {@code precisionWeight} that ranks bit width before adapter utility. */
    public static final double PRECISION_FIRST = Double.POSITIVE_INFINITY;

    public PlannerSettings {
        Checks.nonEmpty("ranks", ranks);
        TreeSet<Integer> positive = new TreeSet<>();
        for (Integer r : ranks) {
            Objects.requireNonNull(r, "rank");
            Checks.nonNegative("rank", r);
            if (r > 0) {
                Checks.require(positive.add(r), "rank " + r + " is listed twice");
            }
        }
        Checks.require(!positive.isEmpty(), "ranks must contain a rank > 0, got " + ranks);
        ranks = List.copyOf(new ArrayList<>(positive));
        Objects.requireNonNull(rankUtility, "rankUtility");
        Checks.require(precisionWeight >= 0, "precisionWeight must be >= 0 (or +infinity), got " + precisionWeight);
        Checks.nonNegative("relativeTolerance", relativeTolerance);
        Checks.require(maxNodes > 0, "maxNodes must be > 0, got " + maxNodes);
    }

    /** LOG rank utility, adapter utility first, the knapsack's default tolerance and node limit. */
    public static PlannerSettings of(List<Integer> ranks) {
        return new PlannerSettings(ranks, RankUtility.LOG, 0, MultipleChoiceKnapsack.DEFAULT_RELATIVE_TOLERANCE,
                MultipleChoiceKnapsack.DEFAULT_MAX_NODES);
    }

    public PlannerSettings withRankUtility(RankUtility utility) {
        return new PlannerSettings(ranks, utility, precisionWeight, relativeTolerance, maxNodes);
    }

    public PlannerSettings withPrecisionWeight(double weight) {
        return new PlannerSettings(ranks, rankUtility, weight, relativeTolerance, maxNodes);
    }

    public PlannerSettings withMaxNodes(long nodes) {
        return new PlannerSettings(ranks, rankUtility, precisionWeight, relativeTolerance, nodes);
    }

    /** The largest allowed rank, {@code r_max} of the rank utility. */
    public int maxRank() {
        return ranks.get(ranks.size() - 1);
    }

    /** Utility of adapting a matrix of this importance at {@code rank}. */
    public double utility(double importance, int rank) {
        return importance * rankUtility.of(rank, maxRank());
    }

    /** The objective of a plan with adapter utility {@code u} on a base of {@code bits} (finite weights). */
    public double objective(double adapterUtility, int bits, int maxBits) {
        if (precisionWeight == PRECISION_FIRST) {
            return adapterUtility;
        }
        return adapterUtility + precisionWeight * bits / maxBits;
    }

    /**
     * Whether a plan (objective, bits) beats the incumbent: under {@link #PRECISION_FIRST} bits, then
     * objective; otherwise objective, then bits. Ties keep the incumbent.
     */
    public boolean better(double objective, int bits, double incumbentObjective, int incumbentBits) {
        if (precisionWeight == PRECISION_FIRST && bits != incumbentBits) {
            return bits > incumbentBits;
        }
        if (objective != incumbentObjective) {
            return objective > incumbentObjective;
        }
        return bits > incumbentBits;
    }
}
