package org.lorasim.policies.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Differential privacy as a decorator around any {@link AdapterAggregator}: DP-FedAvg of McMahan,
 * Ramage, Talwar and Zhang, "Learning Differentially Private Recurrent Language Models", arXiv 1710.06963.
 * For one round with global {@code theta_g} and updates {@code theta_1 .. theta_m}:
 * <ol>
 *   <li>clip each update: {@code delta_k' = delta_k * min(1, C / ||delta_k||_2)} with
 *       {@code delta_k = theta_k - theta_g} over the whole flattened adapter ({@link UpdateClipping});</li>
 *   <li>aggregate {@code theta_g + delta_k'} (with the original weights) with the inner rule;</li>
 *   <li>add Gaussian noise {@code N(0, std^2)} independently to every coordinate of the result, i.e. to
 *       the aggregated update, with {@code std = sigma * S} where {@code sigma} is the noise multiplier
 *       (the paper's {@code z}) and {@code S} the sensitivity chosen by {@link Sensitivity}:
 *       <ul>
 *         <li>{@link Sensitivity#UNIFORM}: {@code S = C / m}, the sensitivity of the mean of {@code m}
 *             clipped updates to adding or removing one update while the denominator is held at
 *             {@code m} (the paper's fixed-denominator estimator with {@code qW = m} and uniform
 *             weights);</li>
 *         <li>{@link Sensitivity#MAX_WEIGHT}: {@code S = C * max_k p_k} with {@code p_k = w_k / sum_j w_j},
 *             the sensitivity of the weighted mean {@code sum_k p_k delta_k'}; equal to {@code C / m}
 *             for uniform weights and never smaller.</li>
 *       </ul></li>
 * </ol>
 *
 * <p>The sensitivity assumes the inner rule is a (weighted) mean of the clipped updates. Another inner
 * rule (e.g. a median) still gets clipped inputs and the same noise, but no privacy level is claimed for
 * it. Under replace-one (rather than add/remove-one) adjacency the sensitivity doubles; pass a doubled
 * {@code sigma}. Turning {@code sigma}, the sampling rate and the number of rounds into
 * {@code (epsilon, delta)} (the moments accountant) is the caller's business.
 *
 * <p>Noise comes from a {@link RandomGenerator}: either one given at construction (its draws continue
 * from round to round) or one per call, e.g. {@code streams.stream("dp-noise", round)} from
 * {@code RngStreams}, which makes each round's noise independent of the others. One standard normal is
 * drawn per coordinate in {@link Adapter#flatten()} order. With {@code sigma = 0} nothing is drawn and the
 * result is exactly the inner rule applied to the clipped updates. Generators are not thread-safe.
 */
public final class DifferentiallyPrivateAggregator implements AdapterAggregator {

    /** How the Gaussian noise is scaled to the clipped updates. */
    public enum Sensitivity {
        /** {@code S = C / m} for {@code m} updates (uniform weights assumed). */
        UNIFORM,
        /** {@code S = C * max_k p_k} for normalised weights {@code p_k}. */
        MAX_WEIGHT
    }

    private final AdapterAggregator inner;
    private final double clipNorm;
    private final double noiseMultiplier;
    private final Sensitivity sensitivity;
    private final RandomGenerator noise;

    /** A decorator whose per-call generator is given to {@link #aggregate(Adapter, List, RandomGenerator)}. */
    public DifferentiallyPrivateAggregator(AdapterAggregator inner, double clipNorm, double noiseMultiplier,
                                           Sensitivity sensitivity) {
        this.inner = Objects.requireNonNull(inner, "inner aggregator");
        this.clipNorm = Checks.positive("clip norm C", clipNorm);
        this.noiseMultiplier = Checks.nonNegative("noise multiplier sigma", noiseMultiplier);
        this.sensitivity = Objects.requireNonNull(sensitivity, "sensitivity");
        this.noise = null;
    }

    /** A decorator that draws its noise from {@code noise} in every round. */
    public DifferentiallyPrivateAggregator(AdapterAggregator inner, double clipNorm, double noiseMultiplier,
                                           Sensitivity sensitivity, RandomGenerator noise) {
        this.inner = Objects.requireNonNull(inner, "inner aggregator");
        this.clipNorm = Checks.positive("clip norm C", clipNorm);
        this.noiseMultiplier = Checks.nonNegative("noise multiplier sigma", noiseMultiplier);
        this.sensitivity = Objects.requireNonNull(sensitivity, "sensitivity");
        this.noise = Objects.requireNonNull(noise, "noise generator");
    }

    public double clipNorm() {
        return clipNorm;
    }

    public double noiseMultiplier() {
        return noiseMultiplier;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    /**
     * Clips, aggregates and adds noise from the generator given at construction.
     *
     * @throws IllegalStateException if none was given and {@code sigma > 0}
     */
    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        if (noise == null && noiseMultiplier > 0) {
            throw new IllegalStateException("no noise generator was given at construction: call "
                    + "aggregate(global, updates, noise) with e.g. the round's \"dp-noise\" stream");
        }
        return aggregate(global, updates, noise);
    }

    /** Clips, aggregates and adds noise drawn from {@code noise} (may be null only when sigma = 0). */
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates, RandomGenerator noise) {
        Objects.requireNonNull(global, "global");
        Checks.nonEmpty("updates", updates);
        Checks.require(noise != null || noiseMultiplier == 0, "a noise generator is needed when sigma > 0");
        List<WeightedAdapter> clipped = new ArrayList<>(updates.size());
        for (int k = 0; k < updates.size(); k++) {
            WeightedAdapter u = updates.get(k);
            Checks.require(u != null, "updates[" + k + "] is null");
            global.requireSameLayout(u.adapter(), "updates[" + k + "]");
            clipped.add(new WeightedAdapter(UpdateClipping.clip(global, u.adapter(), clipNorm), u.weight()));
        }
        Adapter aggregated = Objects.requireNonNull(inner.aggregate(global, clipped), "inner aggregator's result");
        global.requireSameLayout(aggregated, "inner aggregator's result");
        double std = noiseStd(updates);
        if (std == 0) {
            return aggregated;
        }
        float[] values = aggregated.flatten();
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) (values[j] + std * noise.nextGaussian());
        }
        return aggregated.withFlat(values);
    }

    /** The per-coordinate standard deviation of the noise for this round's updates. */
    public double noiseStd(List<WeightedAdapter> updates) {
        Checks.nonEmpty("updates", updates);
        if (sensitivity == Sensitivity.UNIFORM) {
            return noiseMultiplier * clipNorm / updates.size();
        }
        double total = 0;
        double max = 0;
        for (WeightedAdapter u : updates) {
            total += u.weight();
            max = Math.max(max, u.weight());
        }
        return noiseMultiplier * clipNorm * (max / total);
    }

    @Override
    public String toString() {
        return "DifferentiallyPrivate[C=" + clipNorm + ", sigma=" + noiseMultiplier + ", " + sensitivity
                + ", inner=" + inner + "]";
    }
}
