package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.cli.output.ClusterFiles;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cluster.launch.LocalNodes;
import org.lorasim.cluster.node.NodeRole;

/**
 * {@code lorasim ui --local-nodes 2}: a system-only run on two real node JVMs on loopback (coordinator; clients,
 * trainer), shown by the dashboard in this JVM from the callbacks the coordinator node streams back, and steered
 * from the page: the page's pause, steps and resume act on the clock on the coordinator node, a crash taken on the
 * page reaches the run there (and what it makes happen reaches the page while the run stays paused), and the run
 * folder written here equals, wall times aside, the one-JVM run of the scenario the page saved.
 */
class UiOnClusterTest {

    @TempDir
    Path dir;

    @Test
    void aRunOnNodeJvmsIsDrawnFromWhatItsCoordinatorStreamsAndItsClockThereObeysThePage() throws IOException {
        Path scenario = Cli.scenario(dir, "live.conf", UiCommandTest.SCENARIO);
        Path live = dir.resolve("live");
        List<JsonNode> whilePaused;
        long stepped;
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--local-nodes", "2", "--port", "0", "--paused",
                "--exit-when-done", "--speed", "1000", "--out", live.toString())) {
            try (WsPage page = new WsPage(ui.port())) {
                JsonNode hello = page.next(m -> type(m, "hello"));
                assertThat(hello.path("where").asText()).startsWith("2 local node JVMs, 127.0.0.1:");
                page.next(m -> type(m, "clock") && m.path("paused").asBoolean());
                assertThat(page.all()).filteredOn(m -> type(m, "graph")).singleElement()
                        .satisfies(g -> assertThat(g.path("clients").asInt()).isEqualTo(8));

                JsonNode crash = page.control("crash", "\"clients\": [2]");
                assertThat(crash.path("ok").asBoolean()).as(crash.toString()).isTrue();
                assertThat(crash.path("time").asLong()).isEqualTo(1);
                assertThat(page.control("step-round", "").path("ok").asBoolean()).isTrue();
                page.next(m -> type(m, "clock") && m.path("paused").asBoolean() && m.path("time").asLong() > 0);
                for (String[] action : new String[][]{{"slow-down", "\"clients\": [3], \"factor\": 6"},
                        {"partition", "\"groups\": [[0, 1]]"}, {"link-down", "\"clients\": [5]"},
                        {"set-bandwidth", "\"clients\": [4], \"bandwidth\": 20000"},
                        {"crash-aggregator", "\"recoverAfter\": 0.5"}}) {
                    JsonNode reply = page.control(action[0], action[1]);
                    assertThat(reply.path("ok").asBoolean()).as(action[0] + ": " + reply).isTrue();
                }
                assertThat(page.control("speed", "\"speed\": 2000").path("ok").asBoolean()).isTrue();
                assertThat(latestClock(page.all()).path("speed").asDouble()).isEqualTo(2000);
                assertThat(page.control("step-round", "").path("ok").asBoolean()).isTrue();
                page.next(m -> type(m, "clock") && m.path("paused").asBoolean());
                assertThat(page.control("heal", "").path("ok").asBoolean()).isTrue();
                assertThat(page.control("resume", "").path("ok").asBoolean()).isTrue();
                page.next(m -> type(m, "round"));

                assertThat(page.control("pause", "").path("ok").asBoolean()).isTrue();
                long pausedAt = latestClock(page.all()).path("time").asLong();
                assertThat(latestClock(page.all()).path("paused").asBoolean()).isTrue();
                long crashedAt = page.control("crash", "\"clients\": [6]").path("time").asLong();
                assertThat(crashedAt).isEqualTo(pausedAt + 1);
                assertThat(page.control("step-event", "").path("ok").asBoolean()).isTrue();
                page.next(m -> type(m, "event") && m.path("kind").asText().equals("scenario-crash")
                        && m.path("time").asLong() == crashedAt);
                long first = clockPast(page, pausedAt);
                assertThat(first).as("a step releases the next simulated time: the crash's").isEqualTo(crashedAt);
                assertThat(page.control("step-event", "").path("ok").asBoolean()).isTrue();
                stepped = clockPast(page, first);
                whilePaused = page.all();

                assertThat(page.control("resume", "").path("ok").asBoolean()).isTrue();
                JsonNode finished = page.next(m -> type(m, "finished"));
                assertThat(finished.path("outcome").asText()).isEqualTo("finished");
                assertThat(finished.path("rounds").asInt()).isEqualTo(5);
                assertThat(page.control("pause", "").path("error").asText()).contains("the run has finished");
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        assertThat(latestTime(whilePaused)).as("nothing happened past the time released by the last step while paused"
                + " (at speed 1000 a running clock would have run on)").isLessThanOrEqualTo(stepped);
        assertThat(Files.readString(live.resolve(RunFolder.CONFIG))).contains("action=crash").contains("mode=virtual");
        assertThat(Files.readString(live.resolve(RunFolder.EVENTS))).contains("scenario-crash", "scenario-slow-down",
                "scenario-partition", "scenario-link-down", "scenario-set-link", "scenario-crash-aggregator",
                "scenario-heal");
        assertThat(live.resolve(ClusterFiles.CSV)).isRegularFile();
        assertThat(live.resolve("nodes").resolve("node-1.log")).isRegularFile();

        Path oneJvm = dir.resolve("one-jvm");
        Cli.Result rerun = Cli.execute("run", live.resolve(RunFolder.CONFIG).toString(), "--out", oneJvm.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(UiCommandTest.withoutWallTime(live.resolve(RunFolder.ROUNDS)))
                .isEqualTo(UiCommandTest.withoutWallTime(oneJvm.resolve(RunFolder.ROUNDS))).hasSizeGreaterThan(5);
        assertThat(Files.readString(live.resolve(RunFolder.EVENTS)))
                .isEqualTo(Files.readString(oneJvm.resolve(RunFolder.EVENTS)));
    }

    @Test
    void aLessonStartedFromThePageStopsTheRunOnTheClusterAndRunsThereNext() throws IOException {
        Path scenario = Cli.scenario(dir, "first.conf", UiCommandTest.SCENARIO);
        Path first = dir.resolve("first");
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--local-nodes", "1", "--port", "0", "--paused",
                "--exit-when-done", "--speed", "1000", "--out", first.toString())) {
            try (WsPage page = new WsPage(ui.port())) {
                page.next(m -> type(m, "clock") && m.path("paused").asBoolean());
                assertThat(page.control("start-lesson", "\"lesson\": \"stragglers\"").path("ok").asBoolean()).isTrue();
                JsonNode hello = page.next(m -> type(m, "hello"));
                assertThat(hello.path("title").asText()).isEqualTo("lesson stragglers");
                assertThat(hello.path("where").asText()).startsWith("1 local node JVM, 127.0.0.1:");
                page.next(m -> type(m, "round-started"));
                JsonNode finished = page.next(m -> type(m, "finished"));
                assertThat(finished.path("outcome").asText()).isEqualTo("finished");
                assertThat(finished.path("rounds").asInt()).isEqualTo(40);
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        assertThat(outcome(first)).isEqualTo("stopped: lesson stragglers started from the page");
        try (var folders = Files.list(dir)) {
            Path lesson = folders.filter(f -> f.getFileName().toString().startsWith("lesson-stragglers-")).findFirst()
                    .orElseThrow();
            assertThat(outcome(lesson)).isEqualTo("finished");
            assertThat(lesson.resolve(ClusterFiles.JSON)).isRegularFile();
        }
    }

    @Test
    void aCoordinatorNodeLostAfterAnActionOnThePageIsSurvivedAndTheNextAttemptReplaysTheAction() throws IOException {
        Path scenario = Cli.scenario(dir, "lost.conf", UiCommandTest.SCENARIO);
        Path live = dir.resolve("live");
        try (LocalNodes nodes = LocalNodes.builder(dir.resolve("nodes")).node(Set.of(NodeRole.COORDINATOR))
                .node(Set.of(NodeRole.COORDINATOR, NodeRole.CLIENTS, NodeRole.TRAINER))
                .node(Set.of(NodeRole.CLIENTS, NodeRole.TRAINER)).start();
             UiRun ui = new UiRun("ui", scenario.toString(), "--cluster", nodes.node(0).asSeed().toString(), "--port",
                     "0", "--paused", "--exit-when-done", "--speed", "20", "--out", live.toString())) {
            try (WsPage page = new WsPage(ui.port())) {
                page.next(m -> type(m, "clock") && m.path("paused").asBoolean());
                assertThat(page.control("heal", "").path("time").asLong()).isEqualTo(1);
                assertThat(page.control("resume", "").path("ok").asBoolean()).isTrue();
                page.next(m -> type(m, "round"));
                nodes.kill(0);
                JsonNode lost = page.next(m -> type(m, "event") && m.path("kind").asText().equals("coordinator-lost"));
                assertThat(lost.path("subject").asText()).isEqualTo(nodes.node(0).asSeed().address("lorasim"));
                JsonNode finished = page.next(m -> type(m, "finished"));
                assertThat(finished.path("outcome").asText()).isEqualTo("finished");
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        Path oneJvm = dir.resolve("one-jvm");
        Cli.Result rerun = Cli.execute("run", live.resolve(RunFolder.CONFIG).toString(), "--out", oneJvm.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(UiCommandTest.withoutWallTime(live.resolve(RunFolder.ROUNDS)))
                .isEqualTo(UiCommandTest.withoutWallTime(oneJvm.resolve(RunFolder.ROUNDS)));
        List<String> events = Files.readAllLines(live.resolve(RunFolder.EVENTS));
        assertThat(events).filteredOn(e -> e.contains("\"kind\":\"coordinator-lost\"")).hasSize(1);
        assertThat(events).filteredOn(e -> !e.contains("\"kind\":\"coordinator-lost\""))
                .isEqualTo(Files.readAllLines(oneJvm.resolve(RunFolder.EVENTS))).anyMatch(e -> e.contains("scenario-heal"));
    }

    @Test
    void clusterOptionsThatCannotGoTogetherAreRefusedNamingThem() {
        Cli.Result both = Cli.execute("ui", "--cluster", "127.0.0.1:2551", "--local-nodes", "2", "--exit-when-done");
        Cli.Result replay = Cli.execute("ui", "--replay", dir.toString(), "--local-nodes", "2", "--exit-when-done");
        Cli.Result none = Cli.execute("ui", "--local-nodes", "0", "--exit-when-done");

        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--cluster and --local-nodes exclude each other");
        assertThat(replay.code()).isEqualTo(2);
        assertThat(replay.err()).contains("--replay shows a finished run folder: --cluster and --local-nodes do not apply");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--local-nodes must be at least 1, got 0");
    }

    private static String outcome(Path folder) throws IOException {
        return org.lorasim.cli.output.RunJson.MAPPER.readTree(folder.resolve(RunFolder.SUMMARY).toFile()).path("outcome")
                .asText();
    }

    private static boolean type(JsonNode m, String type) {
        return type.equals(m.path("type").asText());
    }

    /**
     * The time of the first {@code clock} message past {@code time}, among those received (a step's clock message may
     * come before the step's reply) or, failing that, the next ones.
     */
    private static long clockPast(WsPage page, long time) {
        long latest = latestClock(page.all()).path("time").asLong();
        return latest > time ? latest
                : page.next(m -> type(m, "clock") && m.path("time").asLong() > time).path("time").asLong();
    }

    private static JsonNode latestClock(List<JsonNode> messages) {
        return messages.stream().filter(m -> type(m, "clock")).reduce((a, b) -> b).orElseThrow();
    }

    /** The latest simulated time at which anything the page draws happened: rounds, round starts, events, messages sent. */
    private static long latestTime(List<JsonNode> messages) {
        return messages.stream().mapToLong(m -> switch (m.path("type").asText()) {
            case "round", "round-started", "event" -> m.path("time").asLong();
            case "message" -> m.path("sentAt").asLong();
            default -> -1;
        }).max().orElse(-1);
    }
}
