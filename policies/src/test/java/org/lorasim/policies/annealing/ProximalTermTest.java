package org.lorasim.policies.annealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

class ProximalTermTest {

    /** Flat layout (A, B, head). */
    private static Adapter adapter(float a, float b, float head) {
        return new Adapter(Map.of("w", new LoraFactors(1, 1, 1, new float[]{a}, new float[]{b}, 1, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[]{1}, new float[]{head})));
    }

    @Test
    void valueAndGradientDuringTheInitiatingStage() {
        // Prepare: mu = 0.5, T_init = 2; theta - global = (1, 2, 3) - (0, 0, 1) = (1, 2, 2)
        ProximalTerm term = new ProximalTerm(0.5, 2);
        Adapter theta = adapter(1, 2, 3);
        Adapter global = adapter(0, 0, 1);

        // Execute
        double value = term.value(1, theta, global);
        float[] gradient = term.gradient(1, theta, global);

        // Assert: 0.5 / 2 * (1 + 4 + 4) = 2.25; gradient 0.5 * (1, 2, 2) = (0.5, 1, 1)
        assertThat(value).isCloseTo(2.25, within(1e-12));
        assertThat(gradient).containsExactly(0.5f, 1f, 1f);
        assertThat(term.isActive(1)).isTrue();
        assertThat(term.muAt(1)).isEqualTo(0.5);
    }

    @Test
    void inactiveFromRoundTInitOn() {
        // Prepare: 0-based rounds, T_init = 2: rounds 0 and 1 active
        ProximalTerm term = new ProximalTerm(0.5, 2);
        Adapter theta = adapter(1, 2, 3);
        Adapter global = adapter(0, 0, 1);

        // Execute / Assert
        assertThat(term.isActive(2)).isFalse();
        assertThat(term.muAt(2)).isZero();
        assertThat(term.value(2, theta, global)).isZero();
        assertThat(term.gradient(2, theta, global)).containsExactly(0f, 0f, 0f);
        assertThat(new ProximalTerm(0.5, 0).isActive(0)).isFalse();
    }

    @Test
    void gradientIsTheDerivativeOfTheValue() {
        SplittableRandom rng = new SplittableRandom(77);
        for (int trial = 0; trial < 50; trial++) {
            // Prepare: random vectors and mu; central differences with a power-of-two step
            int n = 1 + rng.nextInt(20);
            float[] theta = new float[n];
            float[] global = new float[n];
            for (int k = 0; k < n; k++) {
                theta[k] = (float) rng.nextGaussian();
                global[k] = (float) rng.nextGaussian();
            }
            ProximalTerm term = new ProximalTerm(0.01 + rng.nextDouble(), 3);
            float h = 1f / 64;

            // Execute
            float[] gradient = term.gradient(0, theta, global);

            // Assert: (v(theta + h e_k) - v(theta - h e_k)) / 2h equals the k-th entry (exact for a quadratic)
            for (int k = 0; k < n; k++) {
                float[] up = theta.clone();
                float[] down = theta.clone();
                up[k] += h;
                down[k] -= h;
                double numeric = (term.value(0, up, global) - term.value(0, down, global)) / (up[k] - down[k]);
                assertThat((double) gradient[k]).isCloseTo(numeric, within(1e-4));
            }
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        ProximalTerm term = new ProximalTerm(0.1, 2);
        Adapter rank2 = Adapter.ofLora(Map.of("w", new LoraFactors(2, 1, 1, new float[2], new float[2], 1, LoraScaling.STANDARD)));
        assertThatThrownBy(() -> new ProximalTerm(-0.1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu must be finite and >= 0, got -0.1");
        assertThatThrownBy(() -> new ProximalTerm(Double.NaN, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new ProximalTerm(0.1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initiatingRounds must be >= 0, got -1");
        assertThatThrownBy(() -> term.value(-1, new float[1], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round must be >= 0, got -1");
        assertThatThrownBy(() -> term.gradient(0, new float[3], new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta (vs the global vector) has 3 values, expected 2");
        assertThatThrownBy(() -> term.value(0, rank2, adapter(0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client adapter theta does not have the layout");
    }
}
