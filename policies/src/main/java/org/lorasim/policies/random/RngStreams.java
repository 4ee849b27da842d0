package org.lorasim.policies.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Independent random streams derived from one run seed. A stream is named by a purpose (for example
 * {@code "partition"}, {@code "client"}, {@code "dp-noise"}) and an index (a client id, a round), and its
 * seed is a hash of (run seed, purpose, index) alone: it does not depend on which other streams were made
 * or in which order, so one seed gives the same numbers in every run, thread or JVM.
 *
 * <p>The hash is SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014) folded over the inputs; each stream is a {@link SplittableRandom}.
 */
public final class RngStreams {
    private final long runSeed;

    public RngStreams(long runSeed) {
        this.runSeed = runSeed;
    }

    public long runSeed() {
        return runSeed;
    }

    /** The stream for {@code purpose}, e.g. the round sampler. */
    public RandomGenerator stream(String purpose) {
        return new SplittableRandom(seedOf(purpose, 0, 0));
    }

    /** The stream for {@code purpose} and one index, e.g. ("client", 17). */
    public RandomGenerator stream(String purpose, long index) {
        return new SplittableRandom(seedOf(purpose, index, 1));
    }

    /** The stream for {@code purpose} and two indices, e.g. ("train", client 17, round 3). */
    public RandomGenerator stream(String purpose, long index, long subIndex) {
        return new SplittableRandom(mix(seedOf(purpose, index, 2) ^ mix(subIndex + 0x632BE59BD9B4E019L)));
    }

    /** The 64-bit seed behind {@link #stream(String, long)}, for components that need a plain seed. */
    public long seed(String purpose, long index) {
        return seedOf(purpose, index, 1);
    }

    private long seedOf(String purpose, long index, int arity) {
        Checks.require(purpose != null && !purpose.isEmpty(), "stream purpose must not be empty");
        long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        h = mix(h ^ arity);
        return mix(h ^ mix(index + 0xBF58476D1CE4E5B9L));
    }

    /** SplitMix64's finaliser: a bijective avalanche of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
