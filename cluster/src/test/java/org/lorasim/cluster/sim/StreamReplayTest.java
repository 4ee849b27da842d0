package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;

/** What the submitter passes on of an attempt started again after its coordinator node was lost. */
class StreamReplayTest {

    private static RoundRecord round(int round, long wallMillis, String checksum) {
        return new RoundRecord(round, 1_000L * (round + 1), wallMillis, 0.5, Double.NaN, Double.NaN, Double.NaN,
                10, 20, 0, 4, 4, 0, 0, Double.NaN, checksum, true);
    }

    private static List<Boolean> pass(StreamReplay replay, Streamed... items) {
        return java.util.Arrays.stream(items).map(replay::pass).toList();
    }

    @Test
    void aReplayedAttemptPassesOnlyWhatTheLostOneHadNotPassedWallTimesAside() {
        // Setup
        StreamReplay replay = new StreamReplay();
        RunEvent crash = new RunEvent(1_500, 1, "client-crashed", "client-2", "crash-stop");
        pass(replay, new Streamed.Round(round(0, 7, "a")), new Streamed.Event(crash));

        // Execute
        replay.newAttempt();
        List<Boolean> passed = pass(replay, new Streamed.Round(round(0, 99, "a")), new Streamed.Event(crash),
                new Streamed.Round(round(1, 5, "b")));

        // Assert
        assertThat(passed).containsExactly(false, false, true);
        assertThat(replay.lastRound().round()).isEqualTo(1);
        assertThat(replay.lastTime()).isEqualTo(2_000);
    }

    @Test
    void aReplayThatDiffersFromWhatWasWrittenFailsNamingTheRecord() {
        // Setup
        StreamReplay replay = new StreamReplay();
        pass(replay, new Streamed.Round(round(0, 7, "a")), new Streamed.Round(round(1, 7, "b")));
        replay.newAttempt();
        pass(replay, new Streamed.Round(round(0, 8, "a")));

        // Execute / Assert
        assertThatThrownBy(() -> replay.pass(new Streamed.Round(round(1, 8, "c"))))
                .isInstanceOf(StreamReplay.Diverged.class)
                .hasMessageContaining("round 1's record").hasMessageContaining("deterministic");
    }
}
