package org.lorasim.policies.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GammaSamplerTest {

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(doubles = {0.2, 0.7, 1.0, 2.5, 10.0})
    void meanAndVarianceEqualTheShape(double shape) {
        // Prepare
        SplittableRandom rng = new SplittableRandom(Double.doubleToLongBits(shape));
        int n = 40_000;

        // Execute
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = GammaSampler.sample(shape, rng);
            assertThat(g).isGreaterThanOrEqualTo(0);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;

        // Assert: Gamma(a, 1) has mean a and variance a; standard error of the mean sqrt(a / n),
        // tolerance 5 standard errors; variance within 12 % (its relative error is larger for small a)
        assertThat(mean).isCloseTo(shape, within(5 * Math.sqrt(shape / n)));
        assertThat(variance).isCloseTo(shape, within(0.12 * shape));
    }

    @Test
    void logSampleOfATinyShapeHasMeanDigamma() {
        // Prepare: E[log Gamma(a)] = digamma(a); digamma(0.01) = -100.56088545786868 (scipy);
        // Var[log Gamma(a)] = trigamma(a) ~ 1/a^2 = 10^4, so the mean of 40,000 has standard error 0.5
        SplittableRandom rng = new SplittableRandom(5);
        int n = 40_000;

        // Execute
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += GammaSampler.logSample(0.01, rng);
        }

        // Assert
        assertThat(sum / n).isCloseTo(-100.56088545786868, within(2.5));
    }

    @Test
    void dirichletProportionsSumToOneEvenForTinyAlpha() {
        for (int seed = 0; seed < 100; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            double alpha = seed % 2 == 0 ? 1e-3 : rng.nextDouble(0.01, 100);

            // Execute
            double[] p = GammaSampler.dirichlet(alpha, 12, rng);

            // Assert
            double total = 0;
            for (double v : p) {
                assertThat(v).as("seed %d", seed).isBetween(0.0, 1.0);
                total += v;
            }
            assertThat(total).as("seed %d", seed).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void dirichletMarginalHasMeanOneOverK() {
        // Prepare: Dir(alpha,...,alpha) over K = 4 has E[p_i] = 1/4 and Var = (1/4)(3/4)/(4 alpha + 1)
        SplittableRandom rng = new SplittableRandom(9);
        int n = 20_000;
        double alpha = 0.5;

        // Execute
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double p0 = GammaSampler.dirichlet(alpha, 4, rng)[0];
            sum += p0;
            sumSq += p0 * p0;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;

        // Assert: 0.1875 / 3 = 0.0625
        assertThat(mean).isCloseTo(0.25, within(0.01));
        assertThat(variance).isCloseTo(0.0625, within(0.004));
    }

    @Test
    void rejectsBadShapes() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThatThrownBy(() -> GammaSampler.sample(0, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma shape");
        assertThatThrownBy(() -> GammaSampler.logSample(Double.NaN, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma shape");
        assertThatThrownBy(() -> GammaSampler.dirichlet(-1, 3, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dirichlet alpha");
        assertThatThrownBy(() -> GammaSampler.dirichlet(1, 0, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dirichlet dimension");
    }
}
