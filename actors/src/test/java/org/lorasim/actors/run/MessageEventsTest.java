package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.link.LinkActor;

class MessageEventsTest {

    @Test
    void aSendAsAnEventReadsBackAsTheSameSendWithItsPayloadsSimpleName() {
        LinkActor.MessageSent sent = new LinkActor.MessageSent("client-3-up", 1_000, 1_200, 9_000, 9_500, 298_534,
                "org.lorasim.actors.client.ClientActor$Update", 4);
        RunEvent event = MessageEvents.event(sent);
        assertThat(event.kind()).isEqualTo("message-sent");
        assertThat(event.subject()).isEqualTo("client-3-up");
        assertThat(event.timeNanos()).isEqualTo(1_000);
        assertThat(event.detail()).isEqualTo("ClientActor$Update of 298534 bytes, round 4, on the wire 1200 to 9000 ns,"
                + " arrives 9500 ns");
        assertThat(MessageEvents.parse(event)).contains(new LinkActor.MessageSent("client-3-up", 1_000, 1_200, 9_000,
                9_500, 298_534, "ClientActor$Update", 4));
        assertThat(MessageEvents.parse(new RunEvent(1, -1, "client-crashed", "client-3", "crash-stop"))).isEmpty();
    }

    @Test
    void everyMessageARunSendsIsAnEventInTimeOrderAndTheSummaryCountsOnlyTheOtherEvents() {
        List<LinkActor.MessageSent> heard = Collections.synchronizedList(new ArrayList<>());
        RecordingListener listener = new RecordingListener() {
            @Override
            public void message(LinkActor.MessageSent sent) {
                heard.add(sent);
            }
        };
        RunSummary summary = Simulation.run(Scenarios.systemOnly(6, 3, "lorasim.rounds.clients-per-round = 3\n"
                + "lorasim.scenario.events = [ { at-round = 1, action = crash, clients = [0, 1, 2, 3, 4, 5] ,"
                + " recover-after = 10ms } ]"), listener, null);
        List<RunEvent> sends = listener.events.stream().filter(MessageEvents::isSend).toList();
        assertThat(sends).hasSize(heard.size()).isNotEmpty();
        assertThat(sends.stream().map(e -> MessageEvents.parse(e).orElseThrow().arrival()).toList())
                .containsExactlyInAnyOrderElementsOf(heard.stream().map(LinkActor.MessageSent::arrival).toList());
        assertThat(listener.events).extracting(RunEvent::timeNanos).isSorted();
        assertThat(summary.events()).isEqualTo(listener.events.size() - sends.size()).isPositive();
    }

    @Test
    void recordMessagesOffKeepsSendsOutOfTheEventsButNotFromLiveViewsAndAutoDependsOnTheClientCount() {
        List<LinkActor.MessageSent> heard = Collections.synchronizedList(new ArrayList<>());
        RecordingListener listener = new RecordingListener() {
            @Override
            public void message(LinkActor.MessageSent sent) {
                heard.add(sent);
            }
        };
        Simulation.run(Scenarios.systemOnly(4, 2, "lorasim.run.record-messages = off\n"), listener, null);
        assertThat(heard).isNotEmpty();
        assertThat(listener.events).noneMatch(MessageEvents::isSend);

        com.typesafe.config.Config auto = Scenarios.systemOnly(4, 2, "");
        assertThat(MessageRecording.enabled(auto, MessageRecording.AUTO_LIMIT)).isTrue();
        assertThat(MessageRecording.enabled(auto, MessageRecording.AUTO_LIMIT + 1)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageRecording.enabled(
                Scenarios.systemOnly(4, 2, "lorasim.run.record-messages = sometimes"), 4))
                .hasMessageContaining("lorasim.run.record-messages").hasMessageContaining("sometimes");
    }
}
