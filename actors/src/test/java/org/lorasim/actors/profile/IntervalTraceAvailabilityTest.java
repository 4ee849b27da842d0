package org.lorasim.actors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalTraceAvailabilityTest {
    private static final long S = 1_000_000_000L;

    @Test
    void availableInsideHalfOpenIntervals() {
        // Prepare: client 0 on [10 s, 20 s) and [30 s, 40.5 s); client 1 on [0, 5 s) and [4 s, 8 s) = [0, 8 s)
        String csv = """
                client,start,end
                0,30,40.5
                0,10,20
                1,0,5
                1,4,8
                """;

        // Execute
        IntervalTrace trace = IntervalTrace.parse(new StringReader(csv), "trace.csv", false);

        // Assert
        assertThat(trace.availableAt(0, 0, 9 * S)).isFalse();
        assertThat(trace.availableAt(0, 0, 10 * S)).isTrue();
        assertThat(trace.availableAt(0, 0, 20 * S - 1)).isTrue();
        assertThat(trace.availableAt(0, 0, 20 * S)).isFalse();
        assertThat(trace.availableAt(0, 0, 25 * S)).isFalse();
        assertThat(trace.availableAt(0, 0, 40 * S + S / 2 - 1)).isTrue();
        assertThat(trace.availableAt(0, 0, 40 * S + S / 2)).isFalse();
        assertThat(trace.availableAt(1, 0, 0)).isTrue();
        assertThat(trace.availableAt(1, 0, 6 * S)).isTrue();
        assertThat(trace.availableAt(1, 0, 8 * S)).isFalse();
        assertThat(trace.clients()).containsExactly(0, 1);
    }

    @Test
    void missingClientsFollowTheFlag(@TempDir Path dir) throws Exception {
        // Prepare
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, "client,start,end\n4,1,2\n");

        // Execute
        IntervalTrace never = IntervalTrace.read(file, false);
        IntervalTrace always = IntervalTrace.read(file, true);

        // Assert
        assertThat(never.availableAt(5, 0, S)).isFalse();
        assertThat(always.availableAt(5, 0, S)).isTrue();
        assertThat(always.availableAt(4, 0, 3 * S)).isFalse();
    }

    @Test
    void lookupMatchesALinearScanOverRandomIntervals() {
        for (int seed = 0; seed < 50; seed++) {
            // Prepare
            SplittableRandom rng = new SplittableRandom(seed);
            List<long[]> raw = new ArrayList<>();
            for (int i = 0; i < 1 + rng.nextInt(10); i++) {
                long start = rng.nextLong(1000);
                raw.add(new long[] {start, start + 1 + rng.nextLong(100)});
            }
            IntervalTrace trace = new IntervalTrace(Map.of(0, raw), false);

            // Execute / Assert
            for (long t = 0; t < 1200; t++) {
                long time = t;
                boolean expected = raw.stream().anyMatch(iv -> iv[0] <= time && time < iv[1]);
                assertThat(trace.availableAt(0, 0, t)).as("seed %d, t %d", seed, t).isEqualTo(expected);
            }
        }
    }

    @Test
    void badRowsNameFileAndLine() {
        String header = "client,start,end\n";
        assertThatThrownBy(() -> IntervalTrace.parse(new StringReader(header + "0,1,2\n0,5,5\n"), "t.csv", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv:3:").hasMessageContaining("end must be > start");
        assertThatThrownBy(() -> IntervalTrace.parse(new StringReader(header + "0,-1,2\n"), "t.csv", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv:2:").hasMessageContaining("start must be >= 0");
        assertThatThrownBy(() -> IntervalTrace.parse(new StringReader(header + "0,1,2\n\n-3,1,2\n"), "t.csv", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv:4:").hasMessageContaining("client");
        assertThatThrownBy(() -> IntervalTrace.parse(new StringReader("client,begin,end\n0,1,2\n"), "t.csv", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t.csv:1:").hasMessageContaining("unknown column 'begin'");
        assertThatThrownBy(() -> IntervalTrace.read(Path.of("/nonexistent/trace.csv"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/trace.csv");
    }
}
