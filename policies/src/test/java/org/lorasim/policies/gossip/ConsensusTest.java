package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.testing.TestAdapters;

class ConsensusTest {

    @Test
    void meanAndDistanceOfThreeClients() {
        // Prepare: flat vectors (A, B, head) = (3, 0, 6), (0, 3, 0), (6, 6, 3); mean (3, 3, 3)
        List<Adapter> adapters = List.of(
                TestAdapters.scalar(3, 0, 6), TestAdapters.scalar(0, 3, 0), TestAdapters.scalar(6, 6, 3));

        // Execute
        Adapter mean = Consensus.mean(adapters);
        double distance = Consensus.distance(adapters);

        // Assert: deviations (0, -3, 3), (-3, 0, -3), (3, 3, 0): 18 each, (18 + 18 + 18) / 3 = 18
        assertThat(mean.flatten()).containsExactly(3, 3, 3);
        assertThat(distance).isCloseTo(18, within(1e-12));
    }

    @Test
    void identicalAdaptersAreInConsensus() {
        // Prepare
        Adapter a = TestAdapters.scalar(1.5f, -2, 7);

        // Execute / Assert
        assertThat(Consensus.distance(List.of(a, a, a))).isZero();
        assertThat(Consensus.distance(List.of(a))).isZero();
    }

    @Test
    void rejectsEmptyListsAndMixedLayouts() {
        Adapter rank2 = Adapter.ofLora(Map.of("w", new LoraFactors(2, 1, 1, new float[2], new float[2], 1, LoraScaling.STANDARD)));
        assertThatThrownBy(() -> Consensus.distance(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapters must not be empty");
        assertThatThrownBy(() -> Consensus.mean(List.of(TestAdapters.scalar(1, 1, 1), rank2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapter 1 does not have the layout");
    }
}
