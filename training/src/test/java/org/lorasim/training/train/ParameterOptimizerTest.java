package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.training.djl.DjlEngine;

class ParameterOptimizerTest {

    /**
     * {@code steps} updates of {@code p} on the loss {@code sum(p * c)} (gradient {@code c}), driven as the
     * trainer drives them: grad mode on, backward, grad mode off, update, zeroed gradient.
     */
    private static float[] run(OptimizerSettings settings, float[] start, float[] c, int steps) {
        try (NDManager m = DjlEngine.newManager()) {
            boolean gradMode = JniUtils.isGradMode();
            try {
                NDArray p = m.create(start.clone());
                p.setRequiresGradient(true);
                ParameterOptimizer optimizer = ParameterOptimizer.create(settings, List.of(p), m);
                for (int s = 0; s < steps; s++) {
                    try (NDManager step = m.newSubManager()) {
                        JniUtils.setGradMode(true);
                        NDArray loss = p.mul(step.create(c)).sum();
                        JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(new Shape()), false, false);
                        JniUtils.setGradMode(false);
                        NDArray g = p.getGradient();
                        g.attach(step);
                        optimizer.step(List.of(g), step);
                        JniUtils.zeroGrad((PtNDArray) p);
                    }
                }
                assertThat(optimizer.steps()).isEqualTo(steps);
                return p.toFloatArray();
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
    }

    @Test
    void sgdStepsByTheRateTimesTheGradientAndGradientsDoNotAccumulate() {
        // Prepare: p = (1, -2), gradient c = (0.5, 0.25), lr 0.1, no momentum
        // Execute
        float[] p = run(OptimizerSettings.sgd(0.1, 0), new float[] {1, -2}, new float[] {0.5f, 0.25f}, 2);

        // Assert: two steps of -0.1 c = (-0.05, -0.025): (0.9, -2.05); accumulated gradients would give
        // 0.95 - 0.1 and -2.075
        assertThat(p[0]).isCloseTo(0.9f, within(1e-6f));
        assertThat(p[1]).isCloseTo(-2.05f, within(1e-6f));
    }

    @Test
    void sgdMomentumAndCoupledDecay() {
        // Prepare: p = 1, c = 1, lr 0.1, momentum 0.5, decay 0.2
        OptimizerSettings s = OptimizerSettings.sgd(0.1, 0.5).withWeightDecay(0.2);

        // Execute
        float[] p = run(s, new float[] {1}, new float[] {1}, 2);

        // Assert: step 1: d = 1 + 0.2 * 1 = 1.2, b = 1.2, p = 1 - 0.12 = 0.88
        //         step 2: d = 1 + 0.2 * 0.88 = 1.176, b = 0.5 * 1.2 + 1.176 = 1.776, p = 0.88 - 0.1776 = 0.7024
        assertThat(p[0]).isCloseTo(0.7024f, within(1e-6f));
    }

    @Test
    void adamWMovesByTheRateWhileTheGradientIsConstantAndDecaysDecoupled() {
        // Prepare: p = (1, -2), c = (0.5, -0.25), lr 0.01, decay 0.1
        // Execute
        float[] p = run(OptimizerSettings.adamW(0.01, 0.1), new float[] {1, -2}, new float[] {0.5f, -0.25f}, 2);

        // Assert: with a constant gradient the bias-corrected m / sqrt(v) is sign(c) each step (step 2:
        // m = 0.19 c, 1 - 0.9^2 = 0.19; v = 0.001999 c^2, 1 - 0.999^2 = 0.001999), so each step is
        // p (1 - 0.001) - 0.01 sign(c): p0: 1 -> 0.989 -> 0.988011 - 0.01 = 0.978011
        //                               p1: -2 -> -1.998 + 0.01 = -1.988 -> -1.986012 + 0.01 = -1.976012
        assertThat(p[0]).isCloseTo(0.978011f, within(2e-6f));
        assertThat(p[1]).isCloseTo(-1.976012f, within(2e-6f));
    }

    @Test
    void adamWFirstStepMovesEveryEntryByTheRateAgainstItsGradient() {
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 50; k++) {
            // Prepare: random p and nonzero gradient entries (|c| >= 0.01, far above epsilon 1e-8)
            int n = 1 + random.nextInt(8);
            float[] start = new float[n];
            float[] c = new float[n];
            for (int i = 0; i < n; i++) {
                start[i] = (float) random.nextGaussian();
                c[i] = (float) ((0.01 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            }
            double lr = 1e-4 + random.nextDouble() * 1e-2;

            // Execute
            float[] p = run(OptimizerSettings.adamW(lr, 0), start, c, 1);

            // Assert
            for (int i = 0; i < n; i++) {
                assertThat((double) p[i]).isCloseTo(start[i] - lr * Math.signum(c[i]), within(1e-5));
            }
        }
    }

    @Test
    void settingsRejectBadNumbers() {
        assertThatThrownBy(() -> OptimizerSettings.adamW(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> OptimizerSettings.adamW(1e-3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight decay");
        assertThatThrownBy(() -> OptimizerSettings.sgd(0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new OptimizerSettings(OptimizerSettings.Kind.ADAMW, 1e-3, 0, 1, 0.999, 1e-8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta1");
    }
}
