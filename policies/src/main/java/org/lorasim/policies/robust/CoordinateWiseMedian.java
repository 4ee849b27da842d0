package org.lorasim.policies.robust;

import java.util.List;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Coordinate-wise median (Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning:
 * Towards Optimal Statistical Rates", ICML 2018, arXiv 1803.01498): for every coordinate {@code j} of
 * the flattened adapters, {@code theta_new[j] = med_k theta_k[j]}.
 *
 * <p>Choices:
 * <ul>
 *   <li>With an even number of updates the median is the mean of the two middle values (computed in
 *       double, rounded to float once).</li>
 *   <li>Weights are ignored: every update counts once, as in the paper. A weighted median would let a
 *       Byzantine client that reports a huge example count move the result on its own.</li>
 *   <li>It runs on the adapters themselves, not on updates {@code theta_k - theta_global}: every client
 *       starts from the same global, and the median commutes with adding a common vector, so both give
 *       the same result (up to float rounding). This also holds when the rule is the inner aggregator of
 *       the differential-privacy decorator, which hands it {@code global + clipped delta}.</li>
 *   <li>LoRA factors are treated entry by entry like any other coordinate (the median of {@code A}s and
 *       of {@code B}s, not of products {@code B A}), matching how FedIT averages them.</li>
 * </ul>
 * Tolerates fewer than half of the updates being arbitrary; values must be finite.
 */
public final class CoordinateWiseMedian implements AdapterAggregator {

    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        return FlatUpdates.reduceSortedCoordinates(global, updates, CoordinateWiseMedian::medianOfSorted);
    }

    /** The median of ascending {@code sorted}: the middle value, or the mean of the two middle values. */
    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        int mid = n / 2;
        return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    @Override
    public String toString() {
        return "CoordinateWiseMedian";
    }
}
