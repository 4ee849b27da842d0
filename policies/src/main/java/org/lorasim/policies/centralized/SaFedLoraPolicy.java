package org.lorasim.policies.centralized;

import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.aggregation.FedIt;
import org.lorasim.policies.annealing.RankReduction;
import org.lorasim.policies.annealing.SaFedLoraStages;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * SA-FedLoRA (Yang, Liu, Gao, Xu, Wang, arXiv 2405.09394 v1) as a round policy, following
 * {@link SaFedLoraStages}:
 * <ul>
 *   <li>initiating rounds {@code t < T_init}: every client starts from the global adapter at the
 *       schedule's rank and trains with {@code mu/2 ||theta - theta_g||^2} (anchor = that start);</li>
 *   <li>annealing rounds: mu = 0 and the global adapter is first cut to the scheduled rank r_t by its
 *       best rank-r_t approximation ({@link RankReduction}, our choice; the paper's removal is UNVERIFIED).</li>
 * </ul>
 * Every client of a round gets the same rank, so the updates are combined with an
 * {@link AdapterAggregator} on equal layouts, FedIT {@code A = sum p_k A_k}, {@code B = sum p_k B_k} by
 * default; its reference adapter is the round's start adapter. The scheduled rank is capped at the
 * global adapter's current rank (ranks never grow back). Clients' own rank preferences are ignored.
 */
public final class SaFedLoraPolicy extends SampledPolicy {
    private final SaFedLoraStages stages;
    private final AdapterAggregator aggregator;

    public SaFedLoraPolicy(ClientSampler sampler, int localSteps, SaFedLoraStages stages, AdapterAggregator aggregator) {
        super(sampler, localSteps);
        this.stages = Objects.requireNonNull(stages, "stages");
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
    }

    public SaFedLoraPolicy(ClientSampler sampler, int localSteps, SaFedLoraStages stages) {
        this(sampler, localSteps, stages, new FedIt());
    }

    public SaFedLoraStages stages() {
        return stages;
    }

    /** The adapter every client starts round {@code round} from: the global one at the scheduled rank. */
    public Adapter startAdapter(int round, Adapter global) {
        int rank = stages.rankAt(round);
        Map<String, Integer> ranks = new TreeMap<>();
        global.lora().forEach((name, f) -> ranks.put(name, Math.min(rank, f.rank())));
        return FlexLoraPolicy.reduceWhereSmaller(global, ranks);
    }

    @Override
    protected ClientInstruction instruct(int round, GlobalState global, ClientInfo client) {
        Adapter start = startAdapter(round, global.global());
        double mu = stages.muAt(round);
        return mu > 0 ? new ClientInstruction(client.clientId(), start, mu, start, localSteps()) : plain(client, start);
    }

    @Override
    protected GlobalState combine(int round, GlobalState global, List<ClientUpdate> results) {
        Adapter start = startAdapter(round, global.global());
        return new GlobalState(round + 1, aggregator.aggregate(start, weighted(results)), null);
    }

    @Override
    public String toString() {
        return "SaFedLoraPolicy[" + sampler() + ", localSteps=" + localSteps() + ", " + stages + ", " + aggregator + "]";
    }
}
