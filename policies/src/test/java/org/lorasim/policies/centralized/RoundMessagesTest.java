package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.testing.TestAdapters;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundMessagesTest {

    @Test
    void clientRanksComeFromMatrixRanksThenRankThenTheGlobal() {
        // Prepare: global "layer.0.query" r=2, "layer.0.value" r=1
        Adapter global = TestAdapters.randomTwoMatrices(new java.util.SplittableRandom(0));

        // Execute
        Map<String, Integer> byGlobal = ClientInfo.of(1, 1).ranksFor(global);
        Map<String, Integer> byRank = ClientInfo.ofRank(1, 1, 5).ranksFor(global);
        Map<String, Integer> mixed = new ClientInfo(1, 1, 5, Map.of("layer.0.value", 3)).ranksFor(global);

        // Assert
        assertThat(byGlobal).isEqualTo(Map.of("layer.0.query", 2, "layer.0.value", 1));
        assertThat(byRank).containsEntry("layer.0.query", 5).containsEntry("layer.0.value", 5);
        assertThat(mixed).containsEntry("layer.0.query", 5).containsEntry("layer.0.value", 3);
    }

    @Test
    void theFiveArgumentInstructionTrainsOnTheFullPrecisionBase() {
        // Prepare
        Adapter a = TestAdapters.scalar(1, 1, 1);

        // Execute
        ClientInstruction plain = new ClientInstruction(3, a, 0, null, 2);
        ClientInstruction quantized = new ClientInstruction(3, a, 0, null, 2, "nf4");

        // Assert
        assertThat(plain.basePrecision()).isEqualTo("fp32").isEqualTo(ClientInstruction.FULL_PRECISION);
        assertThat(quantized.basePrecision()).isEqualTo("nf4");
        assertThat(quantized).isNotEqualTo(plain);
    }

    @Test
    void inconsistentMessagesAreRejected() {
        Adapter a = TestAdapters.scalar(1, 1, 1);
        assertThatThrownBy(() -> new ClientInstruction(3, a, 0.1, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 3").hasMessageContaining("anchor");
        assertThatThrownBy(() -> new ClientInstruction(3, a, 0.0, a, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anchor");
        assertThatThrownBy(() -> new ClientInstruction(3, a, -1, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proximal mu");
        assertThatThrownBy(() -> new ClientUpdate(4, a, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numExamples of client 4");
        assertThatThrownBy(() -> new ClientUpdate(4, a, 1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleness of client 4");
        assertThatThrownBy(() -> ClientInfo.of(5, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numExamples of client 5");
        assertThatThrownBy(() -> new ClientInfo(5, 1, 0, Map.of("q", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank of 'q' of client 5");
        ClientInstruction i = new ClientInstruction(6, a, 0, null, 1);
        assertThatThrownBy(() -> new RoundPlan(2, List.of(i, i)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 6 is instructed twice");
        assertThatThrownBy(() -> new ClientInstruction(7, a, 0, null, 1, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base precision of client 7");
        assertThatThrownBy(() -> new ClientInstruction(7, a, 0, null, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base precision of client 7");
        assertThatThrownBy(() -> new GlobalState(-1, a, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round");
    }
}
