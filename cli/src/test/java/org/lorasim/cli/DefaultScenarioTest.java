package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default scenario ({@code application.conf}, what {@code ./lorasim run} runs) does what the README and
 * the file's own comment say, checked on its cost-model twin: the same clients, profiles, deadline, sampling
 * and events with {@code lorasim.run.trainer = cost-model}, whose simulated times are those of the trained run
 * (both time training by the same FLOP model), in a second.
 */
class DefaultScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Integer> SLOWED = List.of(9, 10, 11);
    private static final int CRASHING = 5;
    private static final long DEADLINE_NANOS = 500_000_000L;
    private static final long RECOVER_AFTER_NANOS = 1_000_000_000L;

    @TempDir
    static Path dir;
    static Path out;
    static List<Map<String, String>> rounds;
    static Map<Integer, Map<Integer, String>> status;
    static List<JsonNode> events;

    @BeforeAll
    static void runTheTwin() throws IOException {
        out = dir.resolve("default-twin");
        Cli.Result result = Cli.execute("run", "--set", "lorasim.run.trainer=cost-model", "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        rounds = csv(out.resolve("rounds.csv")).stream().filter(r -> !r.get("round").equals("-1")).toList();
        status = new TreeMap<>();
        for (Map<String, String> row : csv(out.resolve("participation.csv"))) {
            status.computeIfAbsent(Integer.parseInt(row.get("round")), k -> new TreeMap<>())
                    .put(Integer.parseInt(row.get("client")), row.get("status"));
        }
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
    }

    @Test
    void twelveClientsSixSampledPerRoundSixRoundsOfFedIt() throws IOException {
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("algorithm").asText()).isEqualTo("fedit");
        assertThat(summary.get("outcome").asText()).isEqualTo("finished");
        assertThat(rounds).hasSize(6).allSatisfy(r -> assertThat(r.get("sampled")).isEqualTo("6"));
        assertThat(status).hasSize(6).allSatisfy((round, clients) -> assertThat(clients).hasSize(12));
    }

    @Test
    void theSlowedClientsMissTheDeadlineEveryTimeTheyAreAsked() {
        int asked = 0;
        for (Map.Entry<Integer, Map<Integer, String>> round : status.entrySet()) {
            for (int c : SLOWED) {
                String s = round.getValue().get(c);
                if (!s.equals("not-sampled")) {
                    asked++;
                    assertThat(s).as("client %d in round %d", c, round.getKey()).isEqualTo("late");
                }
            }
        }
        assertThat(asked).as("the slowed clients were asked at least three times").isGreaterThanOrEqualTo(3);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("scenario-slow-down");
            assertThat(e.get("round").asInt()).isZero();
        });
    }

    @Test
    void everyOtherClientThatIsUpTakesPartInTime() {
        status.forEach((round, clients) -> clients.forEach((c, s) -> {
            if (!SLOWED.contains(c) && !s.equals("not-sampled") && !(c == CRASHING && s.equals("crashed"))) {
                assertThat(s).as("client %d in round %d", c, round).isEqualTo("took-part");
            }
        }));
    }

    @Test
    void aRoundWithALateClientLastsExactlyTheDeadlineAndCountsItAsAStraggler() {
        long previousEnd = 0;
        for (Map<String, String> r : rounds) {
            long end = Long.parseLong(r.get("sim_time_nanos"));
            int round = Integer.parseInt(r.get("round"));
            long late = status.get(round).values().stream().filter(s -> s.equals("late")).count();
            long down = status.get(round).values().stream().filter(s -> s.equals("crashed")).count();
            assertThat(Long.parseLong(r.get("stragglers"))).as("round %d", round).isEqualTo(late);
            assertThat(Long.parseLong(r.get("failures"))).as("round %d", round).isEqualTo(down);
            if (late + down > 0) {
                assertThat(end - previousEnd).as("round %d", round).isEqualTo(DEADLINE_NANOS);
            } else {
                assertThat(end - previousEnd).as("round %d", round).isLessThan(DEADLINE_NANOS);
            }
            previousEnd = end;
        }
    }

    @Test
    void clientFiveCrashesWhenRoundTwoStartsIsCountedAsAFailureAndComesBackOneSecondLater() {
        long roundTwoStart = Long.parseLong(rounds.get(1).get("sim_time_nanos"));
        JsonNode crashed = events.stream().filter(e -> e.get("kind").asText().equals("client-crashed")).findFirst()
                .orElseThrow();
        JsonNode recovered = events.stream().filter(e -> e.get("kind").asText().equals("client-recovered"))
                .findFirst().orElseThrow();
        assertThat(crashed.get("subject").asText()).isEqualTo("client-" + CRASHING);
        assertThat(crashed.get("time_nanos").asLong()).isEqualTo(roundTwoStart);
        assertThat(recovered.get("time_nanos").asLong() - roundTwoStart).isEqualTo(RECOVER_AFTER_NANOS);
        assertThat(status.get(2).get(CRASHING)).isEqualTo("crashed");
        assertThat(Integer.parseInt(rounds.get(2).get("failures"))).isGreaterThanOrEqualTo(1);
        long recoveredAt = recovered.get("time_nanos").asLong();
        boolean backLater = false;
        for (int round = 3; round < rounds.size(); round++) {
            long start = Long.parseLong(rounds.get(round - 1).get("sim_time_nanos"));
            if (start >= recoveredAt && status.get(round).get(CRASHING).equals("took-part")) {
                backLater = true;
            }
        }
        assertThat(backLater).as("client 5 takes part again after it recovered").isTrue();
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
