package org.lorasim.policies.robust;

import java.util.List;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Coordinate-wise trimmed mean (Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed
 * Learning: Towards Optimal Statistical Rates", ICML 2018, arXiv 1803.01498): for every coordinate
 * {@code j}, sort {@code theta_1[j] .. theta_n[j]}, drop the {@code b} largest and the {@code b} smallest
 * and average the remaining {@code n - 2b}:
 * {@code theta_new[j] = (1 / (n - 2b)) sum_{i=b}^{n-b-1} sorted_i[j]}.
 *
 * <p>Choices:
 * <ul>
 *   <li>The trim is given either as a count {@code b} per side ({@link #ofCount}) or as a fraction
 *       {@code beta} in [0, 1/2) ({@link #ofFraction}); the paper assumes {@code beta n} is an integer,
 *       here {@code b = floor(beta n)} for the round's {@code n}. Either way {@code 2b < n} must hold,
 *       else the round is rejected.</li>
 *   <li>Weights are ignored (every update counts once, as in the paper), so a Byzantine client cannot
 *       gain influence by reporting a large example count.</li>
 *   <li>It runs on the adapters themselves: the trimmed mean commutes with adding the common global, so
 *       it equals {@code global + trimmedMean(theta_k - global)} up to float rounding.</li>
 * </ul>
 * Tolerates up to {@code b} arbitrary values per coordinate; values must be finite.
 */
public final class CoordinateWiseTrimmedMean implements AdapterAggregator {
    private final int trimCount;
    private final double trimFraction;

    private CoordinateWiseTrimmedMean(int trimCount, double trimFraction) {
        this.trimCount = trimCount;
        this.trimFraction = trimFraction;
    }

    /** Drops exactly {@code trimPerSide} values at each end of every coordinate. */
    public static CoordinateWiseTrimmedMean ofCount(int trimPerSide) {
        return new CoordinateWiseTrimmedMean(Checks.nonNegative("trimPerSide", trimPerSide), Double.NaN);
    }

    /** Drops {@code floor(beta n)} values at each end of every coordinate; {@code beta} in [0, 1/2). */
    public static CoordinateWiseTrimmedMean ofFraction(double beta) {
        Checks.require(beta >= 0 && beta < 0.5, "trim fraction beta must be in [0, 0.5), got " + beta);
        return new CoordinateWiseTrimmedMean(-1, beta);
    }

    /** The number of values dropped at each end for a round of {@code n} updates. */
    public int trimPerSide(int n) {
        Checks.positive("number of updates", n);
        int b = trimCount >= 0 ? trimCount : (int) Math.floor(trimFraction * n);
        Checks.require(2 * b < n, "trimmed mean drops " + b + " values per side, which needs more than "
                + 2 * b + " updates (2 * trim < n), got n=" + n);
        return b;
    }

    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        Checks.nonEmpty("updates", updates);
        int n = updates.size();
        int b = trimPerSide(n);
        return FlatUpdates.reduceSortedCoordinates(global, updates, sorted -> {
            double sum = 0;
            for (int i = b; i < n - b; i++) {
                sum += sorted[i];
            }
            return sum / (n - 2 * b);
        });
    }

    @Override
    public String toString() {
        return trimCount >= 0 ? "CoordinateWiseTrimmedMean[b=" + trimCount + "]"
                : "CoordinateWiseTrimmedMean[beta=" + trimFraction + "]";
    }
}
