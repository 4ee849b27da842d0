package org.lorasim.training.llama;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Picks the next token from a row of logits as llama2.c's {@code sample}: temperature 0 is greedy (argmax,
 * the lowest id on ties); otherwise {@code softmax(logits / temperature)}, then with {@code 0 < topP < 1}
 * nucleus sampling (Holtzman et al., arXiv 1904.09751): the most probable tokens, in descending order,
 * up to the first whose cumulative probability exceeds {@code topP} (tokens below
 * {@code (1 - topP) / (n - 1)} are dropped first, as run.c does), drawn in proportion to their
 * probabilities; else a draw from the whole distribution. The uniform draw comes from the given seeded
 * Java generator, one {@code nextDouble()} per sampled token.
 */
public final class TokenSampler {
    private final double temperature;
    private final double topP;
    private final RandomGenerator random;

    /** {@code temperature >= 0}; {@code topP} in [0, 1] (0 or 1: no nucleus); {@code random} unused when greedy. */
    public TokenSampler(double temperature, double topP, RandomGenerator random) {
        this.temperature = Checks.nonNegative("temperature", temperature);
        this.topP = Checks.probability("top-p", topP);
        this.random = temperature == 0 ? random : java.util.Objects.requireNonNull(random, "random");
    }

    public static TokenSampler greedy() {
        return new TokenSampler(0, 0, null);
    }

    public int next(float[] logits) {
        if (temperature == 0) {
            return argmax(logits);
        }
        double[] p = new double[logits.length];
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / temperature);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        double coin = random.nextDouble();
        return topP <= 0 || topP >= 1 ? fromAll(p, coin) : nucleus(p, coin);
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int fromAll(double[] p, double coin) {
        double cdf = 0;
        for (int i = 0; i < p.length; i++) {
            cdf += p[i];
            if (coin < cdf) {
                return i;
            }
        }
        return p.length - 1;
    }

    private int nucleus(double[] p, double coin) {
        double cutoff = (1 - topP) / (p.length - 1);
        Integer[] kept = java.util.stream.IntStream.range(0, p.length).filter(i -> p[i] >= cutoff).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(kept, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
        double cumulative = 0;
        int last = kept.length - 1;
        for (int i = 0; i < kept.length; i++) {
            cumulative += p[kept[i]];
            if (cumulative > topP) {
                last = i;
                break;
            }
        }
        double r = coin * cumulative;
        double cdf = 0;
        for (int i = 0; i <= last; i++) {
            cdf += p[kept[i]];
            if (r < cdf) {
                return kept[i];
            }
        }
        return kept[last];
    }
}
