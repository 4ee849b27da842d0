package org.lorasim.policies.fedpipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FedPipePlannerTest {

    // The hand-worked setting: N = 1000, 10 activation bytes per token, T = 10 tokens per step.
    //   base memory: fp16 2000 + 100 = 2100; nf4 (500 + 4 * 16) + 100 = 664.  base FLOPs: 10 * 4 * 1000 = 40,000
    //   q and v are 8x8: rank r costs 296 r bytes (16 * 16 r + 10 * 4 r) and 960 r FLOPs (10 * 6 * 16 r)
    //   LOG utility with r_max = 4: g(2) = log2(3) / log2(5) = 0.6826062, g(4) = 1
    private static final FedPipeCostModel MODEL = FedPipeCostModel.defaults(1000, 10);
    private static final List<CandidateMatrix> QV = List.of(
            CandidateMatrix.of("q", 8, 8, 1.0), CandidateMatrix.of("v", 8, 8, 0.5));
    private static final List<BasePrecision> FP16_NF4 = List.of(BasePrecision.fp16(1000), BasePrecision.nf4(1000));
    private static final double G2 = Math.log(3) / Math.log(5);

    private static FedPipePlanner planner(double precisionWeight) {
        return new FedPipePlanner(MODEL, PlannerSettings.of(List.of(0, 2, 4)).withPrecisionWeight(precisionWeight));
    }

    @Test
    void utilityFirstQuantizesTheBaseWhenThatBuysRank() {
        // Prepare: 3,300 bytes, 50,000 FLOPs per step (1 s at 50,000 FLOP/s)
        ClientBudget client = new ClientBudget("c1", 1.0, 3300, 50_000, 10);

        // Execute
        ClientPlan plan = planner(0).plan(QV, FP16_NF4, client);

        // Assert: fp16 leaves 1,200 bytes: q2 + v2 (1,184 bytes) = 1.5 * 0.6826 = 1.0239 is its best;
        //         nf4 leaves 2,636 bytes: q4 + v4 (2,368 bytes, 7,680 FLOPs) = 1.5, which wins
        assertThat(plan).isInstanceOf(ClientPlan.Planned.class);
        ClientPlan.Planned p = (ClientPlan.Planned) plan;
        assertThat(p.precision().name()).isEqualTo("nf4");
        assertThat(p.ranks()).containsExactlyEntriesOf(new TreeMap<>(Map.of("q", 4, "v", 4)));
        assertThat(p.adapterUtility()).isEqualTo(1.5);
        assertThat(p.memoryBytes()).isEqualTo(664 + 2368);
        assertThat(p.flopsPerStep()).isEqualTo(40_000 + 7_680);
        assertThat(p.stepSeconds()).isCloseTo(47_680 / 50_000.0, within(1e-15));
    }

    @Test
    void precisionFirstKeepsFp16AndShrinksTheAdapters() {
        // Prepare
        ClientBudget client = new ClientBudget("c1", 1.0, 3300, 50_000, 10);

        // Execute
        ClientPlan.Planned p = (ClientPlan.Planned) planner(PlannerSettings.PRECISION_FIRST).plan(QV, FP16_NF4, client);

        // Assert: fp16 fits, so it is kept; its best adapters are q2 + v2: 2,100 + 1,184 = 3,284 bytes
        assertThat(p.precision().name()).isEqualTo("fp16");
        assertThat(p.ranks()).containsExactlyEntriesOf(new TreeMap<>(Map.of("q", 2, "v", 2)));
        assertThat(p.adapterUtility()).isCloseTo(1.0 * G2 + 0.5 * G2, within(1e-15));
        assertThat(p.memoryBytes()).isEqualTo(3284);
    }

    @Test
    void aPrecisionWeightTradesBitsAgainstUtility() {
        // Prepare
        ClientBudget client = new ClientBudget("c1", 1.0, 3300, 50_000, 10);

        // Execute
        ClientPlan.Planned heavy = (ClientPlan.Planned) planner(1.0).plan(QV, FP16_NF4, client);
        ClientPlan.Planned light = (ClientPlan.Planned) planner(0.5).plan(QV, FP16_NF4, client);

        // Assert: w = 1: fp16 1.0239 + 1 * 16/16 = 2.0239 beats nf4 1.5 + 1 * 4/16 = 1.75
        //         w = 0.5: fp16 1.0239 + 0.5 = 1.5239 loses to nf4 1.5 + 0.125 = 1.625
        assertThat(heavy.precision().name()).isEqualTo("fp16");
        assertThat(heavy.objective()).isEqualTo(1.5 * G2 + 1.0, within(1e-15));
        assertThat(light.precision().name()).isEqualTo("nf4");
        assertThat(light.objective()).isEqualTo(1.625);
    }

    @Test
    void equalUtilityPrefersTheMorePreciseBase() {
        // Prepare: 45,000 FLOPs leave 5,000 for adapters: q4 + v4 (7,680) and q4 + v2 (5,760) no longer fit
        ClientBudget client = new ClientBudget("c1", 1.0, 3300, 45_000, 10);

        // Execute: nf4 listed first, so the tie rule and not the list order decides
        ClientPlan.Planned p = (ClientPlan.Planned) planner(0).plan(QV, List.of(FP16_NF4.get(1), FP16_NF4.get(0)), client);

        // Assert: both precisions reach q2 + v2 (3,840 FLOPs) = 1.0239; the tie goes to fp16
        assertThat(p.precision().name()).isEqualTo("fp16");
        assertThat(p.ranks()).containsExactlyEntriesOf(new TreeMap<>(Map.of("q", 2, "v", 2)));
        assertThat(p.flopsPerStep()).isEqualTo(43_840).isLessThanOrEqualTo(p.flopBudget());
    }

    @Test
    void zeroImportanceMatricesAreNotAdapted() {
        // Prepare
        List<CandidateMatrix> candidates = List.of(CandidateMatrix.of("q", 8, 8, 1.0), CandidateMatrix.of("k", 8, 8, 0.0));
        ClientBudget roomy = new ClientBudget("c", 10, 1_000_000, 1e9, 10);

        // Execute
        ClientPlan.Planned p = (ClientPlan.Planned) planner(0).plan(candidates, FP16_NF4, roomy);

        // Assert: everything fits at fp16, k adds no utility and so gets no adapter
        assertThat(p.precision().name()).isEqualTo("fp16");
        assertThat(p.ranks()).containsExactlyEntriesOf(new TreeMap<>(Map.of("q", 4)));
        assertThat(p.rankOf("k")).isZero();
    }

    @Test
    void infeasibleClientsNameTheBindingBudget() {
        // Prepare: nf4's base needs 664 bytes and 40,000 FLOPs; fp16's 2,100 bytes
        ClientBudget smallMemory = new ClientBudget("tiny-mem", 1.0, 600, 1e6, 10);
        ClientBudget slow = new ClientBudget("slow", 1.0, 1_000_000, 39_999, 10);
        ClientBudget both = new ClientBudget("both", 1.0, 600, 39_999, 10);
        // fp16 fails memory (2,100 > 1,000); nf4 with 20,000 dequantization FLOPs fails time (60,000 > 50,000)
        List<BasePrecision> mixed = List.of(BasePrecision.fp16(1000), BasePrecision.nf4(1000).withExtraFlopsPerStep(20_000));
        ClientBudget split = new ClientBudget("split", 1.0, 1000, 50_000, 10);

        // Execute
        List<ClientPlan> plans = planner(0).planAll(QV, FP16_NF4, List.of(smallMemory, slow, both));
        ClientPlan splitPlan = planner(0).plan(QV, mixed, split);

        // Assert
        assertThat(plans).allSatisfy(p -> assertThat(p).isInstanceOf(ClientPlan.Infeasible.class));
        assertThat(((ClientPlan.Infeasible) plans.get(0)).binding()).isEqualTo(ClientPlan.BindingBudget.MEMORY);
        assertThat(((ClientPlan.Infeasible) plans.get(0)).explanation()).contains("tiny-mem").contains("664 bytes");
        assertThat(((ClientPlan.Infeasible) plans.get(1)).binding()).isEqualTo(ClientPlan.BindingBudget.TIME);
        assertThat(((ClientPlan.Infeasible) plans.get(2)).binding()).isEqualTo(ClientPlan.BindingBudget.MEMORY_AND_TIME);
        assertThat(plans.get(2).clientId()).isEqualTo("both");
        assertThat(((ClientPlan.Infeasible) splitPlan).binding()).isEqualTo(ClientPlan.BindingBudget.MEMORY_AND_TIME);
        assertThat(((ClientPlan.Infeasible) splitPlan).explanation()).contains("60000 FLOPs");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void equalsBruteForceOverEveryPrecisionAndRankCombination(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int trial = 0; trial < 20; trial++) {
            // Prepare: 2-5 matrices (some sharing a shape), 3 ranks, 2-3 precisions, budgets around the edge
            int n = rng.nextInt(2, 6);
            List<CandidateMatrix> candidates = new ArrayList<>();
            for (int m = 0; m < n; m++) {
                int in = rng.nextBoolean() ? 16 : rng.nextInt(8, 40);
                int out = rng.nextBoolean() ? 16 : rng.nextInt(8, 40);
                candidates.add(new CandidateMatrix("m" + m, in, out, rng.nextDouble(0, 2), m / 2, "t" + (m % 2)));
            }
            List<Integer> ranks = List.of(new int[] {1, 2}[rng.nextInt(2)], 4, 8);
            long params = rng.nextLong(1_000, 20_000);
            FedPipeCostModel model = FedPipeCostModel.defaults(params, rng.nextLong(0, 50));
            List<BasePrecision> precisions = new ArrayList<>(List.of(BasePrecision.fp16(params), BasePrecision.nf4(params)
                    .withExtraFlopsPerStep(rng.nextBoolean() ? 0 : rng.nextLong(0, 5_000))));
            if (rng.nextBoolean()) {
                precisions.add(1, BasePrecision.int8(params, 64));
            }
            List<BasePrecision> offered = new ArrayList<>(precisions);
            java.util.Collections.shuffle(offered, new java.util.Random(rng.nextLong()));
            long tokens = rng.nextLong(1, 40);
            ClientBudget probe = new ClientBudget("probe", 1, 1, 1, tokens);
            long adaptersMemory = 0;
            long adaptersFlops = 0;
            for (CandidateMatrix m : candidates) {
                adaptersMemory += model.adapterMemory(m, 8, probe);
                adaptersFlops += model.adapterFlops(m, 8, probe);
            }
            long memory = rng.nextLong(model.baseMemory(precisions.get(precisions.size() - 1), probe) * 9 / 10,
                    model.baseMemory(precisions.get(0), probe) + adaptersMemory);
            long flopBudget = rng.nextLong(model.baseFlops(precisions.get(0), probe) * 9 / 10,
                    model.baseFlops(precisions.get(0), probe) + 5_000 + adaptersFlops);
            ClientBudget client = new ClientBudget("c" + trial, 1.0, memory, flopBudget, tokens);
            double weight = new double[] {0, 0.3, PlannerSettings.PRECISION_FIRST}[rng.nextInt(3)];
            PlannerSettings settings = PlannerSettings.of(ranks)
                    .withRankUtility(RankUtility.values()[rng.nextInt(3)]).withPrecisionWeight(weight);

            // Execute
            ClientPlan plan = new FedPipePlanner(model, settings).plan(candidates, offered, client);
            BruteForce brute = bruteForce(model, settings, candidates, offered, client);

            // Assert
            if (brute == null) {
                assertThat(plan).as("trial %d", trial).isInstanceOf(ClientPlan.Infeasible.class);
                continue;
            }
            assertThat(plan).as("trial %d", trial).isInstanceOf(ClientPlan.Planned.class);
            ClientPlan.Planned p = (ClientPlan.Planned) plan;
            assertThat(p.objective()).as("trial %d", trial).isEqualTo(brute.objective());
            assertThat(p.precision().bits()).as("trial %d", trial).isEqualTo(brute.bits());
            assertThat(p.memoryBytes()).isEqualTo(model.memory(p.precision(), candidates, p.ranks(), client))
                    .isLessThanOrEqualTo(memory);
            assertThat(p.flopsPerStep()).isEqualTo(model.flops(p.precision(), candidates, p.ranks(), client))
                    .isLessThanOrEqualTo(client.flopBudget());
            assertThat(p.ranks().values()).allSatisfy(r -> assertThat(settings.ranks()).contains(r));
        }
    }

    @Test
    void agreesWithTheMatrixLevelKnapsackOnATransformerSizedCase() {
        // Prepare: a MiniLM-like encoder: 6 layers of q, k, v, o (384x384), up (384->1536), down (1536->384)
        SplittableRandom rng = new SplittableRandom(6);
        List<CandidateMatrix> candidates = new ArrayList<>();
        for (int layer = 0; layer < 6; layer++) {
            for (String t : List.of("q", "k", "v", "o", "up", "down")) {
                int in = t.equals("down") ? 1536 : 384;
                int out = t.equals("up") ? 1536 : 384;
                candidates.add(new CandidateMatrix(layer + "." + t, in, out, rng.nextDouble(), layer, t));
            }
        }
        long params = 22_700_000;
        FedPipeCostModel model = FedPipeCostModel.defaults(params, 30_000);
        List<BasePrecision> precisions = List.of(BasePrecision.fp16(params), BasePrecision.nf4(params));
        PlannerSettings settings = PlannerSettings.of(List.of(2, 4, 8, 16));
        ClientBudget client = new ClientBudget("edge", 0.2, 40_000_000, 1e12, 16 * 48);

        // Execute
        ClientPlan.Planned plan = (ClientPlan.Planned) new FedPipePlanner(model, settings).plan(candidates, precisions, client);
        double matrixLevel = Double.NEGATIVE_INFINITY;
        for (BasePrecision p : precisions) {
            List<List<MultipleChoiceKnapsack.Option>> items = new ArrayList<>();
            for (CandidateMatrix m : candidates) {
                List<MultipleChoiceKnapsack.Option> options = new ArrayList<>(List.of(new MultipleChoiceKnapsack.Option(0, 0, 0)));
                for (int r : settings.ranks()) {
                    options.add(new MultipleChoiceKnapsack.Option(settings.utility(m.importance(), r),
                            model.adapterMemory(m, r, client), model.adapterFlops(m, r, client)));
                }
                items.add(options);
            }
            long memoryLeft = client.memoryBytes() - model.baseMemory(p, client);
            long flopsLeft = client.flopBudget() - model.baseFlops(p, client);
            if (memoryLeft >= 0 && flopsLeft >= 0) {
                matrixLevel = Math.max(matrixLevel, MultipleChoiceKnapsack.maximize(items, memoryLeft, flopsLeft)
                        .orElseThrow().value());
            }
        }

        // Assert: two exact methods (class-level DP + knapsack, and matrix-level branch and bound) agree;
        // summation order differs, so equality is up to rounding
        assertThat(plan.adapterUtility()).isCloseTo(matrixLevel, within(1e-12));
        assertThat(plan.ranks().size()).isBetween(1, 35);
    }

    @Test
    void badInputsAreRejectedWithTheirNames() {
        ClientBudget client = new ClientBudget("c", 1, 10_000, 1e6, 10);
        FedPipePlanner planner = planner(0);
        assertThatThrownBy(() -> planner.plan(List.of(), FP16_NF4, client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates");
        assertThatThrownBy(() -> planner.plan(QV, List.of(), client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precisions");
        assertThatThrownBy(() -> planner.plan(List.of(CandidateMatrix.of("tiny", 3, 8, 1)), FP16_NF4, client))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 4 exceeds min(in, out) = 3 of candidate 'tiny'");
        assertThatThrownBy(() -> planner.plan(List.of(QV.get(0), QV.get(0)), FP16_NF4, client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'q' appears twice");
        assertThatThrownBy(() -> planner.plan(QV, List.of(BasePrecision.fp16(10), BasePrecision.fp16(20)), client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fp16' appears twice");
        assertThatThrownBy(() -> planner.planAll(QV, FP16_NF4, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients");
        assertThatThrownBy(() -> PlannerSettings.of(List.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank > 0");
        assertThatThrownBy(() -> PlannerSettings.of(List.of(4, -2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank must be >= 0, got -2");
        assertThatThrownBy(() -> PlannerSettings.of(List.of(4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 4 is listed twice");
        assertThatThrownBy(() -> PlannerSettings.of(List.of(4)).withPrecisionWeight(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precisionWeight");
        assertThatThrownBy(() -> new ClientBudget("c", -1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepTimeSeconds");
        assertThatThrownBy(() -> CandidateMatrix.of("k", 8, 8, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("importance");
    }

    @Test
    void rankUtilitiesAreZeroAtZeroOneAtTheTopAndIncreasing() {
        for (RankUtility g : RankUtility.values()) {
            // Prepare / Execute / Assert
            assertThat(g.of(0, 16)).isZero();
            assertThat(g.of(16, 16)).isEqualTo(1.0);
            for (int r = 1; r <= 16; r++) {
                assertThat(g.of(r, 16)).isGreaterThan(g.of(r - 1, 16));
            }
        }
        assertThat(RankUtility.LOG.of(2, 4)).isEqualTo(G2, within(1e-15));   // log2(3) / log2(5)
        assertThat(RankUtility.SQRT.of(4, 16)).isEqualTo(0.5);                 // sqrt(4 / 16)
        assertThatThrownBy(() -> RankUtility.LINEAR.of(17, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 17");
    }

    private record BruteForce(double objective, int bits) {
    }

    /** The best (objective, bits) over every precision and every rank tuple, or null if nothing fits. */
    private static BruteForce bruteForce(FedPipeCostModel model, PlannerSettings settings, List<CandidateMatrix> candidates,
                                         List<BasePrecision> precisions, ClientBudget client) {
        int maxBits = precisions.stream().mapToInt(BasePrecision::bits).max().orElseThrow();
        List<Integer> options = new ArrayList<>(List.of(0));
        options.addAll(settings.ranks());
        BruteForce best = null;
        for (BasePrecision p : precisions) {
            int[] choice = new int[candidates.size()];
            while (true) {
                Map<String, Integer> ranks = new TreeMap<>();
                double utility = 0;
                for (int m = 0; m < candidates.size(); m++) {
                    int r = options.get(choice[m]);
                    ranks.put(candidates.get(m).name(), r);
                    utility += settings.utility(candidates.get(m).importance(), r);
                }
                if (model.memory(p, candidates, ranks, client) <= client.memoryBytes()
                        && model.flops(p, candidates, ranks, client) <= client.flopBudget()) {
                    // the documented order: PRECISION_FIRST compares (bits, utility), otherwise
                    // (utility + w * bits / maxBits, bits)
                    double w = settings.precisionWeight();
                    double objective = w == PlannerSettings.PRECISION_FIRST ? utility : utility + w * p.bits() / maxBits;
                    boolean better = best == null
                            || (w == PlannerSettings.PRECISION_FIRST
                                ? p.bits() > best.bits() || (p.bits() == best.bits() && objective > best.objective())
                                : objective > best.objective() || (objective == best.objective() && p.bits() > best.bits()));
                    if (better) {
                        best = new BruteForce(objective, p.bits());
                    }
                }
                int m = 0;
                while (m < choice.length && ++choice[m] == options.size()) {
                    choice[m] = 0;
                    m++;
                }
                if (m == choice.length) {
                    break;
                }
            }
        }
        return best;
    }
}
