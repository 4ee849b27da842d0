package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    /** Probabilities 0.5, 0.3, 0.15, 0.05 at temperature 1. */
    private static final float[] LOGITS = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15),
            (float) Math.log(0.05)};

    @Test
    void greedyPicksTheLargestLogit() {
        assertThat(TokenSampler.greedy().next(new float[] {0.1f, 3f, -2f, 3f})).isEqualTo(1);
    }

    @Test
    void topPKeepsTheNucleusOnlyAndTheSeedRepeatsTheDraws() {
        // Prepare: 0.5 + 0.3 > 0.7, so the nucleus is {0, 1}
        TokenSampler a = new TokenSampler(1, 0.7, new SplittableRandom(4));
        TokenSampler b = new TokenSampler(1, 0.7, new SplittableRandom(4));
        Set<Integer> seen = new HashSet<>();
        int zeros = 0;

        // Execute
        for (int i = 0; i < 400; i++) {
            int t = a.next(LOGITS);
            assertThat(b.next(LOGITS)).isEqualTo(t);
            seen.add(t);
            zeros += t == 0 ? 1 : 0;
        }

        // Assert: within the nucleus in proportion 5 : 3
        assertThat(seen).containsExactlyInAnyOrder(0, 1);
        assertThat(zeros / 400.0).isBetween(0.55, 0.70);
    }

    @Test
    void temperatureSamplesTheWholeDistributionAndLowTemperatureSharpensIt() {
        TokenSampler full = new TokenSampler(1, 1, new SplittableRandom(5));
        TokenSampler cold = new TokenSampler(0.05, 0, new SplittableRandom(5));
        Set<Integer> seen = new HashSet<>();
        int coldZeros = 0;
        for (int i = 0; i < 400; i++) {
            seen.add(full.next(LOGITS));
            coldZeros += cold.next(LOGITS) == 0 ? 1 : 0;
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(coldZeros).isGreaterThan(395);
    }
}
