package org.lorasim.policies.fedpipe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.lorasim.policies.Checks;

/**
 * FedPipe's per-client configuration step (Fang, Lin, Chen, Chen, Gao and Fang, "Automated Federated
 * Pipeline for Parameter-Efficient Fine-Tuning of Large Language Models", arXiv 2404.06448): choose which
 * weight matrices to adapt, at which LoRA rank, and the precision of the frozen base, to fit each client's
 * memory and time budget. The paper states a mixed-integer program solved in two stages whose exact form is
 * UNVERIFIED; this planner solves the following well-defined program exactly, per client.
 *
 * <pre>
 * variables   b in precisions, r_m in {0} U ranks for every candidate m
 * maximise    U + w * bits(b) / maxBits,   U = sum_m importance_m * g(r_m)
 * subject to  memory(b, r) <= memoryBytes,  FLOPs(b, r) <= floor(stepTimeSeconds * flopsPerSecond)
 * </pre>
 *
 * with g, w and the tie rules of {@link PlannerSettings} and memory and FLOPs of {@link FedPipeCostModel},
 * which are integers, so both constraints are checked exactly. A client whose base model exceeds a budget
 * at every precision gets {@link ClientPlan.Infeasible} naming the binding budget.
 *
 * <p>Exact method. Under the cost model an adapter's memory and FLOPs are both linear in its rank, so
 * candidates with equal unit costs (equal {@code in + out}) form a class whose cost depends only on its
 * total rank R. Per class, {@link RankAllocation} finds the best utility for every R by dynamic programming
 * over integer rank units (exact, no discretisation); the classes (a handful in a transformer: attention
 * and MLP shapes) then form a small two-resource multiple-choice knapsack, one option per useful R, solved
 * by {@link MultipleChoiceKnapsack}'s branch and bound, for each precision whose base fits; the best
 * precision is picked by the objective. The plan's utility, memory and FLOPs are finally recomputed matrix
 * by matrix in candidate order, so they equal what a brute-force enumeration computes for the same ranks.
 *
 * <p>Inputs must be sane: candidates non-empty with distinct names, every allowed rank at most
 * {@code min(in, out)} of every candidate (a larger rank is not a low-rank factorisation), precisions
 * non-empty with distinct names. Violations throw {@link IllegalArgumentException} naming the culprit.
 */
public final class FedPipePlanner {
    private final FedPipeCostModel costModel;
    private final PlannerSettings settings;

