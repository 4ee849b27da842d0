package org.lorasim.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.scenario.ScenarioAction;

class DashboardApiTest {

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("crash", "{\"type\": \"control\", \"action\": \"crash\", \"clients\": [1], \"recoverAfter\": 0.5}"),
            Map.entry("recover", "{\"type\": \"control\", \"action\": \"recover\", \"clients\": [1]}"),
            Map.entry("slow-down", "{\"type\": \"control\", \"action\": \"slow-down\", \"clients\": [2, 3], \"factor\": 8}"),
            Map.entry("link-down", "{\"type\": \"control\", \"action\": \"link-down\", \"clients\": [4], \"direction\": \"up\"}"),
            Map.entry("link-up", "{\"type\": \"control\", \"action\": \"link-up\", \"clients\": [4], \"direction\": \"up\"}"),
            Map.entry("set-bandwidth", "{\"type\": \"control\", \"action\": \"set-bandwidth\", \"clients\": [5], \"bandwidth\": 50000}"),
            Map.entry("partition", "{\"type\": \"control\", \"action\": \"partition\", \"groups\": [[0, 1], [2]]}"),
            Map.entry("heal", "{\"type\": \"control\", \"action\": \"heal\"}"),
            Map.entry("crash-aggregator", "{\"type\": \"control\", \"action\": \"crash-aggregator\", \"recoverAfter\": 0.2}"),
            Map.entry("recover-aggregator", "{\"type\": \"control\", \"action\": \"recover-aggregator\"}"));

    @Test
    void everyControlActionIsAppliedAtASimulatedTimeAndLoggedAsAScenarioEvent() {
        try (LiveFixture run = new LiveFixture("127.0.0.1", 8, 4); PageClient page = new PageClient(run.dashboard.port())) {
            JsonNode hello = page.next(m -> m.path("type").asText().equals("hello"));
            assertThat(hello.path("tokenRequired").asBoolean()).isFalse();
            page.next(m -> m.path("type").asText().equals("graph") && m.path("clients").asInt() == 8);
            page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
            for (String action : List.of("crash", "recover", "slow-down", "link-down", "link-up", "set-bandwidth",
                    "partition", "heal", "crash-aggregator", "recover-aggregator")) {
                JsonNode reply = page.control(ACTIONS.get(action));
                assertThat(reply.path("ok").asBoolean()).as(action + ": " + reply).isTrue();
                assertThat(reply.path("time").asLong()).as(action).isPositive();
            }
            assertThat(page.control("{\"type\": \"control\", \"action\": \"step-event\"}").path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"speed\", \"speed\": 4}").path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"step-round\"}").path("ok").asBoolean()).isTrue();
            page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean()
                    && m.path("speed").asDouble() == 4.0);
            assertThat(page.control("{\"type\": \"control\", \"action\": \"resume\"}").path("ok").asBoolean()).isTrue();
            page.first(m -> m.path("type").asText().equals("finished"));

            assertThat(run.summary.join().finished()).isTrue();
            assertThat(run.applied).hasSize(10);
            assertThat(run.applied.get(0).action()).isEqualTo(new ScenarioAction.CrashClients(List.of(1), false, 500_000_000L));
            assertThat(run.applied.get(6).action()).isEqualTo(new ScenarioAction.Partition(List.of(List.of(0, 1), List.of(2))));
            List<String> kinds = page.drained().stream().filter(m -> m.path("type").asText().equals("event"))
                    .map(m -> m.path("kind").asText()).toList();
            assertThat(kinds).contains("scenario-crash", "scenario-recover", "scenario-slow-down", "scenario-link-down",
                    "scenario-link-up", "scenario-set-link", "scenario-partition", "scenario-heal",
                    "scenario-crash-aggregator", "scenario-recover-aggregator", "client-crashed", "aggregator-crashed");
            assertThat(page.drained()).anySatisfy(m -> {
                assertThat(m.path("type").asText()).isEqualTo("client-state");
                assertThat(m.path("client").asInt()).isEqualTo(1);
                assertThat(m.path("state").asText()).isEqualTo("crashed");
            });
            assertThat(page.drained()).anySatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("message"));
            assertThat(page.drained().stream().filter(m -> m.path("type").asText().equals("round"))
                    .map(m -> m.path("round").asInt())).as("round records, one per round that happened, 0-based")
                    .containsExactly(0, 1, 2, 3);
            assertThat(page.drained()).filteredOn(m -> m.path("type").asText().equals("starting-model"))
                    .as("the starting model, as its own message: a system-only run evaluates none").singleElement()
                    .satisfies(m -> assertThat(m.path("accuracy").isNull()).isTrue());
        }
    }

    @Test
    void aLinksBandwidthItsCutAndAPartitionReachThePageAsTheLinksReportThem() {
        try (LiveFixture run = new LiveFixture("127.0.0.1", 6, 2); PageClient page = new PageClient(run.dashboard.port())) {
            page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
            List<JsonNode> start = page.drained().stream().filter(m -> m.path("type").asText().equals("link-state")).toList();
            assertThat(start).hasSize(12).allSatisfy(m -> {
                assertThat(m.path("bandwidth").asLong()).isPositive();
                assertThat(m.path("down").asBoolean()).isFalse();
                assertThat(m.path("cut").asBoolean()).isFalse();
            });
            // the first step releases time 0 (the round starts); the actions below apply at the next nanosecond
            assertThat(page.control("{\"type\": \"control\", \"action\": \"step-event\"}").path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"set-bandwidth\", \"clients\": [5],"
                    + " \"direction\": \"up\", \"bandwidth\": 50000}").path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"link-down\", \"clients\": [4]}")
                    .path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"partition\", \"groups\": [[0, 1]]}")
                    .path("ok").asBoolean()).isTrue();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"step-event\"}").path("ok").asBoolean()).isTrue();
            JsonNode slower = page.first(m -> linkState(m, "client-5-up") && m.path("bandwidth").asLong() == 50_000);
            assertThat(slower.path("time").asLong()).isPositive();
            assertThat(slower.path("from").asInt()).isEqualTo(5);
            assertThat(slower.path("to").asInt()).isEqualTo(-1);
            page.first(m -> linkState(m, "client-4-down") && m.path("down").asBoolean());
            JsonNode groups = page.first(m -> m.path("type").asText().equals("partition"));
            assertThat(groups.path("groups").toString()).isEqualTo("[[0,1]]");
            page.first(m -> linkState(m, "client-1-up") && m.path("cut").asBoolean());
            page.first(m -> linkState(m, "client-2-up") && m.path("time").asLong() > 0);
            assertThat(lastLinkState(page.drained(), "client-2-up").path("cut").asBoolean()).isFalse();
            assertThat(lastLinkState(page.drained(), "client-5-down").path("bandwidth").asLong())
                    .as("direction up leaves the download link as it was").isNotEqualTo(50_000);

            page.control("{\"type\": \"control\", \"action\": \"heal\"}");
            page.control("{\"type\": \"control\", \"action\": \"link-up\", \"clients\": [4]}");
            page.control("{\"type\": \"control\", \"action\": \"resume\"}");
            page.first(m -> m.path("type").asText().equals("finished"));
            List<JsonNode> all = page.drained();
            assertThat(lastLinkState(all, "client-1-up").path("cut").asBoolean()).isFalse();
            assertThat(lastLinkState(all, "client-4-up").path("down").asBoolean()).isFalse();
            assertThat(lastLinkState(all, "client-5-up").path("bandwidth").asLong()).isEqualTo(50_000);
            assertThat(all).filteredOn(m -> m.path("type").asText().equals("partition")).last()
                    .satisfies(m -> assertThat(m.path("groups")).isEmpty());
        }
    }

    private static boolean linkState(JsonNode m, String link) {
        return m.path("type").asText().equals("link-state") && m.path("link").asText().equals(link);
    }

    private static JsonNode lastLinkState(List<JsonNode> messages, String link) {
        return messages.stream().filter(m -> linkState(m, link)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aLessonStartedFromThePageStopsTheRunAndTheNextRunBeginsWithItsHello() {
        try (LiveFixture run = new LiveFixture("127.0.0.1", 6, 2); PageClient page = new PageClient(run.dashboard.port())) {
            page.next(m -> m.path("type").asText().equals("clock") && m.path("paused").asBoolean());
            assertThat(page.control("{\"type\": \"control\", \"action\": \"start-lesson\", \"lesson\": \"nope\"}")
                    .path("error").asText()).contains("unknown lesson 'nope'").contains("stragglers");
            assertThat(run.dashboard.lessons().poll()).isEmpty();
            assertThat(page.control("{\"type\": \"control\", \"action\": \"start-lesson\", \"lesson\": \"stragglers\"}")
                    .path("ok").asBoolean()).isTrue();
            assertThat(run.summary.join().outcome()).isEqualTo("stopped: lesson stragglers started from the page");
            page.first(m -> m.path("type").asText().equals("finished"));
            assertThat(run.dashboard.lessons().poll()).contains("stragglers");

            run.dashboard.next("lesson stragglers", Lessons.describe("stragglers"), 1.0, true, (time, action) -> { });
            JsonNode hello = page.next(m -> m.path("type").asText().equals("hello"));
            assertThat(hello.path("lesson").path("name").asText()).isEqualTo("stragglers");
            try (PageClient late = new PageClient(run.dashboard.port())) {
                assertThat(late.next(m -> true).path("type").asText()).as("a page that connects now sees the new run only")
                        .isEqualTo("hello");
                assertThat(late.drained()).noneMatch(m -> m.path("type").asText().equals("finished"));
            }
        }
    }

    @Test
    void badControlMessagesAreRefusedWithTheirReasonAndNothingIsApplied() {
        try (LiveFixture run = new LiveFixture("127.0.0.1", 6, 2); PageClient page = new PageClient(run.dashboard.port())) {
            page.next(m -> m.path("type").asText().equals("clock"));
            Map<String, String> bad = Map.of(
                    "{\"type\": \"control\", \"action\": \"crash\", \"clients\": [6]}", "unknown client 6",
                    "{\"type\": \"control\", \"action\": \"crash\", \"clients\": []}", "clients must be",
                    "{\"type\": \"control\", \"action\": \"slow-down\", \"clients\": [1], \"factor\": -2}", "factor must be",
                    "{\"type\": \"control\", \"action\": \"set-bandwidth\", \"clients\": [1], \"bandwidth\": 0.5}", "bandwidth must be",
                    "{\"type\": \"control\", \"action\": \"partition\", \"groups\": [[0, 1], [1]]}", "client 1 is in two groups",
                    "{\"type\": \"control\", \"action\": \"link-down\", \"clients\": [1], \"direction\": \"sideways\"}", "direction must be",
                    "{\"type\": \"control\", \"action\": \"speed\", \"speed\": 0}", "speed must be",
                    "{\"type\": \"control\", \"action\": \"explode\"}", "unknown action 'explode'",
                    "{\"type\": \"hello\"}", "unknown message type");
            bad.forEach((message, error) -> {
                JsonNode reply = page.control(message);
                assertThat(reply.path("ok").asBoolean()).as(message).isFalse();
                assertThat(reply.path("error").asText()).as(message).contains(error);
            });
            assertThat(page.raw("not json").path("error").asText()).startsWith("not JSON");
            assertThat(run.applied).isEmpty();

            assertThat(page.control("{\"type\": \"control\", \"action\": \"resume\"}").path("ok").asBoolean()).isTrue();
            page.first(m -> m.path("type").asText().equals("finished"));
            JsonNode late = page.control("{\"type\": \"control\", \"action\": \"crash\", \"clients\": [1]}");
            assertThat(late.path("error").asText()).contains("the run has finished");
            assertThat(run.applied).isEmpty();
            assertThat(run.summary.join().finished()).isTrue();
        }
    }

    @Test
    void boundBeyondLoopbackControlsNeedTheTokenPrintedAtStart() {
        try (LiveFixture run = new LiveFixture("0.0.0.0", 6, 2); PageClient page = new PageClient(run.dashboard.port())) {
            String token = run.dashboard.token();
            assertThat(token).hasSize(32);
            assertThat(page.next(m -> m.path("type").asText().equals("hello")).path("tokenRequired").asBoolean()).isTrue();
            page.next(m -> m.path("type").asText().equals("clock"));
            JsonNode without = page.control("{\"type\": \"control\", \"action\": \"crash\", \"clients\": [1]}");
            assertThat(without.path("error").asText()).contains("need the token");
            JsonNode wrong = page.control("{\"type\": \"control\", \"action\": \"crash\", \"clients\": [1], \"token\": \"x\"}");
            assertThat(wrong.path("ok").asBoolean()).isFalse();
            assertThat(run.applied).isEmpty();
            JsonNode with = page.control("{\"type\": \"control\", \"action\": \"crash\", \"clients\": [1], \"token\": \""
                    + token + "\"}");
            assertThat(with.path("ok").asBoolean()).isTrue();
            assertThat(run.applied).hasSize(1);
            page.control("{\"type\": \"control\", \"action\": \"resume\", \"token\": \"" + token + "\"}");
            assertThat(run.summary.join().finished()).isTrue();
        }
    }

    @Test
    void aGossipRunDrawsItsRingAndRefusesToCrashAnAggregatorItHasNot() {
        try (LiveFixture run = new LiveFixture("127.0.0.1", 6, 3, "lorasim.run { variant = decentralized,"
                + " algorithm = dec-lora }\nlorasim.algorithms.dec-lora.topology = ring");
             PageClient page = new PageClient(run.dashboard.port())) {
            JsonNode graph = page.next(m -> m.path("type").asText().equals("graph"));
            assertThat(graph.path("aggregator").asBoolean()).isFalse();
            assertThat(graph.path("links")).hasSize(12);
            page.next(m -> m.path("type").asText().equals("clock"));
            assertThat(page.control("{\"type\": \"control\", \"action\": \"crash-aggregator\"}").path("error").asText())
                    .contains("no aggregator");
            assertThat(page.control("{\"type\": \"control\", \"action\": \"partition\", \"groups\": [[0, 1, 2]]}")
                    .path("ok").asBoolean()).isTrue();
            page.control("{\"type\": \"control\", \"action\": \"resume\"}");
            page.first(m -> m.path("type").asText().equals("finished"));
            List<String> cut = page.drained().stream().filter(m -> m.path("type").asText().equals("link-state"))
                    .collect(java.util.stream.Collectors.toMap(m -> m.path("link").asText(), m -> m.path("cut").asBoolean(),
                            (a, b) -> b, java.util.TreeMap::new))
                    .entrySet().stream().filter(java.util.Map.Entry::getValue).map(java.util.Map.Entry::getKey).toList();
            assertThat(cut).as("the ring's links across the cut, both ways").containsExactlyInAnyOrder(
                    "client-2->client-3", "client-3->client-2", "client-0->client-5", "client-5->client-0");
            assertThat(page.drained()).anySatisfy(m -> {
                assertThat(m.path("type").asText()).isEqualTo("message");
                assertThat(m.path("link").asText()).contains("->");
            }).anySatisfy(m -> {
                assertThat(m.path("type").asText()).isEqualTo("round");
                assertThat(m.path("consensus").isNumber()).isTrue();
            });
            assertThat(run.summary.join().finished()).isTrue();
        }
    }

    @Test
    void aLoopbackDashboardNeedsNoToken() {
        assertThat(org.lorasim.ui.server.DashboardServer.loopback("127.0.0.1")).isTrue();
        assertThat(org.lorasim.ui.server.DashboardServer.loopback("::1")).isTrue();
        assertThat(org.lorasim.ui.server.DashboardServer.loopback("0.0.0.0")).isFalse();
    }
}
