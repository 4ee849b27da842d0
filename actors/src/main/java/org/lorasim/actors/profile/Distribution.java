package org.lorasim.actors.profile;

import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * A distribution of one device quantity over clients (compute speed, memory, bandwidth, latency). Each
 * client draws once, from its own stream ({@code RngStreams#stream("profile", clientId)}), so a client's
 * value depends only on (seed, client id). Heterogeneous device speeds with a slow tail follow FedScale
 * (Lai et al., "FedScale: Benchmarking Model and System Performance of Federated Learning at Scale",
 * arXiv:2105.11367), which draws client compute and network capacities from measured device traces.
 */
public sealed interface Distribution {

    /** One draw. */
    default double sample(RandomGenerator rng) {
        return draw(rng).value();
    }

    /** One draw, with whether it came from the straggler part of a {@link StragglerMix}. */
    Draw draw(RandomGenerator rng);

    /** A drawn value and whether the client is a straggler. */
    record Draw(double value, boolean straggler) {
    }

    /** Always {@code value} (consumes no random numbers). */
    record Constant(double value) implements Distribution {
        public Constant {
            Checks.nonNegative("value", value);
        }

        @Override
        public Draw draw(RandomGenerator rng) {
            return new Draw(value, false);
        }
    }

    /** Uniform on {@code [lo, hi)}; {@code lo == hi} gives {@code lo}. */
    record Uniform(double lo, double hi) implements Distribution {
        public Uniform {
            Checks.nonNegative("lo", lo);
            Checks.finite("hi", hi);
            Checks.require(hi >= lo, "hi must be >= lo, got lo=" + lo + ", hi=" + hi);
        }

        @Override
        public Draw draw(RandomGenerator rng) {
            return new Draw(lo + (hi - lo) * rng.nextDouble(), false);
        }
    }

    /**
     * Log-normal parametrised by its median and the standard deviation of its logarithm:
     * {@code X = median · exp(sigma · Z)}, {@code Z ~ N(0, 1)}, so {@code ln X ~ N(ln median, sigma²)}, the
     * median is {@code median}, the mean {@code median · exp(sigma² / 2)}, and one client in six is more than
     * {@code exp(sigma)} times above or below the median. {@code sigma = 0} is constant.
     */
    record LogNormal(double median, double sigma) implements Distribution {
        public LogNormal {
            Checks.positive("median", median);
            Checks.nonNegative("sigma", sigma);
        }

        @Override
        public Draw draw(RandomGenerator rng) {
            return new Draw(median * Math.exp(sigma * rng.nextGaussian()), false);
        }
    }

    /**
     * With probability {@code fraction} a client is a straggler: its value from {@code base} is divided by
     * {@code slowdown}. Meant for speeds (compute, bandwidth), where dividing makes the client slower. The
     * straggler coin is drawn before the base value, from the same stream.
     */
    record StragglerMix(Distribution base, double fraction, double slowdown) implements Distribution {
        public StragglerMix {
            Checks.require(base != null, "base must not be null");
            Checks.probability("fraction", fraction);
            Checks.finite("slowdown", slowdown);
            Checks.require(slowdown >= 1, "slowdown must be >= 1, got " + slowdown);
        }

        @Override
        public Draw draw(RandomGenerator rng) {
            boolean straggler = rng.nextDouble() < fraction;
            double value = base.sample(rng);
            return new Draw(straggler ? value / slowdown : value, straggler);
        }
    }
}
