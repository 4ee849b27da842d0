package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lorasim.actors.gossip.GossipFixtures.MS;
import static org.lorasim.actors.gossip.GossipFixtures.S;
import static org.lorasim.actors.gossip.GossipFixtures.miniLm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.Consensus;
import org.lorasim.policies.gossip.Topologies;
import org.lorasim.policies.gossip.Topology;

/**
 * Whole gossip networks (rings and tori of nodes with cost-model training, MiniLM-shaped rank-2 adapters of
 * 19,202 values, real links of 10 MB/s and 20 ms) under a real clock.
 */
class GossipNetworkTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static GossipNetwork.LinkModels plainLinks() {
        return (from, to) -> new LinkModel(10_000_000L, 20 * MS, 0, 0.0);
    }

    /** Node {@code i} starts from its own random adapter of standard deviation {@code sigma}. */
    private static IntFunction<Adapter> apart(double sigma) {
        return i -> miniLm(2, sigma, 500 + i);
    }

    private static double initialDistance(int n, IntFunction<Adapter> initial) {
        List<Adapter> adapters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adapters.add(initial.apply(i));
        }
        return Consensus.distance(adapters);
    }

    @Test
    void onARingGossipAloneShrinksTheConsensusDistanceGeometrically() {
        // Prepare: no local change (synthetic learning rate 0), nodes start apart
        IntFunction<Adapter> initial = apart(1.0);
        NetworkRun run = new NetworkRun(TEST_KIT, Topologies.ring(6), initial, NetworkRun.costModel(3, 0.0),
                plainLinks(), GossipSettings.synchronous(5, 1, 10 * S, 3));

        // Execute
        run.run();
        List<RoundRecord> rounds = run.rounds(true);

        // Assert: Metropolis-Hastings on a 6-ring is (I + shift + shift^-1) / 3, eigenvalues
        // (1 + 2 cos(2 pi k / 6)) / 3 = 1, 2/3, 0, -1/3: each round multiplies the distance by at most (2/3)^2 = 4/9
        assertThat(rounds).hasSize(5);
        double previous = initialDistance(6, initial);
        for (RoundRecord r : rounds) {
            assertThat(r.participants()).isEqualTo(6);
            assertThat(r.failures()).isZero();
            assertThat(r.synthetic()).isTrue();
            assertThat(r.consensusDistance()).isPositive().isLessThanOrEqualTo(previous * 4 / 9 * (1 + 1e-4));
            previous = r.consensusDistance();
        }
        // 12 directed links, one adapter each per round
        assertThat(rounds).allSatisfy(r -> assertThat(r.parameters()).isEqualTo(12 * 19_202L));
        assertThat(rounds).allSatisfy(r -> assertThat(r.bytesUp()).isEqualTo(r.bytesDown()).isGreaterThan(12 * 4 * 19_202L));
    }

    @Test
    void onATorusSmallLocalUpdatesStillLetTheNodesAgree() {
        // Prepare: synthetic steps of 1e-3 per value, nodes start apart by 0.1
        IntFunction<Adapter> initial = apart(0.1);
        NetworkRun run = new NetworkRun(TEST_KIT, Topologies.torus(3, 3), initial, NetworkRun.costModel(4, 1e-3),
                plainLinks(), GossipSettings.synchronous(4, 2, 10 * S, 4));

        // Execute
        run.run();
        List<RoundRecord> rounds = run.rounds(true);

        // Assert: second eigenvalue 0.4 on the 3x3 torus (1 + 1) / 5: about x0.16 per round, plus a noise floor of
        // about 19,202 x 2e-6 = 0.04 from the updates; the start is about 19,202 x 0.01 x 8/9 = 171
        double start = initialDistance(9, initial);
        assertThat(rounds).hasSize(4);
        double previous = start;
        for (RoundRecord r : rounds) {
            assertThat(r.consensusDistance()).isLessThan(previous);
            previous = r.consensusDistance();
        }
        assertThat(previous).isLessThan(start * 1e-2);
        assertThat(rounds).allSatisfy(r -> assertThat(r.trainLoss()).isBetween(0.0, 1.0));
    }

    @Test
    void int8MessagesAreAboutHalfTheBytesOfFp32Ones() {
        // Prepare
        GossipSettings fp32 = GossipSettings.synchronous(2, 1, 10 * S, 5);
        NetworkRun full = new NetworkRun(TEST_KIT, Topologies.torus(3, 3), apart(0.1), NetworkRun.costModel(5, 1e-3),
                plainLinks(), fp32);
        NetworkRun int8 = new NetworkRun(TEST_KIT, Topologies.torus(3, 3), apart(0.1), NetworkRun.costModel(5, 1e-3),
                plainLinks(), fp32.withMessageQuantizer("int8"));

        // Execute
        full.run();
        int8.run();
        List<RoundRecord> fullRounds = full.rounds(true);
        List<RoundRecord> int8Rounds = int8.rounds(true);

        // Assert: per message fp32 is 19,202 x 4 = 76,808 B; int8 with a scale per row: each A (2x384)
        // 768 + 8, each B (384x2) 768 + 1,536, 12 of each, head 768 + 8, bias 2 + 4: 37,742 B, ratio 0.49
        long fullBytes = fullRounds.stream().mapToLong(RoundRecord::bytesUp).sum();
        long int8Bytes = int8Rounds.stream().mapToLong(RoundRecord::bytesUp).sum();
        assertThat(fullRounds.stream().mapToLong(RoundRecord::parameters).sum())
                .isEqualTo(int8Rounds.stream().mapToLong(RoundRecord::parameters).sum()).isEqualTo(72 * 19_202L);
        assertThat(fullBytes).isGreaterThanOrEqualTo(72 * 76_808L);
        assertThat(int8Bytes).isGreaterThanOrEqualTo(72 * 37_742L);
        assertThat((double) int8Bytes / fullBytes).isBetween(0.45, 0.55);
        assertThat(int8Rounds).allSatisfy(r -> assertThat(r.consensusDistance()).isFinite());
    }

    @Test
    void aCrashedNodeAndAPartitionNeverHangTheRun() {
        // Prepare: node 4 (the torus centre) crashes before the start; at 0 the links between {0, 1, 2} and the
        // rest are cut. Node 0's neighbours on the 3x3 torus are 1, 2, 3 and 6.
        NetworkRun run = new NetworkRun(TEST_KIT, Topologies.torus(3, 3), apart(0.1), NetworkRun.costModel(6, 1e-3),
                plainLinks(), GossipSettings.synchronous(3, 1, 2 * S, 6));
        run.toNode(0, 4, new GossipNode.Crash(false));
        run.toLinks(0, new LinkActor.Partition(Map.of(0L, 0, 1L, 0, 2L, 0, 3L, 1, 4L, 1, 5L, 1, 6L, 1, 7L, 1, 8L, 1)));

        // Execute
        long idleAt = run.run();
        List<RoundRecord> rounds = run.rounds(true);
        List<GossipNode.IterationFinished> reports = run.observer.of(GossipNode.IterationFinished.class);

        // Assert: every round waited for a timeout (the cut and crashed neighbours), so the run lasted >= 3 x 2 s
        assertThat(idleAt).isGreaterThanOrEqualTo(6 * S);
        assertThat(rounds).hasSize(3).allSatisfy(r -> {
            assertThat(r.participants()).isEqualTo(8);
            assertThat(r.failures()).isEqualTo(1);
            assertThat(r.consensusDistance()).isFinite();
        });
        assertThat(reports).filteredOn(f -> f.node() == 0).hasSize(3).allSatisfy(f -> {
            assertThat(f.received()).containsExactly(1, 2);
            assertThat(f.missing()).containsExactly(3, 6);
        });
        assertThat(reports).filteredOn(f -> f.node() == 5).allSatisfy(f -> assertThat(f.missing()).contains(4, 2));
        assertThat(reports).noneMatch(f -> f.node() == 4);
    }

    @Test
    void twoRunsWithOneSeedGiveIdenticalRoundsAndAnotherSeedDiffers() {
        // Prepare: lossy, jittery links and stochastically rounded int8 messages, so every random stream matters
        GossipNetwork.LinkModels lossy = (from, to) -> new LinkModel(10_000_000L, 20 * MS, 5 * MS, 0.2);
        List<List<RoundRecord>> results = new ArrayList<>();
        for (long seed : new long[] {11, 11, 12}) {
            NetworkRun run = new NetworkRun(TEST_KIT, Topologies.ring(6), apart(0.1), NetworkRun.costModel(seed, 1e-3),
                    lossy, GossipSettings.synchronous(3, 1, S, seed).withMessageQuantizer("int8-stochastic"));

            // Execute
            run.run();
            results.add(run.rounds(true).stream().map(RoundRecord::withoutWallTime).toList());
        }

        // Assert
        assertThat(results.get(0)).hasSize(3).isEqualTo(results.get(1));
        assertThat(results.get(0).get(2).checksum()).hasSize(64).isNotEqualTo(results.get(2).get(2).checksum());
    }

    @Test
    void asynchronousGossipAloneAlsoBringsTheNodesTogether() {
        // Prepare: fast links (77 kB at 100 MB/s + 1 ms, under 2 ms) beside trainings of 7-11 ms, so each mix
        // after the first sees its neighbours' previous adapters
        IntFunction<Adapter> initial = apart(1.0);
        GossipNetwork.LinkModels fast = (from, to) -> new LinkModel(100_000_000L, MS, 0, 0.0);
        NetworkRun run = new NetworkRun(TEST_KIT, Topologies.ring(6), initial, NetworkRun.costModel(8, 0.0),
                fast, GossipSettings.synchronous(6, 1, S, 8).withMode(GossipSettings.Mode.ASYNCHRONOUS));

        // Execute
        run.run();
        List<RoundRecord> rounds = run.rounds(true);

        // Assert: nobody waits, yet each mix averages what arrived: the last round is far closer than the start
        assertThat(rounds).hasSize(6);
        assertThat(rounds.get(5).consensusDistance()).isLessThan(initialDistance(6, initial) * 0.2);
    }

    @Test
    void aSpecWithoutOneProfilePerNodeIsRejected() {
        Topology ring = Topologies.ring(4);
        assertThatThrownBy(() -> new GossipNetwork.Spec(ring, GossipNetwork.MixingKind.LAPLACIAN,
                GossipNetwork.Spec.common(miniLm(2, 1, 1)), NetworkRun.profiles(3), NetworkRun.costModel(1, 0),
                plainLinks(), GossipSettings.synchronous(1, 1, S, 1), 0,
                TEST_KIT.<GossipNode.Event>createTestProbe().ref(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profiles must have one entry per node (4)");
    }
}
