package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.aggregation.HetLora;
import org.lorasim.policies.fedpipe.BasePrecision;
import org.lorasim.policies.fedpipe.CandidateMatrix;
import org.lorasim.policies.fedpipe.ClientBudget;
import org.lorasim.policies.fedpipe.ClientPlan;
import org.lorasim.policies.fedpipe.FedPipePlanner;
import org.lorasim.policies.fedpipe.PartialAggregation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * FedPipe (Fang, Lin, Chen, Chen, Gao, Fang, "Automated Federated Pipeline for Parameter-Efficient
 * Fine-Tuning of Large Language Models", arXiv 2404.06448) as a round policy: the pipeline variant of
 * DESIGN.md. At construction {@link FedPipePlanner#planAll} plans every client once from its
 * {@link ClientBudget}: which candidate matrices it adapts, at which rank {@code r_km}, on which base
 * precision. Each round, for every sampled client k:
 * <pre>
 *   start_k = { m -> (A_m[:r_km, :], B_m[:, :r_km])  for m planned for k }  U  every dense tensor of the global
 *   instruction = (start_k, mu = 0, localSteps, basePrecision = plan_k.precision.name)
 * </pre>
 * with the cut of {@link HetLora#truncate(LoraFactors, int)} (so the global adapter holds, per matrix, a rank
 * at least the largest any plan gives it). The server folds the partial updates in matrix by matrix:
 * <pre>
 *   p_km = n_k / sum_{j holds m} n_j                   ({@link PartialAggregation#loraShares}, HOLDERS)
 *   A_m[:r_km, :] += p_km A_km,   B_m[:, :r_km] += p_km B_km    (HetLoRA zero-padding, {@link HetLora#aggregate})
 * </pre>
 * and dense tensors are the {@link PartialAggregation#averageDense} mean.
 *
 * <p>Choices (the paper's merge of different ranks is UNVERIFIED):
 * <ul>
 *   <li>Ranks are merged by HetLoRA zero-padding, not FlexLoRA's SVD, so a client's factors keep their
 *       coordinates from round to round. {@link HetLora}'s two sqrt(alpha / r) flags apply.</li>
 *   <li>A matrix that no update holds keeps its global value. With {@code keepUntrainedDirections} (default)
 *       so do the rank directions {@code j >= max_k r_km} of a held matrix that no holder trained (rows of A,
 *       columns of B); without it they become zero as in HetLoRA, which, since a zero row of A and zero column
 *       of B get zero gradient, would freeze them for any later client of a larger rank.</li>
 *   <li>{@code normalisation} ALL_UPDATES instead divides by every update's examples: the absent clients
 *       count as zero factors, i.e. both A_m and B_m are scaled by {@code sum_{k holds m} n_k / sum_k n_k}.</li>
 *   <li>Clients whose plan is {@link ClientPlan.Infeasible} or adapts no matrix are left out before sampling
 *       ({@link #eligible}): they take no sampling slot and get no instruction. A sampled client with no
 *       budget is an error. {@link ClientInfo}'s rank preferences are ignored: the plan decides.</li>
 *   <li>Plans are fixed for the run (budgets are static here); the map key is the runtime's client id,
 *       the budget's own string id only names it in the planner's reports.</li>
 *   <li>An update must hold exactly its planned matrices at their planned ranks and every dense tensor.</li>
 * </ul>
 */
public final class FedPipePolicy extends SampledPolicy {
    private final FedPipePlanner planner;
    private final List<CandidateMatrix> candidates;
    private final List<BasePrecision> precisions;
    private final HetLora hetLora;
    private final PartialAggregation.Normalisation normalisation;
    private final boolean keepUntrainedDirections;
    private final SortedMap<Integer, ClientPlan> plans;

    /**
     * @param candidates the matrices FedPipe may adapt, with importance scores computed by the caller
     *                   (e.g. the training module's importance scorer); their names are global adapter keys
     * @param budgets    every client's per-step budget, by runtime client id
     */
    public FedPipePolicy(ClientSampler sampler, int localSteps, FedPipePlanner planner, List<CandidateMatrix> candidates,
                         List<BasePrecision> precisions, Map<Integer, ClientBudget> budgets, HetLora hetLora,
                         PartialAggregation.Normalisation normalisation, boolean keepUntrainedDirections) {
        super(sampler, localSteps);
        this.planner = Objects.requireNonNull(planner, "planner");
        this.candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        this.precisions = List.copyOf(Objects.requireNonNull(precisions, "precisions"));
        this.hetLora = Objects.requireNonNull(hetLora, "hetLora");
        this.normalisation = Objects.requireNonNull(normalisation, "normalisation");
        this.keepUntrainedDirections = keepUntrainedDirections;
        Objects.requireNonNull(budgets, "budgets");
        Checks.require(!budgets.isEmpty(), "budgets must not be empty: FedPipe plans every client from its budget");
        TreeMap<Integer, ClientBudget> sorted = new TreeMap<>();
        budgets.forEach((id, b) -> sorted.put(Objects.requireNonNull(id, "client id"),
                Objects.requireNonNull(b, "budget of client " + id)));
        List<ClientPlan> planned = planner.planAll(this.candidates, this.precisions, new ArrayList<>(sorted.values()));
        TreeMap<Integer, ClientPlan> byId = new TreeMap<>();
        int i = 0;
        for (Integer id : sorted.keySet()) {
            byId.put(id, planned.get(i++));
        }
        this.plans = Collections.unmodifiableSortedMap(byId);
    }

    /** HetLoRA without its scalings, HOLDERS normalisation, untrained rank directions kept. */
    public FedPipePolicy(ClientSampler sampler, int localSteps, FedPipePlanner planner, List<CandidateMatrix> candidates,
                         List<BasePrecision> precisions, Map<Integer, ClientBudget> budgets) {
        this(sampler, localSteps, planner, candidates, precisions, budgets, new HetLora(),
                PartialAggregation.Normalisation.HOLDERS, true);
    }

    public FedPipePlanner planner() {
        return planner;
    }

    /** Every client's plan by runtime client id, for reports. */
    public SortedMap<Integer, ClientPlan> plans() {
        return plans;
    }

    /** Whether {@code clientId} has a plan that adapts at least one matrix (only such clients are sampled). */
    public boolean trains(int clientId) {
        return plans.get(clientId) instanceof ClientPlan.Planned p && !p.ranks().isEmpty();
    }

    @Override
    protected List<ClientInfo> eligible(int round, GlobalState global, List<ClientInfo> available) {
        Set<Integer> seen = new HashSet<>();
        List<ClientInfo> out = new ArrayList<>();
        for (ClientInfo c : available) {
            Objects.requireNonNull(c, "an available client");
            Checks.require(seen.add(c.clientId()), "client " + c.clientId() + " is listed twice among the available clients");
            Checks.require(plans.containsKey(c.clientId()), "client " + c.clientId() + " has no FedPipe budget (budgets "
                    + "are given for " + plans.size() + " clients, ids " + plans.firstKey() + ".." + plans.lastKey() + ")");
            if (trains(c.clientId())) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    protected ClientInstruction instruct(int round, GlobalState global, ClientInfo client) {
        ClientPlan.Planned plan = (ClientPlan.Planned) plans.get(client.clientId());
        Adapter g = global.global();
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        plan.ranks().forEach((name, rank) -> {
            LoraFactors f = g.lora().get(name);
            Checks.require(f != null, "matrix '" + name + "' planned for client " + client.clientId()
                    + " is not in the global adapter, which has " + g.lora().keySet());
            Checks.require(rank <= f.rank(), "client " + client.clientId() + " is planned rank " + rank + " of '" + name
                    + "', above the global rank " + f.rank());
            lora.put(name, hetLora.truncate(f, rank));
        });
        return new ClientInstruction(client.clientId(), new Adapter(lora, g.dense()), 0.0, null, localSteps(),
                plan.precision().name());
    }

    @Override
    protected GlobalState combine(int round, GlobalState global, List<ClientUpdate> results) {
        Adapter g = global.global();
        for (ClientUpdate u : results) {
            requirePlannedLayout(u, g);
        }
        List<WeightedAdapter> weighted = weighted(results);
        SortedMap<String, List<PartialAggregation.Share>> shares = PartialAggregation.loraShares(weighted, normalisation);
        TreeMap<String, LoraFactors> lora = new TreeMap<>(g.lora());
        shares.forEach((name, holders) -> lora.put(name, fold(g.factors(name), name, holders, weighted)));
        TreeMap<String, DenseTensor> dense = new TreeMap<>(g.dense());
        dense.putAll(PartialAggregation.averageDense(weighted, normalisation));
        return new GlobalState(round + 1, new Adapter(lora, dense), null);
    }

    /** One matrix: HetLoRA's zero-padded weighted sum over its holders, then the choices of the class javadoc. */
    private LoraFactors fold(LoraFactors global, String name, List<PartialAggregation.Share> holders,
                             List<WeightedAdapter> updates) {
        List<WeightedAdapter> parts = new ArrayList<>(holders.size());
        double weightSum = 0;
        int maxRank = 0;
        for (PartialAggregation.Share s : holders) {
            LoraFactors f = updates.get(s.update()).adapter().factors(name);
            parts.add(new WeightedAdapter(Adapter.ofLora(Map.of(name, f)), s.weight()));
            weightSum += s.weight();
            maxRank = Math.max(maxRank, f.rank());
        }
        LoraFactors sum = hetLora.aggregate(Adapter.ofLora(Map.of(name, global)), parts).factors(name);
        double scale = normalisation == PartialAggregation.Normalisation.ALL_UPDATES ? weightSum : 1.0;
        int r = global.rank();
        int in = global.inFeatures();
        int out = global.outFeatures();
        float[] a = sum.a().clone();
        float[] b = sum.b().clone();
        for (int i = 0; i < maxRank * in; i++) {
            a[i] = (float) (a[i] * scale);
        }
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < r; j++) {
                if (j < maxRank) {
                    b[o * r + j] = (float) (b[o * r + j] * scale);
                } else if (keepUntrainedDirections) {
                    b[o * r + j] = global.b()[o * r + j];
                }
            }
        }
        if (keepUntrainedDirections) {
            System.arraycopy(global.a(), maxRank * in, a, maxRank * in, (r - maxRank) * in);
        }
        return global.withFactors(r, a, b);
    }

    private void requirePlannedLayout(ClientUpdate u, Adapter global) {
        ClientPlan.Planned plan = (ClientPlan.Planned) plans.get(u.clientId());
        Map<String, Integer> ranks = new TreeMap<>();
        u.adapter().lora().forEach((name, f) -> ranks.put(name, f.rank()));
        Checks.require(ranks.equals(plan.ranks()), "client " + u.clientId() + " returned LoRA matrices with ranks "
                + ranks + " but was planned " + plan.ranks());
        Checks.require(u.adapter().dense().keySet().equals(global.dense().keySet()), "client " + u.clientId()
                + " returned dense tensors " + u.adapter().dense().keySet() + " but the global adapter has "
                + global.dense().keySet());
    }

    @Override
    public String toString() {
        return "FedPipePolicy[" + sampler() + ", localSteps=" + localSteps() + ", " + plans.size() + " clients, "
                + candidates.size() + " candidates, precisions " + precisions.stream().map(BasePrecision::name).toList()
                + ", " + normalisation + ", keepUntrainedDirections=" + keepUntrainedDirections + "]";
    }
}
