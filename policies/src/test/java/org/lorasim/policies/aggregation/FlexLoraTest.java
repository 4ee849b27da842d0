package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.testing.RandomFactors;

class FlexLoraTest {

    /** Two clients on a 2x2 matrix, alpha 2 (standard): rank 1 has s = 2, rank 2 has s = 1. */
    static List<WeightedAdapter> diagonalRound() {
        // client 1, rank 1: B = [1; 0], A = [2 0], B A = [[2,0],[0,0]]
        LoraFactors c1 = new LoraFactors(1, 2, 2, new float[] {2, 0}, new float[] {1, 0}, 2.0, LoraScaling.STANDARD);
        // client 2, rank 2: B = [[0,0],[0,3]], A = I, B A = [[0,0],[0,3]]
        LoraFactors c2 = new LoraFactors(2, 2, 2, new float[] {1, 0, 0, 1}, new float[] {0, 0, 0, 3}, 2.0, LoraScaling.STANDARD);
        return List.of(
                new WeightedAdapter(new Adapter(Map.of("q", c1), Map.of("head", new DenseTensor(new int[] {2}, new float[] {1, 2}))), 10),
                new WeightedAdapter(new Adapter(Map.of("q", c2), Map.of("head", new DenseTensor(new int[] {2}, new float[] {3, 6}))), 10));
    }

    @Test
    void knownDiagonalProductIsCutAlongItsLargestEntries() {
        for (SvdRoute route : SvdRoute.values()) {
            // Prepare: p = (1/2, 1/2); dW = 1/2 * 2 * [[2,0],[0,0]] + 1/2 * 1 * [[0,0],[0,3]] = diag(2, 1.5)
            List<WeightedAdapter> updates = diagonalRound();

            // Execute
            FlexLoraState state = new FlexLora(route).aggregateState(updates);
            LoraFactors rank1 = state.factors("q", 1);
            LoraFactors rank2 = state.factors("q", 2);

            // Assert: sigma = (2, 1.5); rank 1 keeps diag(2, 0): s_1 = 2, B = +-[1; 0] (= U_1 * 2 / 2), A = +-[1 0]
            assertThat(state.singularValues("q")).containsExactly(new double[] {2, 1.5}, within(1e-12));
            assertThat(rank1.product()).as(route.name()).containsExactly(new double[] {2, 0, 0, 0}, within(1e-6));
            assertThat(Math.abs(rank1.b()[0])).isCloseTo(1f, within(1e-6f));
            assertThat(Math.abs(rank1.a()[0])).isCloseTo(1f, within(1e-6f));
            // rank 2 (s_2 = 1) reproduces dW itself
            assertThat(rank2.product()).containsExactly(new double[] {2, 0, 0, 1.5}, within(1e-6));
            // head: 1/2 [1 2] + 1/2 [3 6] = [2 4]
            assertThat(state.dense().get("head").values()).containsExactly(2f, 4f);
        }
    }

    @Test
    void factoredAndFullRoutesAgreeOverRandomHeterogeneousRounds() {
        for (int seed = 0; seed < 60; seed++) {
            // Prepare: 2..6 clients, 2 matrices of shape out x in, ranks 1..12 per matrix (R may exceed in or out)
            RandomGenerator rng = RandomFactors.rng(seed);
            int in = 2 + rng.nextInt(24);
            int out = 2 + rng.nextInt(24);
            int[][] ranks = new int[2 + rng.nextInt(5)][];
            for (int k = 0; k < ranks.length; k++) {
                ranks[k] = new int[] {1 + rng.nextInt(12), 1 + rng.nextInt(12)};
            }
            List<WeightedAdapter> updates = RandomFactors.clients(rng, in, out, 3, ranks);

            // Execute
            FlexLoraState factored = new FlexLora(SvdRoute.FACTORED).aggregateState(updates);
            FlexLoraState full = new FlexLora(SvdRoute.FULL).aggregateState(updates);

            // Assert: same spectrum and the same rank-r cut for every rank kept, to 1e-5 relative
            for (String name : List.of("m0", "m1")) {
                double[] sf = factored.singularValues(name);
                double[] sF = full.singularValues(name);
                assertThat(sf.length).isEqualTo(sF.length);
                for (int j = 0; j < sf.length; j++) {
                    assertThat(sf[j]).as("seed %d %s sigma_%d", seed, name, j).isCloseTo(sF[j], within(1e-5 * sF[0]));
                }
                for (int r = 1; r <= factored.keptRank(name); r++) {
                    double[] fromFactors = factored.factors(name, r).product();
                    assertThat(RandomFactors.relativeDistance(factored.product(name, r), full.product(name, r)))
                            .as("seed %d %s rank %d", seed, name, r).isLessThan(1e-5);
                    assertThat(RandomFactors.relativeDistance(fromFactors, full.product(name, r)))
                            .as("seed %d %s rank %d from float factors", seed, name, r).isLessThan(1e-5);
                }
            }
            assertThat(factored.dense()).isEqualTo(full.dense());
        }
    }

