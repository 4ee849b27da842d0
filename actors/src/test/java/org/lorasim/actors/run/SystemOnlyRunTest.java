package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
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

    @Test
    void aSystemOnlyRunWithAdaptersLargerThanTheNoisePoolFinishes() {
        // Prepare: rank 128 on all six targets of six layers is 5.3 million values, the noise pool 4.2 million
        // (rank 256, 10.6 million, runs from the command line; here every message is also serialized, and a
        // message with two such adapters would pass lorasim.serialization.max-bytes)
        RecordingListener listener = new RecordingListener();
        Config config = Scenarios.systemOnly(2, 1,
                "lorasim.model { rank = 128, targets = [query, key, value, output, in, out] }");

        // Execute
        RunSummary summary = Simulation.run(config, listener, null);

        // Assert: every client sends its whole adapter, 4 bytes a value, up
        assertThat(summary.outcome()).isEqualTo("finished");
        assertThat(listener.rounds).hasSize(1);
        assertThat(listener.rounds.get(0).participants()).isEqualTo(2);
        assertThat(summary.bytesUp()).isGreaterThan(2 * 4L * 5_300_000);
    }
}
