package org.lorasim.actors.profile;

import org.lorasim.policies.Checks;
import org.lorasim.policies.random.RngStreams;

/**
 * Whether a client can take part at a given round and simulated time. Every model answers from
 * (seed, client, round or time) alone, so answers do not depend on the order of the questions, on which
 * other clients were asked, or on the thread.
 *
 * <p>Which clock each model reads: {@link Always} neither; {@link Bernoulli} the round; {@link OnOffMarkov}
 * the round, or simulated time cut into fixed steps when built with a step; {@link IntervalTrace}
 * simulated time. Client unavailability follows FedScale (Lai et al., arXiv:2105.11367), whose client
 * traces are on/off intervals over time.
 */
public sealed interface Availability permits Availability.Always, Availability.Bernoulli, OnOffMarkov, IntervalTrace {

    /** Whether {@code clientId} is available in {@code round} at simulated time {@code simTimeNanos}. */
    boolean availableAt(int clientId, int round, long simTimeNanos);

    /** The same model with its random answers drawn from {@code seed} (models without randomness: itself). */
    default Availability withSeed(long seed) {
        return this;
    }

    /** Every client, always. */
    record Always() implements Availability {
        @Override
        public boolean availableAt(int clientId, int round, long simTimeNanos) {
            return true;
        }
    }

    /**
     * Each (client, round) independently available with probability {@code p}: the coin is the first
     * {@code nextDouble()} of {@code RngStreams(seed).stream("availability", clientId, round)}. Reads the
     * round, not the time.
     */
    record Bernoulli(double p, long seed) implements Availability {
        public Bernoulli {
            Checks.probability("p", p);
        }

        @Override
        public boolean availableAt(int clientId, int round, long simTimeNanos) {
            Checks.require(clientId >= 0, "clientId must be >= 0, got " + clientId);
            Checks.require(round >= 0, "round must be >= 0, got " + round);
            return new RngStreams(seed).stream("availability", clientId, round).nextDouble() < p;
        }

        @Override
        public Availability withSeed(long newSeed) {
            return new Bernoulli(p, newSeed);
        }
    }
}
