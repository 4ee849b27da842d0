package org.lorasim.policies.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.testing.TestAdapters;

class UpdateClippingTest {
    private static final Adapter BIG = new Adapter(Map.of(), Map.of("w", DenseTensor.zeros(257)));
    private final Adapter layout = TestAdapters.tiny();

    @Test
    void scalesALongUpdateOntoTheSphereOfRadiusC() {
        // Prepare: global (1, 1, 1, 1, 1), delta (3, 4, 0, 0, 0) with norm 5, C = 1
        Adapter global = TestAdapters.constant(layout, 1);
        Adapter update = TestAdapters.of(layout, 4, 5, 1, 1, 1);

        // Execute
        Adapter clipped = UpdateClipping.clip(global, update, 1.0);

        // Assert: delta * 1/5 = (0.6, 0.8, 0, 0, 0) -> (1.6, 1.8, 1, 1, 1)
        assertThat(UpdateClipping.l2Norm(global, update)).isEqualTo(5.0);
        assertThat(clipped.flatten()).containsExactly(new float[] {1.6f, 1.8f, 1, 1, 1}, within(1e-6f));
        assertThat(UpdateClipping.l2Norm(global, clipped)).isLessThanOrEqualTo(1.0).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void leavesAnUpdateWithinTheBoundUntouched() {
        // Prepare: delta (0.3, 0.4, 0, 0, 0) has norm 0.5 <= C = 1
        Adapter global = TestAdapters.constant(layout, 0);
        Adapter update = TestAdapters.of(layout, 0.3f, 0.4f, 0, 0, 0);

        // Execute
        Adapter clipped = UpdateClipping.clip(global, update, 1.0);

        // Assert
        assertThat(clipped).isSameAs(update);
    }

    @Test
    void realisedFloatNormNeverExceedsCEvenWhenRoundingDominates() {
        for (int seed = 0; seed < 200; seed++) {
            // Prepare: globals up to 1000 (float spacing 6e-5 there), bounds down to 0.01, so float
            // rounding of global + delta' is often a sizeable part of the clipped update
            SplittableRandom rng = new SplittableRandom(seed);
            Adapter global = TestAdapters.uniform(BIG, rng, -1000, 1000);
            Adapter update = perturbed(global, Math.pow(10, rng.nextDouble(-3, 3)), rng);
            double clipNorm = Math.pow(10, rng.nextDouble(-2, 3));

            // Execute
            Adapter clipped = UpdateClipping.clip(global, update, clipNorm);

            // Assert
            assertThat(UpdateClipping.l2Norm(global, clipped)).as("seed %d", seed).isLessThanOrEqualTo(clipNorm);
        }
    }

    @Test
    void clippedUpdatesLieOnTheSphereInTheirOriginalDirection() {
        for (int seed = 0; seed < 200; seed++) {
            // Prepare: globals in [-1, 1], where float rounding is far below the bound
            SplittableRandom rng = new SplittableRandom(seed);
            Adapter global = TestAdapters.uniform(BIG, rng, -1, 1);
            Adapter update = perturbed(global, Math.pow(10, rng.nextDouble(-3, 3)), rng);
            double clipNorm = Math.pow(10, rng.nextDouble(-2, 3));
            double before = UpdateClipping.l2Norm(global, update);

            // Execute
            Adapter clipped = UpdateClipping.clip(global, update, clipNorm);

            // Assert: untouched within the bound; else norm in (0.999 C, C] and cosine to the original ~ 1
            double after = UpdateClipping.l2Norm(global, clipped);
            assertThat(after).as("seed %d", seed).isLessThanOrEqualTo(clipNorm);
            if (before <= clipNorm) {
                assertThat(clipped).as("seed %d", seed).isSameAs(update);
                continue;
            }
            assertThat(after).as("seed %d", seed).isGreaterThan(clipNorm * 0.999);
            float[] g = global.flatten();
            float[] c = clipped.flatten();
            float[] x = update.flatten();
            double dot = 0;
            for (int j = 0; j < g.length; j++) {
                dot += ((double) c[j] - g[j]) * ((double) x[j] - g[j]);
            }
            assertThat(dot / (after * before)).as("cosine, seed %d", seed).isGreaterThan(0.999);
        }
    }

    private static Adapter perturbed(Adapter global, double scale, SplittableRandom rng) {
        float[] g = global.flatten();
        float[] x = new float[g.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) (g[j] + scale * rng.nextGaussian());
        }
        return global.withFlat(x);
    }

    @Test
    void rejectsBadClipNormsAndLayouts() {
        // Prepare
        Adapter global = TestAdapters.constant(layout, 0);

        // Execute / Assert
        assertThatThrownBy(() -> UpdateClipping.clip(global, global, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm C");
        assertThatThrownBy(() -> UpdateClipping.clip(global, global, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm C");
        assertThatThrownBy(() -> UpdateClipping.clip(global, TestAdapters.small(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("update does not have the layout");
        assertThatThrownBy(() -> UpdateClipping.clip(global, TestAdapters.of(layout, 0, Float.POSITIVE_INFINITY, 0, 0, 0), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1] is not finite");
    }
}
