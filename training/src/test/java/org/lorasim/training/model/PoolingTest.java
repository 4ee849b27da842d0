package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.training.djl.DjlEngine;

class PoolingTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = DjlEngine.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void meanPoolIgnoresPadding() {
        try (NDManager m = manager.newSubManager()) {
            // Prepare: one sentence, tokens (1, 2), (3, 4) and a padding row (100, 100)
            NDArray hidden = m.create(new float[] {1, 2, 3, 4, 100, 100}, new Shape(1, 3, 2));
            NDArray mask = m.create(new long[] {1, 1, 0}, new Shape(1, 3));

            // Execute
            float[] pooled = BertEncoder.meanPool(hidden, mask).toFloatArray();

            // Assert: ((1 + 3) / 2, (2 + 4) / 2) = (2, 3)
            assertThat(pooled).containsExactly(2f, 3f);
        }
    }

    @Test
    void l2NormalizeGivesUnitRows() {
        try (NDManager m = manager.newSubManager()) {
            // Prepare: rows (3, 4) and (0, 0)
            NDArray x = m.create(new float[] {3, 4, 0, 0}, new Shape(2, 2));

            // Execute
            float[] y = BertEncoder.l2Normalize(x).toFloatArray();

            // Assert: (3, 4) / 5 = (0.6, 0.8); the zero row stays zero (norm floored at 1e-12)
            assertThat(y[0]).isCloseTo(0.6f, within(1e-7f));
            assertThat(y[1]).isCloseTo(0.8f, within(1e-7f));
            assertThat(y[2]).isZero();
            assertThat(y[3]).isZero();
        }
    }

    @Test
    void additiveMaskIsZeroForTokensAndHugeNegativeForPadding() {
        try (NDManager m = manager.newSubManager()) {
            // Execute
            NDArray mask = BertEncoder.additiveMask(m.create(new long[] {1, 1, 0, 1, 0, 0}, new Shape(2, 3)));

            // Assert: (1 - m) * -Float.MAX_VALUE, shaped (B, 1, 1, T); tokens get 0 * -MAX = -0.0, and
            // s + (-0.0) == s bit for bit for every score s
            assertThat(mask.getShape()).isEqualTo(new Shape(2, 1, 1, 3));
            float p = BertEncoder.MASKED;
            assertThat(mask.toFloatArray()).containsExactly(-0f, -0f, p, -0f, p, p);
        }
    }

    @Test
    void meanPoolMatchesJavaOnRandomBatches() {
        // Property over random batches and masks (at least one token per row)
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            try (NDManager m = manager.newSubManager()) {
                // Prepare
                int b = 1 + random.nextInt(4);
                int t = 1 + random.nextInt(6);
                int h = 1 + random.nextInt(5);
                float[] hidden = new float[b * t * h];
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] = (float) random.nextGaussian();
                }
                long[] mask = new long[b * t];
                for (int r = 0; r < b; r++) {
                    int tokens = 1 + random.nextInt(t);
                    for (int j = 0; j < tokens; j++) {
                        mask[r * t + j] = 1;
                    }
                }

                // Execute
                float[] pooled = BertEncoder.meanPool(m.create(hidden, new Shape(b, t, h)),
                        m.create(mask, new Shape(b, t))).toFloatArray();

                // Assert
                for (int r = 0; r < b; r++) {
                    for (int k = 0; k < h; k++) {
                        double sum = 0;
                        int n = 0;
                        for (int j = 0; j < t; j++) {
                            if (mask[r * t + j] == 1) {
                                sum += hidden[(r * t + j) * h + k];
                                n++;
                            }
                        }
                        assertThat((double) pooled[r * h + k]).isCloseTo(sum / n, within(1e-5));
                    }
                }
            }
        }
    }
}
