package org.lorasim.policies.robust;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * The adapters of one round as flat vectors ({@link Adapter#flatten()} layout), checked once for the
 * rules that work coordinate by coordinate or on distances between whole vectors.
 */
public final class FlatUpdates {
    private FlatUpdates() {
    }

    /**
     * One row per update, in the order of {@code updates}.
     *
     * @throws IllegalArgumentException if {@code updates} is empty or holds a null, if an update's layout
     *                                  differs from {@code global}'s, or if a value is NaN or infinite
     *                                  (robust rules need an order on every coordinate; a runtime should
     *                                  drop such an update before aggregation)
     */
    public static float[][] of(Adapter global, List<WeightedAdapter> updates) {
        Objects.requireNonNull(global, "global");
        Checks.nonEmpty("updates", updates);
        float[][] rows = new float[updates.size()][];
        for (int k = 0; k < rows.length; k++) {
            WeightedAdapter u = updates.get(k);
            Checks.require(u != null, "updates[" + k + "] is null");
            global.requireSameLayout(u.adapter(), "updates[" + k + "]");
            rows[k] = Checks.allFinite("updates[" + k + "] flat vector", u.adapter().flatten());
        }
        return rows;
    }

    /**
     * An adapter of {@code global}'s layout whose every coordinate is {@code reducer} applied to that
     * coordinate's values across the updates, sorted ascending: the shared loop of the coordinate-wise rules.
     */
    public static Adapter reduceSortedCoordinates(Adapter global, List<WeightedAdapter> updates,
                                                  ToDoubleFunction<double[]> reducer) {
        float[][] rows = of(global, updates);
        int n = rows.length;
        float[] out = new float[rows[0].length];
        double[] column = new double[n];
        for (int j = 0; j < out.length; j++) {
            for (int k = 0; k < n; k++) {
                column[k] = rows[k][j];
            }
            Arrays.sort(column);
            out[j] = (float) reducer.applyAsDouble(column);
        }
        return global.withFlat(out);
    }

    /** Squared Euclidean distance between two rows, summed in double precision. */
    public static double squaredDistance(float[] x, float[] y) {
        Checks.require(x.length == y.length, "vectors differ in length: " + x.length + " vs " + y.length);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return sum;
    }
}
