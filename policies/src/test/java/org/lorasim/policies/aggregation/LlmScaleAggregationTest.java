package org.lorasim.policies.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.annealing.RankReduction;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.parallel.MatrixPool;
import org.lorasim.policies.testing.RandomFactors;

/**
 * The server side at LLM size, in small: matrices aggregated in parallel give bit-identical results for
 * any thread count, the GRAM route agrees with the full SVD, and matrices far too large to form densely
 * (out x in above any Java array) are aggregated from their factors.
 */
class LlmScaleAggregationTest {

    /** 12 clients of ranks 1..8 over 6 matrices of 40 x 56 and 56 x 40, with a dense head. */
    private static List<WeightedAdapter> round(long seed) {
        RandomGenerator rng = RandomFactors.rng(seed);
        int[][] ranks = new int[12][];
        for (int k = 0; k < ranks.length; k++) {
            ranks[k] = rng.ints(6, 1, 9).toArray();
        }
        return RandomFactors.clients(rng, 56, 40, 5, ranks);
    }

    @Test
    void flexLoraIsBitIdenticalOnOneAndTwoThreadsForEveryRoute() {
        for (SvdRoute route : SvdRoute.values()) {
            // Prepare
            List<WeightedAdapter> updates = round(1);

            // Execute
            FlexLoraState one = new FlexLora(route, new MatrixPool(1)).aggregateState(updates);
            FlexLoraState two = new FlexLora(route, new MatrixPool(2)).aggregateState(updates);
            FlexLoraState three = new FlexLora(route, new MatrixPool(3)).aggregateState(updates);

            // Assert: the same singular triplets bit for bit (TruncatedSvd equality compares every double)
            assertThat(two.matrices()).as(route.name()).isEqualTo(one.matrices());
            assertThat(three.matrices()).as(route.name()).isEqualTo(one.matrices());
            assertThat(two.forRank(4)).isEqualTo(one.forRank(4));
        }
    }

    @Test
    void gramRouteAgreesWithTheFullSvdToOneInABillion() {
        for (int seed = 0; seed < 10; seed++) {
            // Prepare
            List<WeightedAdapter> updates = round(100 + seed);

            // Execute
            FlexLoraState gram = new FlexLora(SvdRoute.GRAM, new MatrixPool(2)).aggregateState(updates);
            FlexLoraState full = new FlexLora(SvdRoute.FULL, new MatrixPool(2)).aggregateState(updates);

            // Assert: spectra and every rank-r cut within 1e-9 of sigma_1
            for (String name : full.matrices().keySet()) {
                double[] expected = full.singularValues(name);
                double scale = expected[0];
                assertThat(gram.singularValues(name)).as("seed %d %s", seed, name).containsExactly(expected, within(1e-9 * scale));
                for (int r = 1; r <= full.keptRank(name); r++) {
                    double[] g = gram.product(name, r);
                    double[] f = full.product(name, r);
                    for (int i = 0; i < f.length; i++) {
                        assertThat(g[i]).as("seed %d %s rank %d", seed, name, r).isCloseTo(f[i], within(1e-9 * scale));
                    }
                }
            }
        }
    }

    @Test
    void streamingEachMatrixGivesTheSameStateAsAggregatingTheAdapters() {
        // Prepare
        List<WeightedAdapter> updates = round(2);
        FlexLora flexLora = new FlexLora(SvdRoute.GRAM, new MatrixPool(2));
        Map<String, FlexLoraState.Matrix> streamed = new ConcurrentHashMap<>();

        // Execute
        flexLora.aggregateEach(ClientFactors.of(updates), Map.of("m1", 9), streamed::put);
        FlexLoraState held = flexLora.aggregateState(updates, Map.of("m1", 9));

        // Assert
        assertThat(new TreeMap<>(streamed)).isEqualTo(held.matrices());
        assertThat(held.keptRank("m1")).isEqualTo(9);
    }

