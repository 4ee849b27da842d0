package org.lorasim.policies.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AdapterTest {

    /** "v" (r 1, in 2, out 1) and "q" (r 1, in 1, out 2), dense "head" [2]: 3 + 3 + 2 = 8 values. */
    private static Adapter twoMatricesAndAHead() {
        return new Adapter(
                Map.of("v", new LoraFactors(1, 2, 1, new float[] {5, 6}, new float[] {7}, 1, LoraScaling.STANDARD),
                        "q", new LoraFactors(1, 1, 2, new float[] {1}, new float[] {2, 3}, 1, LoraScaling.STANDARD)),
                Map.of("head", new DenseTensor(new int[] {2}, new float[] {8, 9})));
    }

    @Test
    void flattenOrdersMatricesByNameAThenBThenDenseTensors() {
        // Prepare
        Adapter adapter = twoMatricesAndAHead();

        // Execute
        float[] flat = adapter.flatten();

        // Assert: "q" before "v" whatever the map order: q.A, q.B, v.A, v.B, head
        assertThat(flat).containsExactly(1, 2, 3, 5, 6, 7, 8, 9);
    }

    @Test
    void withFlatReadsTheSameLayout() {
        // Prepare
        Adapter adapter = twoMatricesAndAHead();

        // Execute
        Adapter changed = adapter.withFlat(new float[] {10, 20, 30, 50, 60, 70, 80, 90});

        // Assert
        assertThat(changed.factors("q").a()).containsExactly(10);
        assertThat(changed.factors("q").b()).containsExactly(20, 30);
        assertThat(changed.factors("v").a()).containsExactly(50, 60);
        assertThat(changed.factors("v").b()).containsExactly(70);
        assertThat(changed.dense().get("head").values()).containsExactly(80, 90);
        assertThat(changed.sameLayout(adapter)).isTrue();
        assertThat(adapter.flatten()).containsExactly(1, 2, 3, 5, 6, 7, 8, 9);
    }

    @Test
    void flattenAndWithFlatRoundTripOverRandomLayouts() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            TreeMap<String, LoraFactors> lora = new TreeMap<>();
            int matrices = rng.nextInt(1, 5);
            for (int m = 0; m < matrices; m++) {
                int r = rng.nextInt(1, 4);
                int in = rng.nextInt(1, 6);
                int out = rng.nextInt(1, 6);
                lora.put("layer." + m, new LoraFactors(r, in, out, randomFloats(r * in, rng), randomFloats(out * r, rng),
                        rng.nextDouble(1, 32), LoraScaling.values()[rng.nextInt(2)]));
            }
            TreeMap<String, DenseTensor> dense = new TreeMap<>();
            if (rng.nextBoolean()) {
                int rows = rng.nextInt(1, 4);
                int cols = rng.nextInt(1, 4);
                dense.put("head", new DenseTensor(new int[] {rows, cols}, randomFloats(rows * cols, rng)));
            }
            Adapter adapter = new Adapter(lora, dense);

            // Execute
            float[] flat = adapter.flatten();
            Adapter back = adapter.withFlat(flat.clone());

            // Assert
            assertThat(back).as("seed %d", seed).isEqualTo(adapter);
            assertThat(flat).as("seed %d", seed).hasSize((int) adapter.parameterCount());
        }
    }

    @Test
    void byteSizeIsFourBytesPerLoraAndDenseValue() {
        // Prepare: "q" r 4, in 16, out 8 -> 4 * (16 + 8) = 96 values; "v" r 2, in 16, out 16 -> 64 values;
        // dense [3, 2] -> 6 values. 96 + 64 + 6 = 166 values = 664 bytes
        Adapter adapter = new Adapter(
                Map.of("q", LoraFactors.zeros(4, 16, 8, 8, LoraScaling.STANDARD),
                        "v", LoraFactors.zeros(2, 16, 16, 8, LoraScaling.RANK_STABILIZED)),
                Map.of("head", DenseTensor.zeros(3, 2)));

        // Execute / Assert
        assertThat(adapter.parameterCount()).isEqualTo(166);
        assertThat(adapter.byteSize()).isEqualTo(664);
        assertThat(adapter.byteSize()).isEqualTo(adapter.lora().values().stream().mapToLong(LoraFactors::byteSize).sum()
                + adapter.dense().values().stream().mapToLong(DenseTensor::byteSize).sum());
    }

    @Test
    void layoutMismatchesAreNamedAndDescribed() {
        // Prepare
        Adapter reference = twoMatricesAndAHead();
        Adapter otherRank = reference.mapLora((name, f) -> name.equals("v")
                ? LoraFactors.zeros(2, 2, 1, 1, LoraScaling.STANDARD) : f);
        Adapter noHead = reference.withDense(Map.of());

        // Execute / Assert
        assertThat(reference.sameLayout(otherRank)).isFalse();
        assertThat(reference.sameLayout(noHead)).isFalse();
        assertThatThrownBy(() -> reference.requireSameLayout(otherRank, "client 3's adapter"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client 3's adapter does not have the layout")
                .hasMessageContaining("v: r=2 1x2").hasMessageContaining("v: r=1 1x2");
        assertThatThrownBy(() -> reference.requireSameLayout(noHead, "update"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head: [2]");
        assertThatThrownBy(() -> reference.withFlat(new float[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flat adapter vector has 7 values, expected 8");
    }

    @Test
    void rejectsANameUsedTwiceAndUnknownMatrices() {
        // Prepare
        Map<String, LoraFactors> lora = Map.of("x", LoraFactors.zeros(1, 1, 1, 1, LoraScaling.STANDARD));
        Map<String, DenseTensor> dense = Map.of("x", DenseTensor.zeros(1));

        // Execute / Assert
        assertThatThrownBy(() -> new Adapter(lora, dense))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is both");
        assertThatThrownBy(() -> Adapter.ofLora(lora).factors("y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no LoRA matrix named 'y'")
                .hasMessageContaining("[x]");
    }

    private static float[] randomFloats(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
