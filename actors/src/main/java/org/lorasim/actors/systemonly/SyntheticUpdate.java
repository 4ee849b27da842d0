package org.lorasim.actors.systemonly;

import org.lorasim.policies.Checks;

/**
 * A synthetic change of an adapter, held compactly: {@code delta = scale * z(seed)} where {@code z} is a
 * seeded standard-Gaussian-like vector in the adapter's flat layout ({@link SyntheticNoise}). Sixteen bytes
 * however large the adapter; {@link SyntheticNoise#materialise} turns it into values on demand and
 * {@link SyntheticUpdateSum} aggregates many without materialising any.
 *
 * @param seed  selects the noise window
 * @param scale standard deviation of every value of the change, finite and {@code >= 0}
 */
public record SyntheticUpdate(long seed, double scale) {

    public SyntheticUpdate {
        Checks.nonNegative("synthetic update scale", scale);
    }
}
