package org.lorasim.policies.quantization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantizersTest {

    @ParameterizedTest
    @CsvSource({
        "none, FP32, NEAREST, 0",
        "fp32, FP32, NEAREST, 0",
        "FP16, FP16, NEAREST, 0",
        "int8, INT8, NEAREST, 0",
        "int4-stochastic, INT4, STOCHASTIC, 0",
        "nf4, NF4, NEAREST, 64",
        "nf4-stochastic, NF4, STOCHASTIC, 64",
    })
    void namesSelectFormatRoundingAndDefaultGrouping(String name, QuantFormat format, Rounding rounding, int group) {
        // Execute
        Quantizer q = Quantizers.byName(name);

        // Assert
        assertThat(q.format()).isEqualTo(format);
        assertThat(q.rounding()).isEqualTo(rounding);
        assertThat(q.groupSize()).isEqualTo(group);
        assertThat(Quantizers.byName(q.name()).format()).isEqualTo(format);
    }

    @Test
    void fp32IsLosslessAndFourBytesAnEntry() {
        // Prepare
        float[] x = SymmetricIntQuantizerTest.randomMatrix(new SplittableRandom(2), 3, 7);
        x[0] = -0f;
        x[1] = Float.MIN_VALUE;

        // Execute
        QuantizedMatrix q = Quantizers.fp32().quantize(x, 3, 7);

        // Assert: 21 entries * 4 bytes, bit for bit
        assertThat(q.byteSize()).isEqualTo(84);
        assertThat(q.dequantize()).isEqualTo(x);
        assertThat(Float.floatToRawIntBits(q.dequantize()[0])).isEqualTo(Float.floatToRawIntBits(-0f));
    }

    @Test
    void fp16StoresTwoLittleEndianBytesAnEntry() {
        // Prepare: 1.0 is 0x3C00, -2.0 is 0xC000, 0.1 rounds to 0x2E66 (0.0999755859375)
        float[] x = {1f, -2f, 0.1f};

        // Execute
        QuantizedMatrix q = Quantizers.fp16().quantize(x, 1, 3);

        // Assert
        assertThat(q.codes()).containsExactly((byte) 0x00, (byte) 0x3C, (byte) 0x00, (byte) 0xC0, (byte) 0x66, (byte) 0x2E);
        assertThat(q.byteSize()).isEqualTo(6);
        assertThat(q.dequantize()).containsExactly(1f, -2f, 0.0999755859375f);
    }

    @Test
    void badNamesAndCombinationsAreRejected() {
        assertThatThrownBy(() -> Quantizers.byName("int3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'int3'");
        assertThatThrownBy(() -> Quantizers.byName("fp16-stochastic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp16-stochastic");
        assertThatThrownBy(() -> Quantizers.byName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Quantizers.of(QuantFormat.FP16, Rounding.NEAREST, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupSize");
        assertThatThrownBy(() -> Quantizers.fp16().quantize(new float[] {70000f}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[0]").hasMessageContaining("overflows fp16");
        assertThatThrownBy(() -> QuantFormat.fromName(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void quantizedMatrixChecksItsArrays() {
        assertThatThrownBy(() -> new QuantizedMatrix(QuantFormat.INT4, 1, 5, 5, new byte[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 3 bytes, got 2");
        assertThatThrownBy(() -> new QuantizedMatrix(QuantFormat.NF4, 2, 64, 64, new byte[64], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 scales");
        assertThatThrownBy(() -> new QuantizedMatrix(QuantFormat.FP16, 1, 1, 0, new byte[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scales");
        assertThatThrownBy(() -> Quantizers.fp32().quantize(new float[1], 1, 1).code(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FP32");
    }
}