    @Test
    void hetLoraAndRankReductionAreBitIdenticalOnOneAndTwoThreads() {
        // Prepare: HetLoRA's global rank 8 per matrix
        List<WeightedAdapter> updates = round(3);
        Adapter global = updates.get(0).adapter().mapLora((name, f) -> LoraFactors.zeros(8, f.inFeatures(),
                f.outFeatures(), f.alpha(), f.scaling()));
        Map<String, Integer> halve = new TreeMap<>();
        global.lora().keySet().forEach(name -> halve.put(name, 4));

        // Execute
        Adapter hetOne = new HetLora(false, false, new MatrixPool(1)).aggregate(global, updates);
        Adapter hetTwo = new HetLora(false, false, new MatrixPool(2)).aggregate(global, updates);
        Adapter reducedOne = RankReduction.reduce(hetOne, halve, new MatrixPool(1));
        Adapter reducedTwo = RankReduction.reduce(hetOne, halve, new MatrixPool(2));
        Map<String, LoraFactors> streamed = new ConcurrentHashMap<>();
        Map<String, Integer> globalRanks = new TreeMap<>();
        global.lora().keySet().forEach(name -> globalRanks.put(name, 8));
        new HetLora(false, false, new MatrixPool(2)).aggregateEach(ClientFactors.of(updates), globalRanks, streamed::put);

        // Assert
        assertThat(hetTwo).isEqualTo(hetOne);
        assertThat(reducedTwo).isEqualTo(reducedOne);
        assertThat(reducedOne.factors("m0").rank()).isEqualTo(4);
        assertThat(new TreeMap<>(streamed)).isEqualTo(hetOne.lora());
    }

    @Test
    void aggregatesMatricesTooLargeToFormDensely() {
        // Prepare: out x in = 50,000 x 70,000 = 3.5e9 entries, more than any Java array holds, so a route
        // that formed the matrix (or any per-client product) could not run. Two rank-1 clients, alpha 1
        // (scale 1), equal weights: dW = 0.5 (3 e_0 e_5^T) + 0.5 (2 e_1 e_7^T), singular values 1.5 and 1.
        int out = 50_000;
        int in = 70_000;
        ClientFactors round = twoClients(out, in);

        for (SvdRoute route : List.of(SvdRoute.GRAM, SvdRoute.FACTORED)) {
            // Execute
            Map<String, FlexLoraState.Matrix> state = new ConcurrentHashMap<>();
            new FlexLora(route, new MatrixPool(2)).aggregateEach(round, Map.of("big", 2), state::put);
            FlexLoraState flex = new FlexLoraState(state, Map.of());
            LoraFactors rank1 = flex.factors("big", 1);

            // Assert: sigma = (1.5, 1); the rank-1 cut is 1.5 e_0 e_5^T: B = +-1.5 e_0, A = +-e_5
            assertThat(flex.singularValues("big")).as(route.name()).containsExactly(new double[] {1.5, 1.0}, within(1e-12));
            assertThat(Math.abs(rank1.b()[0] * rank1.a()[5])).isCloseTo(1.5f, within(1e-6f));
        }
        Map<String, LoraFactors> het = new ConcurrentHashMap<>();
        new HetLora(false, false, new MatrixPool(2)).aggregateEach(round, Map.of("big", 2), het::put);
        // HetLoRA: A[0, :] = 0.5 A_0 + 0.5 A_1 (both rank 1), B[:, 0] = 0.5 B_0 + 0.5 B_1 (row-major, r_max = 2)
        assertThat(het.get("big").a()[5]).isEqualTo(0.5f);
        assertThat(het.get("big").a()[7]).isEqualTo(1.0f);
        assertThat(het.get("big").b()[0]).isEqualTo(1.5f);
        assertThat(het.get("big").b()[2]).isEqualTo(0.5f);
    }

    private static ClientFactors twoClients(int out, int in) {
        return new ClientFactors() {
            @Override
            public SortedSet<String> matrices() {
                return new TreeSet<>(List.of("big"));
            }

            @Override
            public int clients() {
                return 2;
            }

            @Override
            public double weight(int client) {
                return 10;
            }

            @Override
            public LoraFactors factors(int client, String matrix) {
                float[] a = new float[in];
                float[] b = new float[out];
                a[client == 0 ? 5 : 7] = client == 0 ? 1 : 2;
                b[client] = client == 0 ? 3 : 1;
                return new LoraFactors(1, in, out, a, b, 1.0, LoraScaling.STANDARD);
            }
        };
    }
}
