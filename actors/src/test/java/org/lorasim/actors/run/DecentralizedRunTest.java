package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Dec-LoRA runs end to end through {@link Simulation} (system-only, so they are fast). */
class DecentralizedRunTest {

    private static RecordingListener run(String more) {
        RecordingListener listener = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(6, 4, "lorasim.run { variant = decentralized, algorithm = dec-lora }\n"
                + more), listener, null);
        return listener;
    }

    @Test
    void aGossipRunReportsEveryIterationWithConsensusDistance() {
        // Execute
        RecordingListener l = run("lorasim.algorithms.dec-lora.topology = torus");

        // Assert
        assertThat(l.summary.outcome()).isEqualTo("finished");
        assertThat(l.rounds).hasSize(4).allSatisfy(r -> {
            assertThat(r.participants()).isEqualTo(6);
            assertThat(r.consensusDistance()).isFinite().isNotNegative();
            assertThat(r.bytesUp()).isPositive();
            assertThat(r.synthetic()).isTrue();
        });
    }

    @Test
    void aRingOfEightBooksItsSixteenMessagesToTheIterationThatSentThem() {
        // Execute: heterogeneous devices, so the nodes drift apart in time and a fast node sends iteration t + 1
        // while a slow one is still in t
        RecordingListener l = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(8, 6, "lorasim.run { variant = decentralized, algorithm = dec-lora }\n"
                + "lorasim.algorithms.dec-lora.topology = ring\n"
                + "lorasim.clients.compute { type = lognormal, median = 2e11, sigma = 1.0 }"), l, null);

        // Assert: every iteration carries 16 equal messages, 2 per node
        RoundRecord first = l.rounds.get(0);
        assertThat(first.bytesUp() % 16).isZero();
        assertThat(l.rounds).hasSize(6).allSatisfy(r -> {
            assertThat(r.bytesUp()).isEqualTo(first.bytesUp()).isEqualTo(r.bytesDown());
            assertThat(r.parameters()).isEqualTo(first.parameters());
        });
        assertThat(l.summary.bytesUp()).isEqualTo(6 * first.bytesUp());
    }

    @Test
    void messagesLostAtRandomCountTheirBytesAsInACentralizedRun() {
        // Execute: every gossip message is lost on the way; the nodes time out and still report
        RecordingListener lossy = run("lorasim.links.default.loss = 1.0");
        RecordingListener clean = run("");

        // Assert: the same bytes were sent
        assertThat(lossy.summary.outcome()).isEqualTo("finished");
        assertThat(lossy.eventKinds()).contains("message-lost");
        assertThat(lossy.rounds).extracting(RoundRecord::bytesUp)
                .isEqualTo(clean.rounds.stream().map(RoundRecord::bytesUp).toList());
        assertThat(lossy.summary.bytesUp()).isPositive();
    }

    @Test
    void aRemovedNodeIsRemovedAndACrashedOneCrashedInTheParticipationTimeline() {
        // Execute: node 5 is removed when iteration 1 starts; node 2 crashes in iteration 2 for good
        RecordingListener l = run("lorasim.scenario.events = [\n"
                + " { at-round = 1, action = remove-clients, clients = [5] }\n"
                + " { at-round = 2, action = crash, clients = [2] } ]");

        // Assert: nodes drift apart, so node 5 may already miss the iteration in which the removal fires
        assertThat(l.participation).hasSize(4);
        assertThat(l.participation).allSatisfy(p -> assertThat(p.tookPart().contains(5) || p.removed().contains(5))
                .isTrue());
        for (Participation p : l.participation.subList(1, 4)) {
            assertThat(p.removed()).containsExactly(5);
            assertThat(p.tookPart()).doesNotContain(5);
        }
        assertThat(l.participation.get(3).crashed()).containsExactly(2);
        assertThat(l.rounds).extracting(RoundRecord::failures)
                .isEqualTo(l.participation.stream().map(Participation::failures).toList());
    }

    @Test
    void int8MessagesCarryAboutAQuarterOfTheBytes() {
        // Execute
        RecordingListener full = run("");
        RecordingListener int8 = run("lorasim.algorithms.dec-lora.message-quantization = int8");

        // Assert: 1 byte per value plus scales, against 4 bytes per float32 value
        double ratio = (double) int8.summary.bytesUp() / full.summary.bytesUp();
        assertThat(ratio).isBetween(0.2, 0.35);
    }

    @Test
    void aCrashAndAPartitionInRingGossipNeverHangAndAreRecorded() {
        // Execute: node 2 crashes in iteration 1 and comes back 5 simulated minutes later; nodes 0 and 1 are cut
        // off from the others in iteration 2 until the partition heals at iteration 3.
        RecordingListener l = run("lorasim.scenario.events = [\n"
                + " { at-round = 1, action = crash, clients = [2], recover-after = 5m }\n"
                + " { at-round = 2, action = partition, groups = [[0, 1]] }\n"
                + " { at-round = 3, action = heal } ]");

        // Assert
        assertThat(l.summary.outcome()).isEqualTo("finished");
        assertThat(l.eventKinds()).contains("client-crashed", "client-recovered", "scenario-partition", "scenario-heal",
                "message-lost");
        assertThat(l.rounds).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void oneSeedGivesIdenticalGossipRecords() {
        // Execute
        String scenario = "lorasim.links.default { jitter = 3ms, loss = 0.1 }";
        RecordingListener first = run(scenario);
        RecordingListener second = run(scenario);

        // Assert
        assertThat(second.deterministicRounds()).isEqualTo(first.deterministicRounds());
        assertThat(second.summary.checksum()).isEqualTo(first.summary.checksum());
    }
}
