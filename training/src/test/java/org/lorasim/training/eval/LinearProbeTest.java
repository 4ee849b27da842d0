package org.lorasim.training.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearProbeTest {

    /** Three classes around (4, 0, ...), (0, 4, ...), (-4, -4, ...) in 5 dimensions, unit noise. */
    private static float[][] blobs(int n, int[] labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][5];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                x[i][j] = (float) (random.nextDouble() * 2 - 1);
            }
            x[i][0] += labels[i] == 0 ? 4 : labels[i] == 2 ? -4 : 0;
            x[i][1] += labels[i] == 1 ? 4 : labels[i] == 2 ? -4 : 0;
        }
        return x;
    }

    @Test
    void separatesSeparableClassesThatMajorityCannot() {
        // Setup
        int[] trainLabels = new int[90];
        float[][] train = blobs(90, trainLabels, 1);
        int[] testLabels = new int[60];
        float[][] test = blobs(60, testLabels, 2);

        // Execute
        LinearProbe probe = LinearProbe.fit(train, trainLabels, 3);

        // Assert: every class is a third, so always answering one class scores 1/3
        assertThat(probe.accuracy(test, testLabels)).isEqualTo(1.0);
        assertThat(probe.predict(new float[]{4, 0, 0, 0, 0})).isEqualTo(0);
        assertThat(probe.predict(new float[]{-4, -4, 0, 0, 0})).isEqualTo(2);
    }

    @Test
    void aFitIsAPureFunctionOfItsInputs() {
        // Setup
        int[] labels = new int[30];
        float[][] x = blobs(30, labels, 3);
        for (int i = 0; i < 30; i += 4) {
            labels[i] = (labels[i] + 1) % 3;
        }
        int[] probeLabels = new int[200];
        float[][] probes = blobs(200, probeLabels, 4);

        // Execute
        LinearProbe first = LinearProbe.fit(x, labels, 3);
        LinearProbe second = LinearProbe.fit(x, labels, 3);

        // Assert
        for (float[] row : probes) {
            assertThat(second.predict(row)).isEqualTo(first.predict(row));
        }
        assertThat(second.accuracy(probes, probeLabels)).isEqualTo(first.accuracy(probes, probeLabels));
    }

    @Test
    void aConstantFeatureDoesNotBreakTheFit() {
        // Setup: the last feature is 7 everywhere (standard deviation 0)
        int[] labels = {0, 1, 0, 1};
        float[][] x = {{-1, 7}, {1, 7}, {-2, 7}, {2, 7}};

        // Execute
        LinearProbe probe = LinearProbe.fit(x, labels, 2);

        // Assert
        assertThat(probe.accuracy(x, labels)).isEqualTo(1.0);
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() {
        assertThatThrownBy(() -> LinearProbe.fit(new float[][]{{1}, {2}}, new int[]{0, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
    }
}