    public FedPipePlanner(FedPipeCostModel costModel, PlannerSettings settings) {
        this.costModel = Objects.requireNonNull(costModel, "costModel");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public FedPipeCostModel costModel() {
        return costModel;
    }

    public PlannerSettings settings() {
        return settings;
    }

    /** One plan per client, in the clients' order. */
    public List<ClientPlan> planAll(List<CandidateMatrix> candidates, List<BasePrecision> precisions,
                                    List<ClientBudget> clients) {
        Checks.nonEmpty("clients", clients);
        validate(candidates, precisions);
        List<ClientPlan> plans = new ArrayList<>(clients.size());
        for (ClientBudget client : clients) {
            plans.add(planValidated(candidates, precisions, Objects.requireNonNull(client, "client")));
        }
        return plans;
    }

    /** The best plan for one client, or why there is none. */
    public ClientPlan plan(List<CandidateMatrix> candidates, List<BasePrecision> precisions, ClientBudget client) {
        validate(candidates, precisions);
        return planValidated(candidates, precisions, Objects.requireNonNull(client, "client"));
    }

    private ClientPlan planValidated(List<CandidateMatrix> candidates, List<BasePrecision> precisions,
                                     ClientBudget client) {
        long memoryBudget = client.memoryBytes();
        long flopBudget = client.flopBudget();
        int maxBits = 0;
        for (BasePrecision p : precisions) {
            maxBits = Math.max(maxBits, p.bits());
        }
        List<CostClass> classes = costClasses(candidates, client);
        List<List<MultipleChoiceKnapsack.Option>> items = new ArrayList<>(classes.size());
        for (CostClass c : classes) {
            items.add(c.options());
        }
        ClientPlan.Planned best = null;
        boolean memoryFitsSomewhere = false;
        boolean timeFitsSomewhere = false;
        StringBuilder why = new StringBuilder();
        for (BasePrecision p : precisions) {
            long baseMemory = costModel.baseMemory(p, client);
            long baseFlops = costModel.baseFlops(p, client);
            memoryFitsSomewhere |= baseMemory <= memoryBudget;
            timeFitsSomewhere |= baseFlops <= flopBudget;
            if (baseMemory > memoryBudget || baseFlops > flopBudget) {
                why.append(why.length() == 0 ? "" : "; ").append(p.name()).append(": base needs ")
                        .append(baseMemory).append(" bytes (budget ").append(memoryBudget).append(") and ")
                        .append(baseFlops).append(" FLOPs per step (budget ").append(flopBudget).append(')');
                continue;
            }
            MultipleChoiceKnapsack.Solution s = MultipleChoiceKnapsack.maximize(items, memoryBudget - baseMemory,
                    flopBudget - baseFlops, settings.relativeTolerance(), settings.maxNodes()).orElseThrow(
                            () -> new IllegalStateException("the no-adapter plan must fit once the base fits"));
            ClientPlan.Planned plan = planned(client, p, candidates, classes, s.choices(), maxBits);
            if (best == null || settings.better(plan.objective(), p.bits(), best.objective(), best.precision().bits())) {
                best = plan;
            }
        }
        if (best != null) {
            return best;
        }
        ClientPlan.BindingBudget binding = !memoryFitsSomewhere && !timeFitsSomewhere
                ? ClientPlan.BindingBudget.MEMORY_AND_TIME
                : !memoryFitsSomewhere ? ClientPlan.BindingBudget.MEMORY
                : !timeFitsSomewhere ? ClientPlan.BindingBudget.TIME
                : ClientPlan.BindingBudget.MEMORY_AND_TIME;
        return new ClientPlan.Infeasible(client.clientId(), binding, "client '" + client.clientId()
                + "' cannot run the base model without adapters within its " + describe(binding) + " budget: " + why);
    }

    /** Ranks from the class totals, then utility, memory and FLOPs recomputed per matrix in candidate order. */
    private ClientPlan.Planned planned(ClientBudget client, BasePrecision p, List<CandidateMatrix> candidates,
                                       List<CostClass> classes, int[] classChoice, int maxBits) {
        TreeMap<String, Integer> ranks = new TreeMap<>();
        for (int c = 0; c < classes.size(); c++) {
            CostClass cc = classes.get(c);
            int[] assignment = cc.allocation().assignment(cc.totals().get(classChoice[c]));
            for (int i = 0; i < assignment.length; i++) {
                if (assignment[i] > 0) {
                    ranks.put(candidates.get(cc.members().get(i)).name(), assignment[i]);
                }
            }
        }
        double utility = 0;
        for (CandidateMatrix m : candidates) {
            utility += settings.utility(m.importance(), ranks.getOrDefault(m.name(), 0));
        }
        long memory = costModel.memory(p, candidates, ranks, client);
        long flops = costModel.flops(p, candidates, ranks, client);
        if (memory > client.memoryBytes() || flops > client.flopBudget()) {
            throw new IllegalStateException("plan for client '" + client.clientId() + "' exceeds its budget: "
                    + memory + " bytes, " + flops + " FLOPs");
        }
        return new ClientPlan.Planned(client.clientId(), p, ranks, memory, client.memoryBytes(), flops,
                client.flopBudget(), flops / client.flopsPerSecond(), utility,
                settings.objective(utility, p.bits(), maxBits));
    }

    /**
     * Candidates grouped by their per-rank-unit costs (memory, FLOPs): within a group the cost of a choice
     * is {@code R * unit} for the group's total rank R, so a group becomes one knapsack item whose options
     * are the totals R at which {@link RankAllocation#best} strictly improves.
     */
    private List<CostClass> costClasses(List<CandidateMatrix> candidates, ClientBudget client) {
        LinkedHashMap<List<Long>, List<Integer>> groups = new LinkedHashMap<>();
        for (int m = 0; m < candidates.size(); m++) {
            CandidateMatrix c = candidates.get(m);
            List<Long> unit = List.of(costModel.adapterMemory(c, 1, client), costModel.adapterFlops(c, 1, client));
            groups.computeIfAbsent(unit, u -> new ArrayList<>()).add(m);
        }
        int[] ranks = new int[settings.ranks().size() + 1];
        for (int j = 1; j < ranks.length; j++) {
            ranks[j] = settings.ranks().get(j - 1);
        }
        List<CostClass> classes = new ArrayList<>();
        for (Map.Entry<List<Long>, List<Integer>> g : groups.entrySet()) {
            double[][] utility = new double[g.getValue().size()][ranks.length];
            for (int i = 0; i < utility.length; i++) {
                double importance = candidates.get(g.getValue().get(i)).importance();
                for (int j = 0; j < ranks.length; j++) {
                    utility[i][j] = settings.utility(importance, ranks[j]);
                }
            }
            RankAllocation allocation = new RankAllocation(utility, ranks);
            long memoryUnit = g.getKey().get(0);
            long flopUnit = g.getKey().get(1);
            List<MultipleChoiceKnapsack.Option> options = new ArrayList<>();
            List<Integer> totals = new ArrayList<>();
            for (int total = 0; total <= allocation.maxTotal(); total++) {
                if (total == 0 || allocation.best(total) > options.get(options.size() - 1).value()) {
                    options.add(new MultipleChoiceKnapsack.Option(allocation.best(total),
                            Math.multiplyExact(memoryUnit, total), Math.multiplyExact(flopUnit, total)));
                    totals.add(total);
                }
            }
            classes.add(new CostClass(g.getValue(), allocation, options, totals));
        }
        return classes;
    }

    /** A group of candidates with equal unit costs, its exact allocation table and its knapsack options. */
    private record CostClass(List<Integer> members, RankAllocation allocation,
                             List<MultipleChoiceKnapsack.Option> options, List<Integer> totals) {
    }

    private void validate(List<CandidateMatrix> candidates, List<BasePrecision> precisions) {
        Checks.nonEmpty("candidates", candidates);
        Checks.nonEmpty("precisions", precisions);
        Set<String> names = new HashSet<>();
        for (CandidateMatrix m : candidates) {
            Objects.requireNonNull(m, "candidate");
            Checks.require(names.add(m.name()), "candidate name '" + m.name() + "' appears twice");
            Checks.require(settings.maxRank() <= m.maxRank(), "rank " + settings.maxRank()
                    + " exceeds min(in, out) = " + m.maxRank() + " of candidate '" + m.name() + "'");
        }
        Set<String> precisionNames = new HashSet<>();
        for (BasePrecision p : precisions) {
            Objects.requireNonNull(p, "precision");
            Checks.require(precisionNames.add(p.name()), "precision name '" + p.name() + "' appears twice");
        }
    }

    private static String describe(ClientPlan.BindingBudget binding) {
        return switch (binding) {
            case MEMORY -> "memory";
            case TIME -> "time";
            case MEMORY_AND_TIME -> "memory and time";
        };
    }
}
