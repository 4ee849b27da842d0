package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.djl.DjlEngine;

class LoraLinearTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = DjlEngine.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** W = [[1, 0, 2], [0, 1, -1]] (out 2, in 3), b = [0.5, -0.5], LoRA rank 1, alpha 2, standard: s = 2. */
    private static LoraLinear handWorked(NDManager m, double dropout) {
        LoraLinear l = new LoraLinear("layer.0.attention.query",
                m.create(new float[] {1, 0, 2, 0, 1, -1}, new Shape(2, 3)), m.create(new float[] {0.5f, -0.5f}));
        l.attachLora(1, 2, LoraScaling.STANDARD, dropout, new SplittableRandom(1), m);
        l.loadFactors(new LoraFactors(1, 3, 2, new float[] {1, 1, 0}, new float[] {2, -1}, 2, LoraScaling.STANDARD));
        return l;
    }

    private static float[] forward(LoraLinear l, NDManager m, float[] x, Shape shape, boolean training) {
        return l.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), training).head().toFloatArray();
    }

    @Test
    void handWorkedForward() {
        try (NDManager m = manager.newSubManager()) {
            // Prepare
            LoraLinear l = handWorked(m, 0);

            // Execute
            float[] y = forward(l, m, new float[] {1, 2, 3}, new Shape(1, 3), false);

            // Assert: x W^T + b = [1 + 6, 2 - 3] + [0.5, -0.5] = [7.5, -1.5];
            // A x = 1 + 2 = 3, B (A x) = [6, -3], times s = 2: [12, -6]; y = [19.5, -7.5]
            assertThat(y).containsExactly(19.5f, -7.5f);
        }
    }

    @Test
    void handWorkedGradientsReachOnlyTheFactors() {
        try (NDManager m = manager.newSubManager()) {
            // Prepare
            LoraLinear l = handWorked(m, 0);
            NDArray x = m.create(new float[] {1, 2, 3}, new Shape(1, 3));

            // Execute
            try (GradientCollector gc = Engine.getEngine(DjlEngine.ENGINE_NAME).newGradientCollector()) {
                NDArray y = l.forward(new ParameterStore(m, false), new NDList(x), true).head();
                gc.backward(y.sum());
            }

            // Assert: loss = sum(y); dL/dB[o] = s (A x) = 2 * 3 = 6; dL/dA[i] = s (B0 + B1) x_i = 2 * 1 * x_i
            var params = l.getParameters();
            assertThat(params.get("lora_B").getArray().getGradient().toFloatArray()).containsExactly(6f, 6f);
            assertThat(params.get("lora_A").getArray().getGradient().toFloatArray()).containsExactly(2f, 4f, 6f);
            assertThat(params.get("weight").requiresGradient()).isFalse();
            assertThat(params.get("weight").getArray().hasGradient()).isFalse();
        }
    }

    @Test
    void forwardEqualsTheMergedWeightOnRandomCases() {
        // Property: y = x (W + s B A)^T + b, with s B A from LoraFactors.product()
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 50; trial++) {
            try (NDManager m = manager.newSubManager()) {
                // Prepare
                int in = 1 + random.nextInt(12);
                int out = 1 + random.nextInt(12);
                int rank = 1 + random.nextInt(Math.min(in, out));
                int rows = 1 + random.nextInt(4);
                float[] w = gaussian(random, out * in);
                float[] b = gaussian(random, out);
                float[] x = gaussian(random, rows * in);
                LoraScaling scaling = random.nextBoolean() ? LoraScaling.STANDARD : LoraScaling.RANK_STABILIZED;
                double alpha = 0.5 + 16 * random.nextDouble();
                LoraFactors f = new LoraFactors(rank, in, out, gaussian(random, rank * in),
                        gaussian(random, out * rank), alpha, scaling);
                LoraLinear l = new LoraLinear("m", m.create(w, new Shape(out, in)), m.create(b));
                l.attachLora(rank, alpha, scaling, 0, random, m);
                l.loadFactors(f);

                // Execute
                float[] y = forward(l, m, x, new Shape(rows, in), false);

                // Assert
                double[] delta = f.product();
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < out; o++) {
                        double expected = b[o];
                        for (int i = 0; i < in; i++) {
                            expected += x[r * in + i] * (w[o * in + i] + delta[o * in + i]);
                        }
                        assertThat((double) y[r * out + o]).isCloseTo(expected, within(1e-4 * (1 + Math.abs(expected))));
                    }
                }
                assertThat(l.toFactors()).isEqualTo(f);
            }
        }
    }

    @Test
    void dropoutIsSeededAndOnlyInTraining() {
        try (NDManager m = manager.newSubManager()) {
            // Prepare: W = 0, b = 0, A = 1, B = 1, s = 1, in = 10,000, x = 1: y = sum_i mask_i
            int in = 10_000;
            LoraLinear l = new LoraLinear("m", m.zeros(new Shape(1, in)), m.zeros(new Shape(1)));
            l.attachLora(1, 1, LoraScaling.STANDARD, 0.5, new SplittableRandom(1), m);
            float[] ones = new float[in];
            java.util.Arrays.fill(ones, 1f);
            l.loadFactors(new LoraFactors(1, in, 1, ones, new float[] {1}, 1, LoraScaling.STANDARD));

            // Execute
            l.setDropoutRandom(new SplittableRandom(8));
            float first = forward(l, m, ones, new Shape(1, in), true)[0];
            l.setDropoutRandom(new SplittableRandom(8));
            float again = forward(l, m, ones, new Shape(1, in), true)[0];
            float inference = forward(l, m, ones, new Shape(1, in), false)[0];

            // Assert: each kept input counts 1 / (1 - 0.5) = 2, so E[y] = in; sd = sqrt(in) = 100
            assertThat(first).isEqualTo(again);
            assertThat((double) first).isCloseTo(in, within(500.0));
            assertThat(first % 2).isZero();
            assertThat(inference).isEqualTo(in);
        }
    }

    @Test
    void trainingDropoutWithoutGeneratorIsAnError() {
        try (NDManager m = manager.newSubManager()) {
            LoraLinear l = new LoraLinear("layer.1.ffn.in", m.zeros(new Shape(2, 2)), m.zeros(new Shape(2)));
            l.attachLora(1, 1, LoraScaling.STANDARD, 0.1, new SplittableRandom(1), m);
            assertThatThrownBy(() -> forward(l, m, new float[] {1, 2}, new Shape(1, 2), true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'layer.1.ffn.in'")
                    .hasMessageContaining("setDropoutRandom");
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (NDManager m = manager.newSubManager()) {
            LoraLinear l = new LoraLinear("layer.0.ffn.out", m.zeros(new Shape(3, 5)), m.zeros(new Shape(3)));
            assertThatThrownBy(() -> l.attachLora(4, 1, LoraScaling.STANDARD, 0, new SplittableRandom(1), m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rank of 'layer.0.ffn.out' is 4, more than min(in, out) = min(5, 3)");
            assertThatThrownBy(() -> l.attachLora(0, 1, LoraScaling.STANDARD, 0, new SplittableRandom(1), m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rank of 'layer.0.ffn.out' must be > 0, got 0");
            assertThatThrownBy(() -> new LoraLinear("x", m.zeros(new Shape(3, 5)), m.zeros(new Shape(5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bias of 'x' must be [3]");
            assertThatThrownBy(l::toFactors)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'layer.0.ffn.out' has no LoRA factors");
            l.attachLora(2, 1, LoraScaling.STANDARD, 0, new SplittableRandom(1), m);
            float[] nanA = new float[2 * 5];
            nanA[3] = Float.NaN;
            assertThatThrownBy(() -> l.loadFactors(new LoraFactors(2, 5, 3, nanA, new float[6], 1,
                    LoraScaling.STANDARD)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("A of 'layer.0.ffn.out'[3] is not finite");
            assertThatThrownBy(() -> l.loadFactors(new LoraFactors(2, 5, 3, new float[10], new float[6], 2,
                    LoraScaling.STANDARD)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alpha=2.0")
                    .hasMessageContaining("the layer has alpha=1.0");
        }
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
