package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.aggregation.HetLora;
import org.lorasim.policies.fedpipe.BasePrecision;
import org.lorasim.policies.fedpipe.CandidateMatrix;
import org.lorasim.policies.fedpipe.ClientBudget;
import org.lorasim.policies.fedpipe.ClientPlan;
import org.lorasim.policies.fedpipe.FedPipeCostModel;
import org.lorasim.policies.fedpipe.FedPipePlanner;
import org.lorasim.policies.fedpipe.PartialAggregation;
import org.lorasim.policies.fedpipe.PlannerSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FedPipePolicyTest {

    // The planner setting of FedPipePlannerTest: N = 1000, 10 activation bytes per token, T = 10 tokens per step.
    //   base memory: fp16 2000 + 100 = 2100; nf4 (500 + 4 * 16) + 100 = 664.  base FLOPs: 10 * 4 * 1000 = 40,000
    //   q and v are 8x8: rank r costs 296 r bytes and 960 r FLOPs; importance q 1.0, v 0.5; ranks {2, 4}
    private static final FedPipePlanner PLANNER = new FedPipePlanner(FedPipeCostModel.defaults(1000, 10),
            PlannerSettings.of(List.of(2, 4)));
    private static final List<CandidateMatrix> QV = List.of(
            CandidateMatrix.of("q", 8, 8, 1.0), CandidateMatrix.of("v", 8, 8, 0.5));
    private static final List<BasePrecision> FP16_NF4 = List.of(BasePrecision.fp16(1000), BasePrecision.nf4(1000));

    // 1 roomy: fp16 fits with q4 + v4 (utility 1.5, ties nf4's and the tie goes to more bits)
    // 2 medium, 3,300 bytes: fp16 leaves 1,200 -> q2 + v2 = 1.024; nf4 leaves 2,636 -> q4 + v4 (2,368) = 1.5
    // 3 tight, 1,300 bytes: fp16 does not fit; nf4 leaves 636 -> one rank-2 matrix (592): q2 (0.68 > v2's 0.34)
    // 4 idle, 700 bytes: nf4 leaves 36, no adapter fits;  5 none, 600 bytes < 664: infeasible
    private static final Map<Integer, ClientBudget> BUDGETS = Map.of(
            1, new ClientBudget("roomy", 1.0, 1_000_000, 1e9, 10),
            2, new ClientBudget("medium", 1.0, 3300, 50_000, 10),
            3, new ClientBudget("tight", 1.0, 1300, 50_000, 10),
            4, new ClientBudget("idle", 1.0, 700, 50_000, 10),
            5, new ClientBudget("none", 1.0, 600, 50_000, 10));
    private static final List<ClientInfo> CLIENTS = List.of(ClientInfo.of(1, 10), ClientInfo.of(2, 30),
            ClientInfo.of(3, 10), ClientInfo.of(4, 10), ClientInfo.of(5, 10));

    private static FedPipePolicy policy(ClientSampler sampler) {
        return new FedPipePolicy(sampler, 3, PLANNER, QV, FP16_NF4, BUDGETS);
    }

    private static FedPipePolicy policy(PartialAggregation.Normalisation normalisation, boolean keepUntrained) {
        return new FedPipePolicy(ClientSampler.all(), 3, PLANNER, QV, FP16_NF4, BUDGETS, new HetLora(),
                normalisation, keepUntrained);
    }

    /** An 8x8 matrix of rank {@code rank}: A[i] = offset + i, B[i] = offset + 100 + i. */
    private static LoraFactors counting(int rank, int offset) {
        float[] a = new float[rank * 8];
        float[] b = new float[8 * rank];
        for (int i = 0; i < a.length; i++) {
            a[i] = offset + i;
            b[i] = offset + 100 + i;
        }
        return new LoraFactors(rank, 8, 8, a, b, 8, LoraScaling.STANDARD);
    }

    private static LoraFactors filled(int rank, float a, float b) {
        float[] fa = new float[rank * 8];
        float[] fb = new float[8 * rank];
        Arrays.fill(fa, a);
        Arrays.fill(fb, b);
        return new LoraFactors(rank, 8, 8, fa, fb, 8, LoraScaling.STANDARD);
    }

    private static DenseTensor head(float x, float y) {
        return new DenseTensor(new int[]{2}, new float[]{x, y});
    }

    /** q, v and k (no candidate) at rank 4, and a head [7, 9]. */
    private static GlobalState g0() {
        return GlobalState.initial(new Adapter(Map.of("q", counting(4, 0), "v", counting(4, 1000), "k", counting(4, 2000)),
                Map.of("head", head(7, 9))));
    }

    private static ClientInstruction instructionOf(RoundPlan plan, int clientId) {
        return plan.instructions().stream().filter(i -> i.clientId() == clientId).findFirst().orElseThrow();
    }

    @Test
    void instructionsCarryExactlyThePlannedMatricesRanksAndPrecision() {
        // Prepare
        FedPipePolicy policy = policy(ClientSampler.all());
        GlobalState g0 = g0();

        // Execute
        RoundPlan plan = policy.configure(0, g0, CLIENTS, new SplittableRandom(1));

        // Assert: idle (4) and infeasible (5) are not instructed
        assertThat(plan.clientIds()).containsExactly(1, 2, 3);
        ClientInstruction roomy = instructionOf(plan, 1);
        assertThat(roomy.basePrecision()).isEqualTo("fp16");
        assertThat(roomy.startAdapter()).isEqualTo(new Adapter(Map.of("q", counting(4, 0), "v", counting(4, 1000)),
                Map.of("head", head(7, 9))));
        assertThat(instructionOf(plan, 2).basePrecision()).isEqualTo("nf4");
        assertThat(instructionOf(plan, 2).startAdapter().lora().keySet()).containsExactly("q", "v");
        ClientInstruction tight = instructionOf(plan, 3);
        assertThat(tight.basePrecision()).isEqualTo("nf4");
        assertThat(tight.localSteps()).isEqualTo(3);
        assertThat(tight.proximalMu()).isZero();
        assertThat(tight.anchor()).isNull();
        assertThat(tight.startAdapter().lora().keySet()).containsExactly("q");
        assertThat(tight.startAdapter().dense()).isEqualTo(Map.of("head", head(7, 9)));
        // q cut to rank 2: the first 2 rows of A (entries 0..15), the first 2 of each row of B (100 + 4 o, 101 + 4 o)
        LoraFactors q = tight.startAdapter().factors("q");
        assertThat(q.rank()).isEqualTo(2);
        assertThat(q.a()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(q.b()).containsExactly(100, 101, 104, 105, 108, 109, 112, 113, 116, 117, 120, 121, 124, 125, 128, 129);
    }

    @Test
    void aTighterMemoryBudgetGetsALowerPrecisionOrFewerMatrices() {
        // Prepare / Execute
        Map<Integer, ClientPlan> plans = policy(ClientSampler.all()).plans();

        // Assert: the arithmetic is beside BUDGETS
        ClientPlan.Planned roomy = (ClientPlan.Planned) plans.get(1);
        ClientPlan.Planned medium = (ClientPlan.Planned) plans.get(2);
        ClientPlan.Planned tight = (ClientPlan.Planned) plans.get(3);
        assertThat(roomy.precision().name()).isEqualTo("fp16");
        assertThat(roomy.ranks()).isEqualTo(Map.of("q", 4, "v", 4));
        assertThat(medium.precision().name()).isEqualTo("nf4");
        assertThat(medium.ranks()).isEqualTo(Map.of("q", 4, "v", 4));
        assertThat(tight.precision().name()).isEqualTo("nf4");
        assertThat(tight.ranks()).isEqualTo(Map.of("q", 2));
        assertThat(((ClientPlan.Planned) plans.get(4)).ranks()).isEmpty();
        assertThat(plans.get(5)).isInstanceOf(ClientPlan.Infeasible.class);
        assertThat(((ClientPlan.Infeasible) plans.get(5)).binding()).isEqualTo(ClientPlan.BindingBudget.MEMORY);
        assertThat(plans.keySet()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void shrinkingMemoryNeverRaisesTheObjective() {
        // Prepare: 60 seeded budgets, each planned once at memory m and once at a smaller memory
        SplittableRandom rng = new SplittableRandom(42);
        Map<Integer, ClientBudget> budgets = new TreeMap<>();
        for (int i = 0; i < 60; i += 2) {
            long m = 664 + rng.nextLong(4000);
            budgets.put(i, new ClientBudget("c" + i, 1.0, m, 50_000, 10));
            budgets.put(i + 1, new ClientBudget("c" + (i + 1), 1.0, 664 + rng.nextLong(m - 664 + 1), 50_000, 10));
        }

        // Execute
        Map<Integer, ClientPlan> plans = new FedPipePolicy(ClientSampler.all(), 1, PLANNER, QV, FP16_NF4, budgets).plans();

        // Assert: the feasible set shrinks with memory, so the best objective cannot grow
        for (int i = 0; i < 60; i += 2) {
            ClientPlan.Planned big = (ClientPlan.Planned) plans.get(i);
            ClientPlan.Planned small = (ClientPlan.Planned) plans.get(i + 1);
            assertThat(small.objective()).as("budgets %s and %s", budgets.get(i), budgets.get(i + 1))
                    .isLessThanOrEqualTo(big.objective());
            assertThat(small.memoryBytes()).isLessThanOrEqualTo(budgets.get(i + 1).memoryBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void clientsWithoutAnAdapterTakeNoSamplingSlot(long seed) {
        // Prepare: 3 of the 5 available clients can train
        FedPipePolicy policy = policy(ClientSampler.count(3, 0));

        // Execute
        RoundPlan plan = policy.configure(0, g0(), CLIENTS, new SplittableRandom(seed));

        // Assert
        assertThat(plan.clientIds()).containsExactly(1, 2, 3);
        assertThat(policy.trains(3)).isTrue();
        assertThat(policy.trains(4)).isFalse();
        assertThat(policy.trains(5)).isFalse();
    }

    /** Round 0 with medium (2, n = 30: q4 A=3 B=4, v4 A=5 B=6, head [3, 5]) and tight (3, n = 10: q2 A=1 B=2, head [1, 1]). */
    private static List<ClientUpdate> twoPartialUpdates() {
        return List.of(
                new ClientUpdate(2, new Adapter(Map.of("q", filled(4, 3, 4), "v", filled(4, 5, 6)),
                        Map.of("head", head(3, 5))), 30, 0.5, 0),
                new ClientUpdate(3, new Adapter(Map.of("q", filled(2, 1, 2)), Map.of("head", head(1, 1))), 10, 0.7, 0));
    }

    @Test
    void twoPartialUpdatesChangeOnlyTheMatricesTheyHold() {
        // Prepare
        FedPipePolicy policy = policy(ClientSampler.all());
        GlobalState g0 = g0();
        policy.configure(0, g0, CLIENTS.subList(1, 3), new SplittableRandom(0));

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, twoPartialUpdates(), List.of());

        // Assert: q held by both, p = 10/40, 30/40; tight's rank-2 factors zero-padded to 4:
        //   A rows 0-1: 0.25 * 1 + 0.75 * 3 = 2.5, rows 2-3: 0.75 * 3 = 2.25
        //   B cols 0-1: 0.25 * 2 + 0.75 * 4 = 3.5, cols 2-3: 0.75 * 4 = 3.0
        LoraFactors q = g1.global().factors("q");
        float[] qa = new float[32];
        Arrays.fill(qa, 0, 16, 2.5f);
        Arrays.fill(qa, 16, 32, 2.25f);
        float[] qb = new float[32];
        for (int o = 0; o < 8; o++) {
            qb[4 * o] = 3.5f;
            qb[4 * o + 1] = 3.5f;
            qb[4 * o + 2] = 3.0f;
            qb[4 * o + 3] = 3.0f;
        }
        assertThat(q.rank()).isEqualTo(4);
        assertThat(q.a()).containsExactly(qa);
        assertThat(q.b()).containsExactly(qb);
        // v held by medium only (HOLDERS: p = 1): its factors; k held by nobody: unchanged
        assertThat(g1.global().factors("v")).isEqualTo(filled(4, 5, 6));
        assertThat(g1.global().factors("k")).isEqualTo(g0.global().factors("k"));
        // head: 0.25 * [1, 1] + 0.75 * [3, 5] = [2.5, 4.0]
        assertThat(g1.global().dense().get("head").values()).containsExactly(2.5f, 4.0f);
        assertThat(g1.round()).isEqualTo(1);
        assertThat(g1.flexLora()).isNull();
    }

    @Test
    void allUpdatesNormalisationCountsAbsentClientsAsZero() {
        // Prepare
        FedPipePolicy policy = policy(PartialAggregation.Normalisation.ALL_UPDATES, true);
        GlobalState g0 = g0();
        policy.configure(0, g0, CLIENTS.subList(1, 3), new SplittableRandom(0));

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, twoPartialUpdates(), List.of());

        // Assert: v held by 30 of 40 examples: A = 0.75 * 5 = 3.75, B = 0.75 * 6 = 4.5; q is held by all, as before
        assertThat(g1.global().factors("v")).isEqualTo(filled(4, 3.75f, 4.5f));
        assertThat(g1.global().factors("q").a()[0]).isEqualTo(2.5f);
        assertThat(g1.global().factors("q").a()[16]).isEqualTo(2.25f);
    }

    @Test
    void rankDirectionsNoHolderTrainedKeepTheirGlobalValuesByDefault() {
        // Prepare: medium fails, only tight (q at rank 2, p = 1) returns
        GlobalState g0 = g0();
        FedPipePolicy keep = policy(PartialAggregation.Normalisation.HOLDERS, true);
        FedPipePolicy zero = policy(PartialAggregation.Normalisation.HOLDERS, false);
        keep.configure(0, g0, CLIENTS.subList(1, 3), new SplittableRandom(0));
        zero.configure(0, g0, CLIENTS.subList(1, 3), new SplittableRandom(0));
        List<ClientUpdate> tightOnly = twoPartialUpdates().subList(1, 2);
        List<Failure> mediumFailed = List.of(new Failure(2, Failure.Kind.TIMED_OUT, "deadline"));

        // Execute
        LoraFactors kept = keep.aggregate(0, g0, tightOnly, mediumFailed).global().factors("q");
        LoraFactors zeroed = zero.aggregate(0, g0, tightOnly, mediumFailed).global().factors("q");

        // Assert: rows 0-1 of A = 1, cols 0-1 of B = 2; rows 2-3 of A keep 16..31, cols 2-3 of B keep 102 + 4o, 103 + 4o
        for (int i = 0; i < 32; i++) {
            assertThat(kept.a()[i]).as("A[%d]", i).isEqualTo(i < 16 ? 1f : i);
            assertThat(zeroed.a()[i]).as("A[%d]", i).isEqualTo(i < 16 ? 1f : 0f);
            int col = i % 4;
            assertThat(kept.b()[i]).as("B[%d]", i).isEqualTo(col < 2 ? 2f : 100 + i);
            assertThat(zeroed.b()[i]).as("B[%d]", i).isEqualTo(col < 2 ? 2f : 0f);
        }
    }

    @Test
    void aRoundWithNoUpdateKeepsTheState() {
        // Prepare
        FedPipePolicy policy = policy(ClientSampler.all());
        GlobalState g0 = g0();
        RoundPlan plan = policy.configure(0, g0, CLIENTS, new SplittableRandom(0));
        List<Failure> failures = new ArrayList<>();
        plan.clientIds().forEach(id -> failures.add(new Failure(id, Failure.Kind.CRASHED, "")));

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, List.of(), failures);

        // Assert
        assertThat(g1.round()).isEqualTo(1);
        assertThat(g1.global()).isSameAs(g0.global());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 19, 123, 4242})
    void runsAreDeterministicAndAnInstructionDependsOnlyOnThePlan(long seed) {
        // Prepare: two identical policies, three rounds of simulated training
        FedPipePolicy first = policy(ClientSampler.count(2, 0));
        FedPipePolicy second = policy(ClientSampler.count(2, 0));
        FedPipePolicy everyone = policy(ClientSampler.all());
        GlobalState a = g0();
        GlobalState b = g0();

        for (int round = 0; round < 3; round++) {
            // Execute
            RoundPlan planA = first.configure(round, a, CLIENTS, new SplittableRandom(seed + round));
            RoundPlan planB = second.configure(round, b, CLIENTS, new SplittableRandom(seed + round));
            RoundPlan all = everyone.configure(round, a, CLIENTS, new SplittableRandom(0));

            // Assert
            assertThat(planA).isEqualTo(planB);
            assertThat(planA.clientIds()).hasSize(2);
            for (ClientInstruction i : planA.instructions()) {
                assertThat(i).isEqualTo(instructionOf(all, i.clientId()));
                ClientPlan.Planned p = (ClientPlan.Planned) first.plans().get(i.clientId());
                Map<String, Integer> ranks = new TreeMap<>();
                i.startAdapter().lora().forEach((name, f) -> ranks.put(name, f.rank()));
                assertThat(ranks).isEqualTo(p.ranks());
                assertThat(i.basePrecision()).isEqualTo(p.precision().name());
            }
            everyone.aggregate(round, a, List.of(), List.of());
            a = first.aggregate(round, a, PolicyFixtures.train(planA, seed + round), List.of());
            b = second.aggregate(round, b, PolicyFixtures.train(planB, seed + round), List.of());
            assertThat(a.global()).isEqualTo(b.global());
            assertThat(a.global().sameLayout(g0().global())).isTrue();
        }
    }

    @Test
    void badArgumentsAreNamed() {
        // Prepare
        GlobalState g0 = g0();
        SplittableRandom rng = new SplittableRandom(0);

        // Execute / Assert: construction
        assertThatThrownBy(() -> new FedPipePolicy(ClientSampler.all(), 1, PLANNER, QV, FP16_NF4, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budgets must not be empty");
        assertThatThrownBy(() -> new FedPipePolicy(ClientSampler.all(), 0, PLANNER, QV, FP16_NF4, BUDGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local steps");
        assertThatThrownBy(() -> new FedPipePolicy(ClientSampler.all(), 1, PLANNER,
                List.of(CandidateMatrix.of("q", 8, 3, 1.0)), FP16_NF4, BUDGETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate 'q'");
        // a client without a budget
        FedPipePolicy policy = policy(ClientSampler.all());
        assertThatThrownBy(() -> policy.configure(0, g0, List.of(ClientInfo.of(1, 1), ClientInfo.of(9, 1)), rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 9 has no FedPipe budget");
        // a global adapter that cannot serve the plans
        GlobalState lowRank = GlobalState.initial(new Adapter(Map.of("q", counting(2, 0), "v", counting(4, 0)), Map.of()));
        assertThatThrownBy(() -> policy.configure(0, lowRank, CLIENTS, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 1 is planned rank 4 of 'q'")
                .hasMessageContaining("global rank 2");
        GlobalState noV = GlobalState.initial(Adapter.ofLora(Map.of("q", counting(4, 0))));
        assertThatThrownBy(() -> policy.configure(0, noV, CLIENTS, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix 'v' planned for client 1");
        // updates of another layout than planned
        policy.configure(0, g0, CLIENTS, rng);
        ClientUpdate wrongRank = new ClientUpdate(3, new Adapter(Map.of("q", filled(4, 1, 1)), Map.of("head", head(0, 0))), 1, 0, 0);
        assertThatThrownBy(() -> policy.aggregate(0, g0, List.of(wrongRank), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 3 returned LoRA matrices")
                .hasMessageContaining("planned {q=2}");
        ClientUpdate noHead = new ClientUpdate(3, Adapter.ofLora(Map.of("q", filled(2, 1, 1))), 1, 0, 0);
        assertThatThrownBy(() -> policy.aggregate(0, g0, List.of(noHead), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 3 returned dense tensors");
        // a rejected update leaves the round open
        assertThat(policy.aggregate(0, g0, List.of(), List.of()).round()).isEqualTo(1);
    }

    /** For {@link CentralizedPolicyContractTest}: clients 1 and 2 both plan "q" (6 -> 5) at rank 3 on fp16. */
    static FedPipePolicy contractPolicy() {
        FedPipePlanner planner = new FedPipePlanner(FedPipeCostModel.defaults(1000, 10), PlannerSettings.of(List.of(3)));
        ClientBudget roomy = new ClientBudget("roomy", 1.0, 1_000_000, 1e9, 10);
        return new FedPipePolicy(ClientSampler.all(), 1, planner, List.of(CandidateMatrix.of("q", 6, 5, 1.0)),
                List.of(BasePrecision.fp16(1000)), Map.of(1, roomy, 2, roomy));
    }
}
