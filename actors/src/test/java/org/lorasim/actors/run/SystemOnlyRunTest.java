package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemOnlyRunTest {

    @Test
    void aSystemOnlyRunFinishesEveryRoundAndSaysItIsSynthetic() {
        // Prepare
        RecordingListener listener = new RecordingListener();

        // Execute
        RunSummary summary = Simulation.run(Scenarios.systemOnly(20, 3, "lorasim.rounds.clients-per-round = 5"),
                listener, null);

        // Assert
        assertThat(summary.outcome()).isEqualTo("finished");
        assertThat(summary.synthetic()).isTrue();
        assertThat(listener.rounds).hasSize(3);
        assertThat(listener.rounds).allSatisfy(r -> {
            assertThat(r.synthetic()).isTrue();
            assertThat(r.sampled()).isEqualTo(5);
            assertThat(r.participants()).isEqualTo(5);
            assertThat(r.bytesUp()).isPositive();
            assertThat(r.bytesDown()).isPositive();
            assertThat(r.accuracy()).isNaN();
        });
        assertThat(listener.rounds.get(2).simTimeNanos()).isGreaterThan(listener.rounds.get(0).simTimeNanos());
        assertThat(listener.rounds.stream().map(RoundRecord::checksum).distinct()).hasSize(3);
    }
}
