package org.lorasim.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default scenario's cost-model twin (same clients, compute profiles, deadline, events and seed;
 * only the trainer is FAKE, which leaves every simulated duration as it is): its straggler group, clients 9 to
 * 11, really misses the round deadline whenever it is sampled, which the README and application.conf say.
 */
class DefaultScenarioStragglersTest {

    @TempDir
    Path dir;

    @Test
    void clientsNineToElevenAreLateInEveryRoundTheyAreSampledAndNobodyElseIsExceptTheCrashedClient()
            throws IOException {
        // Execute
        Path out = dir.resolve("twin");
        Cli.Result result = Cli.execute("run", "--set", "lorasim.run.trainer=cost-model", "--out", out.toString());

        // Assert
        assertThat(result.code()).as(result.err()).isZero();
        List<String[]> rows = Files.readAllLines(out.resolve("participation.csv")).stream().skip(1)
                .map(line -> line.split(",")).toList();
        List<String[]> stragglerGroup = rows.stream().filter(r -> Integer.parseInt(r[1]) >= 9).toList();
        assertThat(stragglerGroup).isNotEmpty().allSatisfy(r -> assertThat(r[2]).isNotEqualTo("took-part"));
        assertThat(rows.stream().filter(r -> Integer.parseInt(r[1]) < 9 && !r[2].equals("took-part")))
                .allSatisfy(r -> assertThat(r[1]).isEqualTo("5"));
        assertThat(rows.stream().filter(r -> Integer.parseInt(r[1]) < 9 && !r[1].equals("5")))
                .isNotEmpty().allSatisfy(r -> assertThat(r[2]).isEqualTo("took-part"));
    }
}