    @Test
    void cutAtTheFullAvailableRankReproducesTheAverageProduct() {
        for (int seed = 0; seed < 40; seed++) {
            // Prepare: R = sum of ranks <= min(in, out), so dW has rank <= R and a rank-R cut is exact
            RandomGenerator rng = RandomFactors.rng(500 + seed);
            int[][] ranks = {{1 + rng.nextInt(3)}, {1 + rng.nextInt(3)}, {1 + rng.nextInt(3)}};
            int total = ranks[0][0] + ranks[1][0] + ranks[2][0];
            List<WeightedAdapter> updates = RandomFactors.clients(rng, 10 + rng.nextInt(5), 9 + rng.nextInt(5), 0, ranks);

            // Execute
            FlexLoraState state = new FlexLora().aggregateState(updates, Map.of("m0", total));

            // Assert
            assertThat(RandomFactors.relativeDistance(state.factors("m0", total).product(), ProductAverage.dense("m0", updates)))
                    .as("seed %d", seed).isLessThan(1e-5);
        }
    }

    @Test
    void ranksAboveTheRoundsTotalRankGetZeroDirectionsWithOrthonormalA() {
        // Prepare: two rank-1 clients on a 6x5 matrix: R = 2, a client asks for 4
        List<WeightedAdapter> updates = RandomFactors.clients(RandomFactors.rng(8), 5, 6, 0, new int[][] {{1}, {1}});

        // Execute
        LoraFactors cut = new FlexLora().aggregateState(updates, Map.of("m0", 4)).factors("m0", 4);

        // Assert: B's last 2 columns are zero; A's 4 rows are orthonormal
        for (int o = 0; o < 6; o++) {
            assertThat(cut.b()[o * 4 + 2]).isZero();
            assertThat(cut.b()[o * 4 + 3]).isZero();
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int c = 0; c < 5; c++) {
                    dot += (double) cut.a()[i * 5 + c] * cut.a()[j * 5 + c];
                }
                assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-6));
            }
        }
        assertThat(RandomFactors.relativeDistance(cut.product(), ProductAverage.dense("m0", updates))).isLessThan(1e-5);
    }

    @Test
    void asAnAggregatorItReturnsTheGlobalRanks() {
        // Prepare: clients of ranks 2 and 6; the global adapter has rank 4
        RandomGenerator rng = RandomFactors.rng(11);
        List<WeightedAdapter> updates = RandomFactors.clients(rng, 8, 7, 2, new int[][] {{2}, {6}});
        Adapter global = RandomFactors.clients(rng, 8, 7, 2, new int[][] {{4}}).get(0).adapter();

        // Execute
        Adapter next = new FlexLora().aggregate(global, updates);

        // Assert
        assertThat(next.sameLayout(global)).isTrue();
        assertThat(RandomFactors.relativeDistance(next.factors("m0").product(),
                new FlexLora(SvdRoute.FULL).aggregateState(updates).product("m0", 4))).isLessThan(1e-5);
    }

    @Test
    void cutsEachMatrixToItsOwnRank() {
        // Prepare
        List<WeightedAdapter> updates = RandomFactors.clients(RandomFactors.rng(12), 6, 6, 0, new int[][] {{3, 5}, {4, 2}});

        // Execute
        Adapter cut = new FlexLora().aggregateState(updates).forRanks(Map.of("m0", 2, "m1", 5));

        // Assert: kept ranks are max(3, 4) = 4 and max(5, 2) = 5
        assertThat(cut.factors("m0").rank()).isEqualTo(2);
        assertThat(cut.factors("m1").rank()).isEqualTo(5);
        assertThat(cut.factors("m0").scale()).isEqualTo(16.0 / 2);
    }

    @Test
    void rejectsBadRanksAndBadRounds() {
        // Prepare: 4x3 matrices, ranks 2 and 3
        RandomGenerator rng = RandomFactors.rng(13);
        List<WeightedAdapter> updates = RandomFactors.clients(rng, 3, 4, 0, new int[][] {{2}, {3}});
        FlexLoraState state = new FlexLora().aggregateState(updates);
        List<WeightedAdapter> otherShape = RandomFactors.clients(rng, 4, 4, 0, new int[][] {{2}});

        // Execute / Assert
        assertThatThrownBy(() -> state.forRanks(Map.of("m0", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank of 'm0' must be > 0");
        assertThatThrownBy(() -> state.forRanks(Map.of("m0", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 4 of 'm0' exceeds the 3");
        assertThatThrownBy(() -> state.forRanks(Map.of("m1", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranks are given for [m1]");
        assertThatThrownBy(() -> new FlexLora().aggregateState(updates, Map.of("m0", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kept rank 4 of 'm0' exceeds min(in, out)=3");
        assertThatThrownBy(() -> new FlexLora().aggregateState(updates, Map.of("zz", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no LoRA matrix named 'zz'");
        assertThatThrownBy(() -> new FlexLora().aggregateState(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client updates must not be empty");
        assertThatThrownBy(() -> new FlexLora().aggregateState(List.of(updates.get(0), otherShape.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client update 1 matrix 'm0' is 4x4");
        assertThatThrownBy(() -> state.singularValues("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no matrix named 'nope'");
    }
}
