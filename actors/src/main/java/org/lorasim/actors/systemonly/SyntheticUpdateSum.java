package org.lorasim.actors.systemonly;

import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * FedAvg of synthetic updates without materialising any: when every client started from the same global
 * adapter {@code G}, the weighted mean of their adapters {@code G + delta_k} is
 * {@code G + sum_k w_k delta_k / sum_k w_k}. Each {@link #add} folds one update into a single
 * adapter-sized buffer (one double per value), so a round of 10,000 clients holds one buffer, not 10,000
 * adapters. Not thread-safe: one per aggregating round actor.
 */
public final class SyntheticUpdateSum {
    private final Adapter global;
    private final SyntheticNoise noise;
    private final double[] sum;
    private double totalWeight;
    private int count;

    /** @param global the adapter every summed update was made from */
    public SyntheticUpdateSum(Adapter global, SyntheticNoise noise) {
        this.global = Objects.requireNonNull(global, "global adapter");
        this.noise = Objects.requireNonNull(noise, "noise");
        Checks.require(global.parameterCount() > 0, "global adapter is empty: it has no values");
        this.sum = new double[Math.toIntExact(global.parameterCount())];
    }

    /** Adds one client's update with weight {@code weight > 0} (e.g. its example count). */
    public void add(SyntheticUpdate update, double weight) {
        Objects.requireNonNull(update, "update");
        Checks.positive("update weight", weight);
        noise.addTo(sum, update, weight);
        totalWeight += weight;
        count++;
    }

    public int count() {
        return count;
    }

    /** {@code G + sum_k w_k delta_k / sum_k w_k}; requires at least one update. */
    public Adapter mean() {
        Checks.require(count > 0, "no synthetic updates were added: the mean of an empty list is undefined");
        float[] flat = global.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) (flat[i] + sum[i] / totalWeight);
        }
        return global.withFlat(flat);
    }
}
