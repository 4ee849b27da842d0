package org.lorasim.actors.systemonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;

class TrainingOutcomeTest {

    @Test
    void aRealOutcomeIsLabelledTrainedAndReturnsItsAdapter() {
        // Prepare
        Adapter trained = SyntheticAdapters.tinyAdapter();

        // Execute
        TrainingOutcome outcome = new TrainingOutcome(false, trained, null, List.of(0.9, 0.5), 4, 40, 100, 1.0);

        // Assert
        assertThat(outcome.label()).isEqualTo("trained");
        assertThat(outcome.adapterFrom(null, null)).isSameAs(trained);
        assertThat(outcome.meanLoss()).isEqualTo(0.7); // (0.9 + 0.5) / 2
        assertThat(outcome.finalLoss()).isEqualTo(0.5);
    }

    @Test
    void syntheticAndRealOutcomesMustCarryTheMatchingPayload() {
        Adapter a = SyntheticAdapters.tinyAdapter();
        SyntheticUpdate u = new SyntheticUpdate(1, 0.1);
        assertThatThrownBy(() -> new TrainingOutcome(true, a, null, List.of(1.0), 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synthetic outcome");
        assertThatThrownBy(() -> new TrainingOutcome(false, null, u, List.of(1.0), 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real outcome");
        assertThatThrownBy(() -> new TrainingOutcome(true, null, u, List.of(), 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step losses");
        assertThatThrownBy(() -> new TrainingOutcome(true, null, u, List.of(1.0), 1, 1, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compute seconds");
    }
}
