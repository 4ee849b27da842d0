package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundSpecTest {

    @Test
    void expectedClientsAreSortedAndWaitingForAllMeansKEqualsTheirCount() {
        // Prepare / Execute
        RoundSpec spec = RoundSpec.waitingForAll(2, List.of(7, 3, 5), 100);

        // Assert
        assertThat(spec.expected()).containsExactly(3, 5, 7);
        assertThat(spec.waitFor()).isEqualTo(3);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new RoundSpec(-1, List.of(1), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round");
        assertThatThrownBy(() -> new RoundSpec(0, List.of(1, 1), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new RoundSpec(0, List.of(-2), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client ids must be >= 0");
        assertThatThrownBy(() -> new RoundSpec(0, Arrays.asList(1, null), 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> new RoundSpec(0, List.of(1), -5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> new RoundSpec(0, List.of(1, 2), 10, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitFor").hasMessageContaining("3");
        assertThatThrownBy(() -> new RoundSpec(0, List.of(1), 10, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitFor");
        assertThatThrownBy(() -> new RoundCollector.Update(null, 1, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapter");
        assertThatThrownBy(() -> RoundHarness.update(1, -1, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numExamples");
    }
}
