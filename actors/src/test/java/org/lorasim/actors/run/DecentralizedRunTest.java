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
