package org.lorasim.policies.data;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * Per-client label counts of a {@link Partition} and their distance from the global label
 * distribution, the usual way to show how non-IID a split is.
 */
public final class LabelHistograms {
    private LabelHistograms() {
    }

    /** Counts per label {@code 0 .. max(labels)} over the whole data set. */
    public static int[] global(int[] labels) {
        Checks.require(labels != null && labels.length > 0, "labels must not be empty");
        int[] counts = new int[labelRange(labels)];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** {@code counts[k][l]}: how many examples of label {@code l} client {@code k} holds. */
    public static int[][] perClient(Partition partition, int[] labels) {
        Objects.requireNonNull(partition, "partition");
        Checks.require(labels != null && labels.length > 0, "labels must not be empty");
        int range = labelRange(labels);
        int[][] counts = new int[partition.clientCount()][range];
        for (int k = 0; k < counts.length; k++) {
            for (int i : partition.indices(k)) {
                Checks.require(i >= 0 && i < labels.length,
                        "client " + k + " holds example " + i + " but there are " + labels.length + " labels");
                counts[k][labels[i]]++;
            }
        }
        return counts;
    }

    /**
     * Total-variation distance {@code (1/2) sum_l |p_l - q_l|} between the distributions given by two
     * count vectors of equal length, each normalised by its own total; in [0, 1].
     */
    public static double totalVariation(int[] counts, int[] reference) {
        Checks.require(counts.length == reference.length,
                "count vectors differ in length: " + counts.length + " vs " + reference.length);
        long n = sum(counts);
        long m = sum(reference);
        Checks.require(n > 0 && m > 0, "total variation needs two non-empty histograms, totals " + n + " and " + m);
        double tv = 0;
        for (int l = 0; l < counts.length; l++) {
            tv += Math.abs((double) counts[l] / n - (double) reference[l] / m);
        }
        return tv / 2;
    }

    /**
     * The total-variation distance of every client's label distribution from the global one; a client
     * with no examples has no distribution and gets {@code NaN}.
     */
    public static double[] totalVariationFromGlobal(Partition partition, int[] labels) {
        int[] global = global(labels);
        int[][] counts = perClient(partition, labels);
        double[] tv = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            tv[k] = sum(counts[k]) == 0 ? Double.NaN : totalVariation(counts[k], global);
        }
        return tv;
    }

    private static int labelRange(int[] labels) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            Checks.require(labels[i] >= 0, "labels[" + i + "] must be >= 0, got " + labels[i]);
            max = Math.max(max, labels[i]);
        }
        return max + 1;
    }

    private static long sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }
}
