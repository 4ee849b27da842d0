package org.lorasim.policies.centralized;

import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.FlexLoraState;
import org.lorasim.policies.annealing.RankReduction;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * FlexLoRA (Bai, Chen, Qian, Yao, Li, arXiv 2402.11505, NeurIPS 2024) as a round policy. Clients of
 * different ranks r_k train; the server forms {@code dW = sum_k p_k s_k B_k A_k = U S V^T}
 * ({@link FlexLora#aggregateState}) and a client of rank r starts the next round from
 * {@code B_r = U_r S_r / s_r}, {@code A_r = V_r^T} ({@link FlexLoraState#forRanks}).
 *
 * <p>Choices: the global adapter holds, per matrix, the largest rank any client may ask for (r_max);
 * each round keeps that many singular directions, and {@link GlobalState#global()} is the state cut to
 * r_max. A client asking for more than r_max is rejected. Before the first aggregation there is no SVD
 * state: a client of rank r_max gets the global adapter as it is, a smaller one its best rank-r
 * approximation ({@link RankReduction}, the same cut FlexLoRA makes).
 */
public final class FlexLoraPolicy extends SampledPolicy {
    private final FlexLora flexLora;

    public FlexLoraPolicy(ClientSampler sampler, int localSteps, FlexLora flexLora) {
        super(sampler, localSteps);
        this.flexLora = Objects.requireNonNull(flexLora, "flexLora");
    }

    public FlexLoraPolicy(ClientSampler sampler, int localSteps) {
        this(sampler, localSteps, new FlexLora());
    }

    @Override
    protected ClientInstruction instruct(int round, GlobalState global, ClientInfo client) {
        Map<String, Integer> ranks = ranksWithinGlobal(client, global.global());
        Adapter start = global.flexLora() != null ? global.flexLora().forRanks(ranks)
                : reduceWhereSmaller(global.global(), ranks);
        return plain(client, start);
    }

    @Override
    protected GlobalState combine(int round, GlobalState global, List<ClientUpdate> results) {
        Map<String, Integer> maxRanks = ranksOf(global.global());
        FlexLoraState state = flexLora.aggregateState(weighted(results), maxRanks);
        return new GlobalState(round + 1, state.forRanks(maxRanks), state);
    }

    static Map<String, Integer> ranksOf(Adapter adapter) {
        Map<String, Integer> ranks = new TreeMap<>();
        adapter.lora().forEach((name, f) -> ranks.put(name, f.rank()));
        return ranks;
    }

    /** Each matrix cut to its best rank-r approximation where r is below its rank; others kept as they are. */
    static Adapter reduceWhereSmaller(Adapter adapter, Map<String, Integer> ranks) {
        Map<String, Integer> smaller = new TreeMap<>();
        ranks.forEach((name, r) -> {
            LoraFactors f = adapter.factors(name);
            if (r < f.rank()) {
                smaller.put(name, r);
            }
        });
        return smaller.isEmpty() ? adapter : RankReduction.reduce(adapter, smaller);
    }

    @Override
    public String toString() {
        return "FlexLoraPolicy[" + sampler() + ", localSteps=" + localSteps() + ", " + flexLora.route() + "]";
    }
}
