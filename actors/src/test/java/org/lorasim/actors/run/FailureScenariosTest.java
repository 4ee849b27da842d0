package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every failure kind of a centralized run, each an event in the record and none a hang (system-only runs). */
class FailureScenariosTest {

    private static RecordingListener run(int clients, int rounds, String more) {
        RecordingListener listener = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(clients, rounds, more), listener, null);
        return listener;
    }

    @Test
    void crashedClientsAreFailuresNotStragglersUntilTheyRecover() {
        // Execute: clients 0 and 1 crash when round 1 starts and recover 5 simulated minutes later, before
        // round 1's 10-minute deadline: the instruction they missed is gone, so they miss round 1 only, and the
        // observer, which saw them crash, counts them as failures (the aggregator only saw no answer).
        RecordingListener l = run(6, 3, "lorasim.scenario.events = [ { at-round = 1, action = crash, "
                + "clients = [0, 1], recover-after = 5m } ]");

        // Assert
        assertThat(l.rounds).extracting(RoundRecord::stragglers).containsExactly(0, 0, 0);
        assertThat(l.rounds).extracting(RoundRecord::failures).containsExactly(0, 2, 0);
        assertThat(l.rounds).extracting(RoundRecord::participants).containsExactly(6, 4, 6);
        assertThat(l.participation.get(1).crashed()).containsExactly(0, 1);
        assertThat(l.eventKinds()).containsSubsequence("client-crashed", "client-crashed", "scenario-crash",
                "client-recovered", "client-recovered", "scenario-recover");
        assertThat(l.summary.outcome()).isEqualTo("finished");
    }

    @Test
    void theAggregatorRestartsTheLostRoundFromItsCheckpoint() {
        // Execute: the aggregator crashes when round 1 starts and recovers 30 s later.
        RecordingListener l = run(4, 3, "lorasim.scenario.events = [ { at-round = 1, action = crash-aggregator, "
                + "recover-after = 30s } ]");
        RecordingListener calm = run(4, 3, "");

        // Assert: every round still finishes, round 1 later than without the crash; round 0 is untouched.
        assertThat(l.summary.outcome()).isEqualTo("finished");
        assertThat(l.rounds).extracting(RoundRecord::round).containsExactly(0, 1, 2);
        assertThat(l.rounds.get(0).withoutWallTime()).isEqualTo(calm.rounds.get(0).withoutWallTime());
        assertThat(l.rounds.get(1).simTimeNanos()).isGreaterThan(calm.rounds.get(1).simTimeNanos() + 29_000_000_000L);
        assertThat(l.eventKinds()).contains("aggregator-crashed", "aggregator-recovered");
    }

    @Test
    void anAggregatorThatNeverRecoversEndsTheRunWithAReasonInsteadOfAHang() {
        // Execute
        RecordingListener l = run(4, 3, "lorasim.scenario.events = [ { at-round = 1, action = crash-aggregator } ]");

        // Assert
        assertThat(l.summary.outcome()).startsWith("stopped:");
        assertThat(l.rounds).hasSize(1);
    }

    @Test
    void aPolicyThatRefusesARoundEndsTheRunAtOnceWithItsReason() {
        // Execute: Krum with f = 1 needs more than 2f + 2 = 4 updates; 4 clients give 4. The aggregation rule
        // applies to trained updates, so this run trains (tiny sizes).
        RecordingListener l = new RecordingListener();
        Simulation.run(Scenarios.of("""
                lorasim.clients.count = 4
                lorasim.training { local-steps = 1, batch-size = 2, max-length = 16 }
                lorasim.data { max-examples-per-client = 4, eval-examples = 8 }
                lorasim.aggregation { rule = krum, krum-f = 1 }
                """), l, null);

        // Assert
        assertThat(l.summary.outcome()).startsWith("failed: round 0: IllegalArgumentException: Krum with f=1");
        assertThat(l.rounds).isEmpty();
    }

    @Test
    void aLinkThatIsDownOrAPartitionMakesStragglersAndHealingEndsIt() {
        // Execute: client 3's uplink goes down for round 1; clients 0 and 1 are partitioned off in round 2
        // and the partition heals when round 3 starts.
        RecordingListener l = run(5, 4, "lorasim.scenario.events = [\n"
                + " { at-round = 1, action = link-down, clients = [3], direction = up }\n"
                + " { at-round = 2, action = link-up, clients = [3], direction = up }\n"
                + " { at-round = 2, action = partition, groups = [[0, 1]] }\n"
                + " { at-round = 3, action = heal } ]");

        // Assert
        assertThat(l.rounds).extracting(RoundRecord::participants).containsExactly(5, 4, 3, 5);
        assertThat(l.participation.get(1).unreachable()).containsExactly(3);
        assertThat(l.participation.get(2).unreachable()).containsExactly(0, 1);
        assertThat(l.rounds).extracting(RoundRecord::stragglers).containsOnly(0);
        assertThat(l.eventKinds()).contains("scenario-link-down", "scenario-partition", "scenario-heal", "message-lost",
                "link-changed");
    }

    @Test
    void lostMessagesStillCountTheirBytesButNeverArrive() {
        // Execute: every upload of round 1 is lost on the way
        RecordingListener l = run(4, 3, "lorasim.scenario.events = [\n"
                + " { at-round = 1, action = set-link, clients = all, direction = up, loss = 1.0 }\n"
                + " { at-round = 2, action = set-link, clients = all, direction = up, loss = 0.0 } ]");

        // Assert
        RoundRecord lossy = l.rounds.get(1);
        assertThat(lossy.participants()).isZero();
        assertThat(lossy.stragglers()).isZero();
        assertThat(lossy.failures()).isEqualTo(4);
        assertThat(l.participation.get(1).unreachable()).containsExactly(0, 1, 2, 3);
        assertThat(lossy.bytesUp()).isEqualTo(l.rounds.get(0).bytesUp());
        assertThat(l.rounds.get(2).participants()).isEqualTo(4);
    }

    @Test
    void aSlowedDownClientMissesTheDeadlineAndALateUpdateJoinsTheNextRound() {
        // Execute: client 2 computes 20,000x slower from round 0 on (its 5 steps take ~28 simulated minutes,
        // the deadline is 10); late updates are accepted with their staleness.
        RecordingListener l = run(3, 3, "lorasim.rounds.late-updates = accept\n"
                + "lorasim.clients.compute { type = constant, value = 2e12 }\n"
                + "lorasim.scenario.events = [ { at-round = 0, action = slow-down, clients = [2], factor = 20000 } ]");

        // Assert: client 2 straggles in rounds 0 and 1 (it is still busy with round 0); its round-0 update
        // arrives during round 2 and joins round 2's aggregation with staleness 2.
        assertThat(l.rounds).extracting(RoundRecord::stragglers).containsExactly(1, 1, 1);
        assertThat(l.rounds).extracting(RoundRecord::participants).containsExactly(2, 2, 3);
        assertThat(l.participation).extracting(Participation::late).containsOnly(List.of(2));
        assertThat(l.eventKinds()).contains("client-slowed");
    }

    @Test
    void removedClientsAreRemovedInEveryLaterRoundAndNotSampledClientsAreTold() {
        // Execute: 6 clients, 3 sampled per round; clients 4 and 5 are removed when round 1 starts.
        RecordingListener l = run(6, 3, "lorasim.rounds.clients-per-round = 3\n"
                + "lorasim.scenario.events = [ { at-round = 1, action = remove-clients, clients = [4, 5] } ]");

        // Assert: whenever 4 or 5 is sampled from round 1 on it is removed, never crashed or late; every
        // client is in exactly one status per round.
        for (Participation p : l.participation.subList(1, 3)) {
            assertThat(p.tookPart()).doesNotContain(4, 5);
            assertThat(p.crashed()).isEmpty();
            assertThat(p.late()).isEmpty();
            assertThat(p.removed()).allMatch(c -> c == 4 || c == 5);
        }
        assertThat(l.participation).flatExtracting(Participation::removed).isNotEmpty();
        for (Participation p : l.participation) {
            List<Integer> all = new java.util.ArrayList<>();
            for (ParticipationStatus s : ParticipationStatus.values()) {
                all.addAll(p.of(s));
            }
            assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            assertThat(p.of(ParticipationStatus.NOT_SAMPLED)).hasSize(3);
        }
        assertThat(l.eventKinds()).contains("scenario-remove-clients", "client-removed");
    }

    @Test
    void oneSeedGivesBitIdenticalRecordsAndAnotherSeedDoesNot() {
        // Prepare
        String scenario = "lorasim.rounds.clients-per-round = 4\n"
                + "lorasim.links.default.jitter = 5ms\n"
                + "lorasim.scenario.events = [ { at-round = 1, action = crash, clients = { count = 2, seed = 3 },"
                + " recover-after = 20m }, { at-time = 1s, action = set-link, clients = all, loss = 0.2 } ]";

        // Execute
        RecordingListener first = run(8, 4, scenario);
        RecordingListener second = run(8, 4, scenario);
        RecordingListener other = run(8, 4, scenario + "\nlorasim.run.seed = 1");

        // Assert
        assertThat(second.deterministicRounds()).isEqualTo(first.deterministicRounds());
        assertThat(second.events).isEqualTo(first.events);
        assertThat(second.summary.checksum()).isEqualTo(first.summary.checksum());
        assertThat(other.summary.checksum()).isNotEqualTo(first.summary.checksum());
        List<String> checksums = first.rounds.stream().map(RoundRecord::checksum).toList();
        assertThat(checksums).doesNotHaveDuplicates();
    }
}
