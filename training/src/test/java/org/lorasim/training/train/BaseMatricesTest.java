package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.training.model.BertEncoder;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.MiniLmFixture;

class BaseMatricesTest {
    @Test
    void namesMatchTheEncoderAndMapToWeightsOfTheRightShape() {
        // Prepare
        MiniLmConfig c = MiniLmFixture.WEIGHTS.config();

        // Execute
        List<String> names = BaseMatrices.matrixNames(c);

        // Assert: 6 layers x 6 matrices; every name is an encoder matrix; ffn.in is [1536, 384] as [out, in]
        assertThat(names).hasSize(36).startsWith("layer.0.attention.query", "layer.0.attention.key");
        try (BertEncoder encoder = new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.none(), new SplittableRandom(1))) {
            assertThat(names).containsExactlyInAnyOrderElementsOf(encoder.matrixNames());
        }
        assertThat(BaseMatrices.weightName("layer.2.ffn.in")).isEqualTo("encoder.layer.2.intermediate.dense.weight");
        assertThat(MiniLmFixture.WEIGHTS.get(BaseMatrices.weightName("layer.2.ffn.in")).getShape().getShape())
                .containsExactly(1536, 384);
        assertThat(BaseMatrices.weightName("layer.5.attention.output"))
                .isEqualTo("encoder.layer.5.attention.output.dense.weight");
        assertThat(BaseMatrices.layerOf("layer.4.ffn.out")).isEqualTo(4);
    }

    @Test
    void rejectsNamesThatAreNoMatrix() {
        assertThatThrownBy(() -> BaseMatrices.weightName("layer.0.attention.self.query"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer.0.attention.self.query");
    }
}
