package org.lorasim.policies.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.testing.TestAdapters;

class DecLoraGossipTest {
    private static final MixingMatrix PATH3 = MixingMatrix.metropolisHastings(Topologies.path(3));
    // (A, B, head) of three clients
    private static final List<Adapter> THREE = List.of(
            TestAdapters.scalar(3, 0, 6), TestAdapters.scalar(0, 3, 0), TestAdapters.scalar(6, 6, 3));

    static long[] seeds() {
        long[] s = new long[50];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1000 + i;
        }
        return s;
    }

    @Test
    void oneRoundOnAPathMixesEachFactorWithItsRow() {
        // Prepare: MH on the path 0-1-2: rows (2/3, 1/3, 0), (1/3, 1/3, 1/3), (0, 1/3, 2/3)
        GossipPolicy gossip = new DecLoraGossip();

        // Execute
        List<Adapter> mixed = gossip.mixRound(THREE, PATH3);

        // Assert: client 0: A = 2/3*3 + 1/3*0 = 2, B = 2/3*0 + 1/3*3 = 1, head = 2/3*6 + 1/3*0 = 4
        //         client 1: (x0 + x1 + x2) / 3: A = 9/3 = 3, B = 9/3 = 3, head = 9/3 = 3
        //         client 2: A = 1/3*0 + 2/3*6 = 4, B = 1/3*3 + 2/3*6 = 5, head = 1/3*0 + 2/3*3 = 2
        assertThat(values(mixed.get(0))).containsExactly(new float[]{2, 1, 4}, within(1e-6f));
        assertThat(values(mixed.get(1))).containsExactly(new float[]{3, 3, 3}, within(1e-6f));
        assertThat(values(mixed.get(2))).containsExactly(new float[]{4, 5, 2}, within(1e-6f));
    }

    @Test
    void missingNeighbourWeightGoesToSelf() {
        // Prepare: client 1 hears from 0 but not from 2
        GossipPolicy gossip = new DecLoraGossip(MissingNeighbourRule.WEIGHT_TO_SELF);

        // Execute
        Adapter mixed = gossip.mix(1, THREE.get(1), Map.of(0, THREE.get(0)), PATH3);

        // Assert: weights (1/3, 1/3 + 1/3, 0): A = 3/3 + 0 = 1, B = 0 + 2/3*3 = 2, head = 6/3 + 0 = 2
        assertThat(values(mixed)).containsExactly(new float[]{1, 2, 2}, within(1e-6f));
    }

    @Test
    void missingNeighbourWeightIsRenormalised() {
        // Prepare: client 1 hears from 0 but not from 2
        GossipPolicy gossip = new DecLoraGossip(MissingNeighbourRule.RENORMALISE);

        // Execute
        Adapter mixed = gossip.mix(1, THREE.get(1), Map.of(0, THREE.get(0)), PATH3);

        // Assert: weights (1/3, 1/3) / (2/3) = (1/2, 1/2, 0): A = 1.5, B = 1.5, head = 3
        assertThat(values(mixed)).containsExactly(new float[]{1.5f, 1.5f, 3}, within(1e-6f));
    }

    @Test
    void lonelyClientKeepsItsAdapterUnderBothRules() {
        for (MissingNeighbourRule rule : MissingNeighbourRule.values()) {
            // Execute: nothing arrived
            Adapter mixed = new DecLoraGossip(rule).mix(1, THREE.get(1), Map.of(), PATH3);

            // Assert
            assertThat(mixed).as(rule.name()).isEqualTo(THREE.get(1));
        }
    }

    @Test
    void effectiveWeightsStayStochastic() {
        // Prepare: star of 5, centre 0 misses leaves 2 and 4; MH row 0 is 1/5 everywhere
        MixingMatrix star = MixingMatrix.metropolisHastings(Topologies.star(5));
        boolean[] present = {true, true, false, true, false};

        // Execute
        double[] toSelf = new DecLoraGossip(MissingNeighbourRule.WEIGHT_TO_SELF).effectiveWeights(0, present, star);
        double[] renormalised = new DecLoraGossip(MissingNeighbourRule.RENORMALISE).effectiveWeights(0, present, star);

        // Assert: to self: (1/5 + 2/5, 1/5, 0, 1/5, 0); renormalised: (1/3, 1/3, 0, 1/3, 0)
        assertThat(toSelf).containsExactly(new double[]{0.6, 0.2, 0, 0.2, 0}, within(1e-12));
        assertThat(renormalised).containsExactly(new double[]{1.0 / 3, 1.0 / 3, 0, 1.0 / 3, 0}, within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mixingPreservesTheMeanAndShrinksTheConsensusDistance(long seed) {
        // Prepare: a random connected graph, random adapters, MH or Laplacian weights
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(15);
        Topology g = Topologies.erdosRenyi(n, 0.1 + 0.6 * rng.nextDouble(), rng, ConnectivityRepair.JOIN_COMPONENTS);
        MixingMatrix w = rng.nextBoolean() ? MixingMatrix.metropolisHastings(g) : MixingMatrix.laplacian(g);
        List<Adapter> before = TestAdapters.randomTwoMatrices(rng, n);

        // Execute
        List<Adapter> after = new DecLoraGossip().mixRound(before, w);

        // Assert: the average is kept (Q doubly stochastic), and the distance to it shrinks at least by |lambda_2|^2
        assertThat(Consensus.mean(after).flatten()).containsExactly(Consensus.mean(before).flatten(), within(1e-5f));
        double lambda2 = w.secondLargestEigenvalueModulus();
        double dBefore = Consensus.distance(before);
        double dAfter = Consensus.distance(after);
        assertThat(dAfter).isLessThanOrEqualTo(dBefore);
        assertThat(dAfter).isLessThanOrEqualTo(lambda2 * lambda2 * dBefore + 1e-6 * dBefore);
    }

    @Test
    void repeatedMixingOnARingConvergesToTheAverage() {
        // Prepare: ring of 8, MH weights 1/3: |lambda_2| = 1/3 + 2/3 cos(pi/4) = 0.80, 0.80^150 ~ 1e-14
        SplittableRandom rng = new SplittableRandom(5);
        List<Adapter> adapters = TestAdapters.randomTwoMatrices(rng, 8);
        float[] average = Consensus.mean(adapters).flatten();
        MixingMatrix w = MixingMatrix.metropolisHastings(Topologies.ring(8));
        GossipPolicy gossip = new DecLoraGossip();

        // Execute
        for (int t = 0; t < 150; t++) {
            adapters = gossip.mixRound(adapters, w);
        }

        // Assert: every client holds the initial average, up to float rounding
        for (Adapter a : adapters) {
            assertThat(a.flatten()).containsExactly(average, within(1e-5f));
        }
        assertThat(Consensus.distance(adapters)).isLessThan(1e-10);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void linkFailuresInBothDirectionsKeepTheMeanWhenWeightGoesToSelf(long seed) {
        // Prepare: each link fails (both ways) with probability 0.3
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 3 + rng.nextInt(10);
        Topology g = Topologies.erdosRenyi(n, 0.5, rng, ConnectivityRepair.JOIN_COMPONENTS);
        MixingMatrix w = MixingMatrix.metropolisHastings(g);
        boolean[][] up = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                up[i][j] = up[j][i] = rng.nextDouble() >= 0.3;
            }
        }
        List<Adapter> before = TestAdapters.randomTwoMatrices(rng, n);

        // Execute
        List<Adapter> after = new DecLoraGossip(MissingNeighbourRule.WEIGHT_TO_SELF)
                .mixRound(before, w, (from, to) -> up[from][to]);

        // Assert: the effective matrix is Q without the failed edges, still doubly stochastic
        assertThat(Consensus.mean(after).flatten()).containsExactly(Consensus.mean(before).flatten(), within(1e-5f));
        assertThat(Consensus.distance(after)).isLessThanOrEqualTo(Consensus.distance(before) * (1 + 1e-6));
    }

    @Test
    void oneWayLossWithRenormalisationMovesTheMean() {
        // Prepare: path 0-1-2, client 1 does not hear from client 2 (client 2 still hears from 1)
        GossipPolicy gossip = new DecLoraGossip(MissingNeighbourRule.RENORMALISE);

        // Execute
        List<Adapter> after = gossip.mixRound(THREE, PATH3, (from, to) -> !(from == 2 && to == 1));

        // Assert: client 1 holds (1.5, 1.5, 3) instead of (3, 3, 3): the A-mean is (2 + 1.5 + 4) / 3 = 2.5, not 3
        assertThat(values(after.get(1))).containsExactly(new float[]{1.5f, 1.5f, 3}, within(1e-6f));
        assertThat(Consensus.mean(after).flatten()[0]).isCloseTo(2.5f, within(1e-6f));
    }

    @Test
    void resultDoesNotDependOnTheMapsIterationOrder() {
        // Prepare: the same messages in two maps with different iteration orders
        SplittableRandom rng = new SplittableRandom(9);
        List<Adapter> a = TestAdapters.randomTwoMatrices(rng, 6);
        MixingMatrix w = MixingMatrix.metropolisHastings(Topologies.complete(6));
        Map<Integer, Adapter> ascending = new LinkedHashMap<>();
        Map<Integer, Adapter> descending = new LinkedHashMap<>();
        for (int j = 1; j < 6; j++) {
            ascending.put(j, a.get(j));
            descending.put(6 - j, a.get(6 - j));
        }

        // Execute
        Adapter x = new DecLoraGossip().mix(0, a.get(0), ascending, w);
        Adapter y = new DecLoraGossip().mix(0, a.get(0), descending, w);

        // Assert: bit for bit
        assertThat(x).isEqualTo(y);
    }

    @Test
    void badMessagesAreRejected() {
        GossipPolicy gossip = new DecLoraGossip();
        Adapter own = THREE.get(0);
        Adapter otherRank = Adapter.ofLora(Map.of("w",
                new LoraFactors(2, 1, 1, new float[2], new float[2], 1, LoraScaling.STANDARD)));

        assertThatThrownBy(() -> gossip.mix(0, own, Map.of(2, THREE.get(2)), PATH3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client 0 received an adapter from 2, which is not its neighbour");
        assertThatThrownBy(() -> gossip.mix(0, own, Map.of(0, own), PATH3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("received its own adapter");
        assertThatThrownBy(() -> gossip.mix(0, own, Map.of(7, own), PATH3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 7, not a client in [0, 3)");
        assertThatThrownBy(() -> gossip.mix(3, own, Map.of(), PATH3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("self must be a client in [0, 3), got 3");
        assertThatThrownBy(() -> gossip.mix(0, own, Map.of(1, otherRank), PATH3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adapter from client 1 does not have the layout");
        assertThatThrownBy(() -> gossip.mixRound(THREE.subList(0, 2), PATH3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2 adapters for a mixing matrix of 3 clients");
        Map<Integer, Adapter> nullValue = new HashMap<>();
        nullValue.put(1, null);
        assertThatThrownBy(() -> gossip.mix(0, own, nullValue, PATH3))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("adapter from 1");
    }

    private static float[] values(Adapter a) {
        return a.flatten();
    }
}
