package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import java.util.List;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.aggregation.FedIt;
import org.lorasim.policies.privacy.DifferentiallyPrivateAggregator;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.policies.robust.CoordinateWiseMedian;
import org.lorasim.policies.robust.CoordinateWiseTrimmedMean;
import org.lorasim.policies.robust.Krum;

/**
 * {@code lorasim.aggregation}: how FedIT and FedProx combine client adapters: the weighted mean (FedIT), or a
 * robust rule (coordinate-wise median, trimmed mean, Krum, Multi-Krum), optionally wrapped in DP-FedAvg's
 * clipping and Gaussian noise (noise from {@code RngStreams(seed).stream("dp-noise")}).
 */
public record AggregationSettings(String rule, double trimFraction, int krumF, int multiKrumM, boolean dp,
                                  double clipNorm, double noiseMultiplier) {
    private static final String ROOT = "lorasim.aggregation";

    static AggregationSettings from(Config c) {
        double trim = ConfigReading.probability(c, ROOT + ".trim-fraction");
        if (trim >= 0.5) {
            throw bad(c, ROOT + ".trim-fraction", "must be < 0.5 (it trims that fraction from each side), got " + trim);
        }
        return new AggregationSettings(ConfigReading.oneOf(c, ROOT + ".rule",
                List.of("mean", "median", "trimmed-mean", "krum", "multi-krum")), trim,
                RunSettings.atLeast(c, ROOT + ".krum-f", 0), RunSettings.atLeast(c, ROOT + ".multi-krum-m", 1),
                c.getBoolean(ROOT + ".dp.enabled"), RunSettings.positive(c, ROOT + ".dp.clip-norm"),
                ConfigReading.nonNegative(c, ROOT + ".dp.noise-multiplier"));
    }

    AdapterAggregator aggregator(long seed) {
        AdapterAggregator inner = switch (rule) {
            case "median" -> new CoordinateWiseMedian();
            case "trimmed-mean" -> CoordinateWiseTrimmedMean.ofFraction(trimFraction);
            case "krum" -> Krum.krum(krumF);
            case "multi-krum" -> Krum.multiKrum(krumF, multiKrumM);
            default -> new FedIt();
        };
        return dp ? new DifferentiallyPrivateAggregator(inner, clipNorm, noiseMultiplier,
                DifferentiallyPrivateAggregator.Sensitivity.MAX_WEIGHT, new RngStreams(seed).stream("dp-noise"))
                : inner;
    }
}
