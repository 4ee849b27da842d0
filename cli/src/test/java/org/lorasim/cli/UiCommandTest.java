package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.ui.Dashboard;

class UiCommandTest {

    /** 8 clients, 5 rounds of 4, system-only. */
    static final String SCENARIO = """
            lorasim {
              run { trainer = cost-model, rounds = 5 }
              clients.count = 8
              rounds.clients-per-round = 4
            }
            """;

    @TempDir
    Path dir;

    @Test
    void whatIsDoneOnThePageIsSavedSoThatLorasimRunReplaysItAndTheFolderReplaysToTheSameFinalPicture() throws IOException {
        Path scenario = Cli.scenario(dir, "live.conf", SCENARIO);
        Path live = dir.resolve("live");
        List<JsonNode> seen;
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--port", "0", "--paused", "--exit-when-done",
                "--speed", "1000", "--out", live.toString())) {
            try (WsPage page = new WsPage(ui.port())) {
                page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
                assertThat(page.control("crash", "\"clients\": [2]").path("ok").asBoolean()).isTrue();
                assertThat(page.control("step-round", "").path("ok").asBoolean()).isTrue();
                page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
                assertThat(page.control("slow-down", "\"clients\": [3], \"factor\": 6").path("ok").asBoolean()).isTrue();
                assertThat(page.control("partition", "\"groups\": [[0, 1]]").path("ok").asBoolean()).isTrue();
                assertThat(page.control("step-round", "").path("ok").asBoolean()).isTrue();
                page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
                assertThat(page.control("heal", "").path("ok").asBoolean()).isTrue();
                assertThat(page.control("set-bandwidth", "\"clients\": [4], \"bandwidth\": 20000").path("ok").asBoolean()).isTrue();
                assertThat(page.control("resume", "").path("ok").asBoolean()).isTrue();
                page.next(m -> m.path("type").asText().equals("finished"));
                seen = page.all();
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        String saved = Files.readString(live.resolve(RunFolder.CONFIG));
        assertThat(saved).contains("mode=virtual").contains("at-time=\"1ns\"").contains("action=crash")
                .contains("action=slow-down").contains("action=partition").contains("action=heal").contains("action=set-link");
        assertThat(Files.readString(live.resolve(RunFolder.EVENTS))).contains("scenario-crash", "scenario-partition",
                "scenario-heal", "scenario-set-link", "scenario-slow-down");

        Path again = dir.resolve("again");
        Cli.Result rerun = Cli.execute("run", live.resolve(RunFolder.CONFIG).toString(), "--out", again.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(withoutWallTime(again.resolve(RunFolder.ROUNDS))).isEqualTo(withoutWallTime(live.resolve(RunFolder.ROUNDS)));
        assertThat(Files.readString(again.resolve(RunFolder.EVENTS))).isEqualTo(Files.readString(live.resolve(RunFolder.EVENTS)));

        List<JsonNode> replayed;
        try (Dashboard replay = Dashboard.replay("127.0.0.1", 0, live); WsPage page = new WsPage(replay.port())) {
            page.next(m -> m.path("type").asText().equals("finished"));
            replayed = page.all();
        }
        assertThat(finalStates(replayed)).isEqualTo(finalStates(seen)).containsEntry(2, "crashed").hasSize(8);
        assertThat(rounds(replayed)).isEqualTo(rounds(seen)).hasSize(5);
        assertThat(startingModel(replayed)).isEqualTo(startingModel(seen)).hasSize(1);
        assertThat(messages(replayed)).as("messages in flight replay from events.jsonl").isEqualTo(messages(seen))
                .hasSizeGreaterThan(20);
        assertThat(linkStates(replayed)).isEqualTo(linkStates(seen)).contains("client-4-up 20000 false false");
    }

    /** The messages as the page draws them in flight: sent, link, ends, arrival, bytes, round; sorted as text. */
    static List<String> messages(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("type").asText().equals("message"))
                .map(m -> m.path("sentAt").asLong() + " " + m.path("link").asText() + " " + m.path("from") + " "
                        + m.path("to") + " " + m.path("arrival") + " " + m.path("bytes") + " " + m.path("round"))
                .sorted().toList();
    }

    /** Each link's last {@code link-state}: name, bandwidth, down, cut. */
    static List<String> linkStates(List<JsonNode> messages) {
        Map<String, String> last = new TreeMap<>();
        messages.stream().filter(m -> m.path("type").asText().equals("link-state"))
                .forEach(m -> last.put(m.path("link").asText(), m.path("link").asText() + " " + m.path("bandwidth") + " "
                        + m.path("down") + " " + m.path("cut")));
        return List.copyOf(last.values());
    }

    @Test
    void aLessonStartedFromThePageStopsTheRunShownAndRunsItsScenarioInItsOwnFolder() throws IOException {
        Path scenario = Cli.scenario(dir, "first.conf", SCENARIO);
        Path first = dir.resolve("first");
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--port", "0", "--paused", "--exit-when-done",
                "--speed", "1000", "--out", first.toString())) {
            try (WsPage page = new WsPage(ui.port())) {
                page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
                assertThat(page.control("start-lesson", "\"lesson\": \"nope\"").path("error").asText())
                        .contains("unknown lesson 'nope'").contains("partition");
                assertThat(page.control("start-lesson", "\"lesson\": \"partition\"").path("ok").asBoolean()).isTrue();
                JsonNode hello = page.next(m -> m.path("type").asText().equals("hello"));
                assertThat(hello.path("title").asText()).isEqualTo("lesson partition");
                assertThat(hello.path("lesson").path("name").asText()).isEqualTo("partition");
                JsonNode graph = page.next(m -> m.path("type").asText().equals("graph"));
                assertThat(graph.path("clients").asInt()).isEqualTo(8);
                assertThat(graph.path("aggregator").asBoolean()).isFalse();
                page.next(m -> m.path("type").asText().equals("partition") && m.path("groups").size() == 1);
                JsonNode finished = page.next(m -> m.path("type").asText().equals("finished"));
                assertThat(finished.path("outcome").asText()).isEqualTo("finished");
                assertThat(finished.path("rounds").asInt()).isEqualTo(30);
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        assertThat(RunJsonFile.outcome(first)).isEqualTo("stopped: lesson partition started from the page");
        Path lesson;
        try (var folders = Files.list(dir)) {
            lesson = folders.filter(f -> f.getFileName().toString().startsWith("lesson-partition-")).findFirst().orElseThrow();
        }
        assertThat(RunJsonFile.outcome(lesson)).isEqualTo("finished");
        assertThat(Files.readString(lesson.resolve(RunFolder.EVENTS))).contains("scenario-partition", "scenario-heal");
        assertThat(Files.readString(lesson.resolve(RunFolder.CONFIG))).contains("dec-lora").contains("mode=virtual");
    }

    /** {@code summary.json}'s outcome in a run folder. */
    private static final class RunJsonFile {
        static String outcome(Path folder) throws IOException {
            return org.lorasim.cli.output.RunJson.MAPPER.readTree(folder.resolve(RunFolder.SUMMARY).toFile())
                    .path("outcome").asText();
        }
    }

    @Test
    void replayRefusesAFolderThatIsNotAFinishedRun() {
        Cli.Result result = Cli.execute("ui", "--replay", dir.toString(), "--exit-when-done");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("not a finished run folder");
    }

    @Test
    void anUnknownLessonIsNamedWithTheLessonsThereAre() {
        Cli.Result result = Cli.execute("ui", "--lesson", "nope", "--exit-when-done");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown lesson 'nope'").contains("stragglers");
    }

    /** Each client's last {@code client-state}; a client never told of is idle, as the page draws it. */
    static Map<Integer, String> finalStates(List<JsonNode> messages) {
        Map<Integer, String> states = new TreeMap<>();
        messages.stream().filter(m -> m.path("type").asText().equals("graph")).findFirst()
                .ifPresent(g -> java.util.stream.IntStream.range(0, g.path("clients").asInt())
                        .forEach(c -> states.put(c, "idle")));
        messages.stream().filter(m -> m.path("type").asText().equals("client-state"))
                .forEach(m -> states.put(m.path("client").asInt(), m.path("state").asText()));
        return states;
    }

    /** The round messages as the page draws them: round, time, accuracy, loss, bytes. */
    static List<String> rounds(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("type").asText().equals("round"))
                .map(m -> m.path("round") + " " + m.path("time") + " " + m.path("accuracy") + " " + m.path("loss")
                        + " " + m.path("bytesUp") + " " + m.path("bytesDown") + " " + m.path("participants"))
                .toList();
    }

    /** The starting-model messages (the model before round 0; not a round), as text. */
    static List<String> startingModel(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("type").asText().equals("starting-model")).map(JsonNode::toString)
                .toList();
    }

    static List<String> withoutWallTime(Path roundsCsv) throws IOException {
        List<String> lines = Files.readAllLines(roundsCsv);
        int wall = List.of(lines.get(0).split(",")).indexOf("wall_millis");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            if (wall >= 0) {
                cells.remove(wall);
            }
            out.add(String.join(",", cells));
        }
        return out;
    }
}
