package org.lorasim.policies.data;

import java.util.Locale;

/**
 * A few numbers that describe a partition for a run's report: how unequal the clients' sizes are and
 * how far their label distributions are from the global one (total variation, see
 * {@link LabelHistograms}). Clients without examples count in the size figures but not in the label
 * figures.
 *
 * @param clients             number of clients
 * @param examples            examples held in all
 * @param labels              distinct labels in the data set
 * @param minSize             smallest client
 * @param maxSize             largest client
 * @param meanSize            mean client size
 * @param sizeStd             population standard deviation of the client sizes
 * @param meanLabelsPerClient mean number of distinct labels a non-empty client holds
 * @param meanTotalVariation  mean total-variation distance of non-empty clients from the global distribution
 * @param maxTotalVariation   the largest of those distances
 */
public record PartitionSummary(int clients, int examples, int labels, int minSize, int maxSize, double meanSize,
                               double sizeStd, double meanLabelsPerClient, double meanTotalVariation,
                               double maxTotalVariation) {

    public static PartitionSummary of(Partition partition, int[] labels) {
        int[] sizes = partition.sizes();
        int[][] counts = LabelHistograms.perClient(partition, labels);
        double[] tv = LabelHistograms.totalVariationFromGlobal(partition, labels);
        int distinct = 0;
        for (int c : LabelHistograms.global(labels)) {
            distinct += c > 0 ? 1 : 0;
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        long total = 0;
        for (int s : sizes) {
            min = Math.min(min, s);
            max = Math.max(max, s);
            total += s;
        }
        double mean = (double) total / sizes.length;
        double var = 0;
        for (int s : sizes) {
            var += (s - mean) * (s - mean);
        }
        int nonEmpty = 0;
        double labelsHeld = 0;
        double tvSum = 0;
        double tvMax = 0;
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k] == 0) {
                continue;
            }
            nonEmpty++;
            for (int c : counts[k]) {
                labelsHeld += c > 0 ? 1 : 0;
            }
            tvSum += tv[k];
            tvMax = Math.max(tvMax, tv[k]);
        }
        return new PartitionSummary(sizes.length, Math.toIntExact(total), distinct, min, max, mean,
                Math.sqrt(var / sizes.length), labelsHeld / nonEmpty, tvSum / nonEmpty, tvMax);
    }

    /** One line for a report, e.g. {@code 10 clients, 2000 examples; sizes min 150 / mean 200.0 / ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d clients, %d examples; sizes min %d / mean %.1f / max %d (sd %.1f); "
                        + "labels per client %.2f of %d; total variation from global: mean %.3f, max %.3f",
                clients, examples, minSize, meanSize, maxSize, sizeStd, meanLabelsPerClient, labels,
                meanTotalVariation, maxTotalVariation);
    }
}
