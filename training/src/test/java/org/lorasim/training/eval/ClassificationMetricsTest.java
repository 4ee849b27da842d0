package org.lorasim.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    @Test
    void accuracyMacroF1AndLossByHand() {
        // Prepare: labels 0 0 1 1 2; predictions (arg-max) 0 1 1 1 0
        float[][] logits = {{2, 0, 0}, {0, 1, 0}, {0, 3, 0}, {0, 0.5f, 0}, {1, 0, 0}};
        int[] labels = {0, 0, 1, 1, 2};

        // Execute
        Evaluation e = ClassificationMetrics.of(logits, labels);

        // Assert: 3 of 5 correct
        assertThat(e.accuracy()).isEqualTo(0.6);
        // class 0: TP 1, predicted 2, actual 2 -> F1 = 2/4 = 0.5; class 1: TP 2, predicted 3, actual 2 -> 4/5
        // = 0.8; class 2: TP 0 -> 0; macro = (0.5 + 0.8 + 0) / 3 = 0.43333
        assertThat(e.macroF1()).isCloseTo(1.3 / 3, within(1e-12));
        // row 0: -log(e^2 / (e^2 + 2)) = log(1 + 2 e^-2) = 0.239545; row 2: log(1 + 2 e^-3) = 0.094923;
        // row 1 (label 0): log(1 + e + 1) = 1.551445; row 3: log(e^0.5 + 2) - 0.5 = 0.794377;
        // row 4 (label 2): log(e + 2) = 1.551445; mean = 4.231735 / 5 = 0.846347
        assertThat(e.loss()).isCloseTo(0.846347, within(1e-6));
        assertThat(e.examples()).isEqualTo(5);
    }

    @Test
    void macroF1SkipsClassesThatNeitherOccurNorArePredicted() {
        // Prepare: 3 classes, class 2 absent from labels and predictions; everything right
        float[][] logits = {{1, 0, 0}, {0, 1, 0}};

        // Execute
        Evaluation e = ClassificationMetrics.of(logits, new int[] {0, 1});

        // Assert: F1 = 1 for classes 0 and 1, class 2 not averaged in
        assertThat(e.macroF1()).isEqualTo(1.0);
        assertThat(ClassificationMetrics.argMax(new float[] {1, 3, 3})).isEqualTo(1);
    }

    @Test
    void metricsStayInRangeAndPerfectPredictionsScoreOne() {
        SplittableRandom random = new SplittableRandom(4);
        for (int k = 0; k < 200; k++) {
            // Prepare
            int n = 1 + random.nextInt(40);
            int classes = 2 + random.nextInt(5);
            float[][] logits = new float[n][classes];
            float[][] perfect = new float[n][classes];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(classes);
                for (int c = 0; c < classes; c++) {
                    logits[i][c] = (float) random.nextGaussian();
                }
                perfect[i][labels[i]] = 50;
            }

            // Execute
            Evaluation e = ClassificationMetrics.of(logits, labels);
            Evaluation best = ClassificationMetrics.of(perfect, labels);

            // Assert
            assertThat(e.accuracy()).isBetween(0.0, 1.0);
            assertThat(e.macroF1()).isBetween(0.0, 1.0);
            assertThat(e.loss()).isPositive();
            assertThat(best.accuracy()).isEqualTo(1.0);
            assertThat(best.macroF1()).isEqualTo(1.0);
            assertThat(best.loss()).isLessThan(1e-15 + (classes - 1) * Math.exp(-50) * 1.01);
        }
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThatThrownBy(() -> ClassificationMetrics.of(new float[][] {{1, 0}}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equal length");
        assertThatThrownBy(() -> ClassificationMetrics.of(new float[][] {{1, 0}}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
    }
}
