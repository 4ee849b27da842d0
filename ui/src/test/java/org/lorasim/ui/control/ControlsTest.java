package org.lorasim.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.lorasim.actors.scenario.ScenarioAction;
import org.lorasim.ui.DashboardListener;
import org.lorasim.ui.LessonRequests;
import org.lorasim.ui.protocol.Messages;
import org.lorasim.ui.server.EventFeed;
import org.junit.jupiter.api.Test;

/**
 * The page's controls on a run whose clock is elsewhere ({@link RunHandle}, e.g. a cluster's coordinator node): a
 * call the run cannot take is refused with its reason, never dropped, and the time the clock answers with is what
 * the page is told.
 */
class ControlsTest {

    private final EventFeed feed = new EventFeed();
    private final DashboardListener listener = new DashboardListener(feed);
    private final Controls controls = new Controls(listener, (time, action) -> { }, null, 1.0, false,
            new LessonRequests());

    @Test
    void aCallTheRunCannotTakeIsRefusedWithItsReasonAndAStepRoundThatFailsIsReportedOnTheFeed() throws Exception {
        // Setup
        String lost = "the run's coordinator node pekko://lorasim@127.0.0.1:2551 was lost before it answered";
        controls.attach(new Failing(lost));

        // Execute
        JsonNode pause = reply(controls.handle(control("1", "pause")));
        JsonNode heal = reply(controls.handle(control("2", "heal")));
        JsonNode step = reply(controls.handle(control("3", "step-round")));

        // Assert
        assertThat(pause.path("ok").asBoolean()).isFalse();
        assertThat(pause.path("error").asText()).isEqualTo(lost);
        assertThat(heal.path("ok").asBoolean()).isFalse();
        assertThat(heal.path("error").asText()).isEqualTo(lost);
        assertThat(step.path("ok").asBoolean()).as("a round step is answered at once, its failure later").isTrue();
        assertThat(feed.history()).anySatisfy(m -> assertThat(m).contains("\"type\":\"reply\"").contains("\"id\":\"3\"")
                .contains("step-round: " + lost));
    }

    @Test
    void theClockTimeARemoteRunAnswersAPauseWithIsThePausedTimeThePageIsTold() throws Exception {
        // Setup
        controls.attach(new Answering(42_000));

        // Execute
        JsonNode pause = reply(controls.handle(control("1", "pause")));

        // Assert
        assertThat(pause.path("ok").asBoolean()).isTrue();
        assertThat(feed.history().get(feed.history().size() - 1)).contains("\"type\":\"clock\"")
                .contains("\"paused\":true").contains("\"time\":42000");
    }

    private static JsonNode control(String id, String action) throws Exception {
        return Messages.JSON.readTree("{\"type\": \"control\", \"id\": \"" + id + "\", \"action\": \"" + action + "\"}");
    }

    private static JsonNode reply(String text) throws Exception {
        return Messages.JSON.readTree(text);
    }

    /** A run whose every call answers with simulated time {@code time}. */
    private record Answering(long time) implements RunHandle {
        private CompletionStage<Long> answer() {
            return CompletableFuture.completedFuture(time);
        }

        public CompletionStage<Long> pause() {
            return answer();
        }

        public CompletionStage<Long> resume() {
            return answer();
        }

        public CompletionStage<Long> stepTime() {
            return answer();
        }

        public CompletionStage<Long> stepRound() {
            return answer();
        }

        public CompletionStage<Long> speed(double speed) {
            return answer();
        }

        public CompletionStage<Long> stop(String reason) {
            return answer();
        }

        public CompletionStage<Long> apply(ScenarioAction action) {
            return answer();
        }

        public void watchTime(LongConsumer observer) {
        }
    }

    /** A run that takes nothing, for {@code reason}. */
    private record Failing(String reason) implements RunHandle {
        private CompletionStage<Long> fail() {
            return CompletableFuture.failedFuture(new IllegalStateException(reason));
        }

        public CompletionStage<Long> pause() {
            return fail();
        }

        public CompletionStage<Long> resume() {
            return fail();
        }

        public CompletionStage<Long> stepTime() {
            return fail();
        }

        public CompletionStage<Long> stepRound() {
            return fail();
        }

        public CompletionStage<Long> speed(double speed) {
            return fail();
        }

        public CompletionStage<Long> stop(String reason) {
            return fail();
        }

        public CompletionStage<Long> apply(ScenarioAction action) {
            return fail();
        }

        public void watchTime(LongConsumer observer) {
        }
    }
}
