package org.lorasim.policies.quantization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

class QuantizedAdapterTest {

    /** One LoRA matrix q (r=3, in=5, out=4) and a head of shape [2, 5]. */
    private static Adapter sample(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LoraFactors q = new LoraFactors(3, 5, 4, SymmetricIntQuantizerTest.randomMatrix(rng, 3, 5),
                SymmetricIntQuantizerTest.randomMatrix(rng, 4, 3), 16, LoraScaling.STANDARD);
        DenseTensor head = new DenseTensor(new int[] {2, 5}, SymmetricIntQuantizerTest.randomMatrix(rng, 2, 5));
        return new Adapter(Map.of("q", q), Map.of("head", head));
    }

    @Test
    void byteCountsAreExactForEachFormat() {
        // Prepare: A 3x5 (15 entries, 3 rows), B 4x3 (12 entries, 4 rows), head 2x5 (10 entries, 2 rows)
        Adapter adapter = sample(1);

        // Execute / Assert
        // fp32: 37 * 4 = 148 = adapter.byteSize()
        assertThat(QuantizedAdapter.byteSize(adapter, Quantizers.fp32())).isEqualTo(148).isEqualTo(adapter.byteSize());
        // fp16: 37 * 2 = 74
        assertThat(QuantizedAdapter.byteSize(adapter, Quantizers.fp16())).isEqualTo(74);
        // int8 per row: 37 code bytes + (3 + 4 + 2) scales * 4 = 73
        assertThat(QuantizedAdapter.byteSize(adapter, Quantizers.byName("int8"))).isEqualTo(73);
        // int4 per row: ceil(15/2) + ceil(12/2) + ceil(10/2) = 8 + 6 + 5 = 19 code bytes + 36 = 55
        assertThat(QuantizedAdapter.byteSize(adapter, Quantizers.byName("int4"))).isEqualTo(55);
        // nf4 block 64: 19 code bytes + one block per tensor, 3 * 4 = 31
        assertThat(QuantizedAdapter.byteSize(adapter, Quantizers.byName("nf4"))).isEqualTo(31);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "fp16", "int8", "int4", "nf4", "int8-stochastic", "nf4-stochastic"})
    void quantizedMessagesKeepLayoutAndPredictedSize(String name) {
        Quantizer quantizer = Quantizers.byName(name);
        for (long seed = 0; seed < 20; seed++) {
            // Prepare
            Adapter adapter = sample(seed);

            // Execute
            QuantizedAdapter message = QuantizedAdapter.quantize(adapter, quantizer, new SplittableRandom(seed));
            Adapter received = message.dequantize();

            // Assert
            assertThat(message.byteSize()).isEqualTo(QuantizedAdapter.byteSize(adapter, quantizer));
            assertThat(received.sameLayout(adapter)).isTrue();
            assertThat(received.factors("q").alpha()).isEqualTo(16);
            if (name.equals("none")) {
                assertThat(received).isEqualTo(adapter);
            }
            float[] sent = adapter.flatten();
            float[] got = received.flatten();
            double absmax = 0;
            for (float v : sent) {
                absmax = Math.max(absmax, Math.abs(v));
            }
            for (int i = 0; i < sent.length; i++) {
                // the loosest bound among these formats is NF4 stochastic: below one gap, <= 2 * 0.1519 * absmax
                assertThat(Math.abs((double) sent[i] - got[i])).isLessThanOrEqualTo(absmax * 2 * Nf4Levels.MAX_HALF_GAP + Math.ulp((float) absmax));
            }
        }
    }

    @Test
    void stochasticMessagesAreReproducibleFromTheSeed() {
        // Prepare
        Adapter adapter = sample(3);
        Quantizer quantizer = Quantizers.byName("int4-stochastic");

        // Execute
        Adapter first = QuantizedAdapter.roundTrip(adapter, quantizer, new SplittableRandom(5));
        Adapter again = QuantizedAdapter.roundTrip(adapter, quantizer, new SplittableRandom(5));

        // Assert
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> QuantizedAdapter.quantize(adapter, quantizer, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rng");
    }

    @Test
    void oneDimensionalTensorsAreASingleRow() {
        // Prepare: a bias of 6 values -> one 1x6 row -> int8: 6 code bytes + one scale
        Adapter adapter = new Adapter(Map.of(), Map.of("bias", new DenseTensor(new int[] {6}, new float[] {1, 2, 3, 4, 5, 6})));

        // Execute
        QuantizedAdapter message = QuantizedAdapter.quantize(adapter, Quantizers.byName("int8"), null);

        // Assert
        assertThat(message.dense().get("bias").values().rows()).isEqualTo(1);
        assertThat(message.byteSize()).isEqualTo(10);
        assertThat(message.dequantize().dense().get("bias").shape()).containsExactly(6);
    }
}
