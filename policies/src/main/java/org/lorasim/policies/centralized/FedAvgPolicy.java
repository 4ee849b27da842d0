package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.aggregation.FedIt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * FedAvg on LoRA adapters (FedIT, Zhang et al., arXiv 2305.05644), optionally with FedProx's proximal
 * term (Li, Sahu, Zaheer, Sanjabi, Talwalkar, Smith, arXiv 1812.06127). Every sampled client starts from
 * the global adapter {@code theta_g}; with {@code mu > 0} it minimises
 * {@code F_k(theta) + mu/2 ||theta - theta_g||^2} (anchor = {@code theta_g}). The server then sets
 * <pre>
 *   A = sum_k p_k A_k,   B = sum_k p_k B_k,   p_k = n_k / sum_j n_j
 * </pre>
 * over the clients that returned an update. The combining rule is an {@link AdapterAggregator}
 * ({@link FedIt} by default); {@link #withAggregator} swaps in a robust or differentially private one
 * (e.g. {@code CoordinateWiseMedian}, {@code Krum}, {@code DifferentiallyPrivateAggregator}), which is
 * how those decorators wrap the policy. All clients share the global adapter's ranks.
 */
public final class FedAvgPolicy extends SampledPolicy {
    private final double mu;
    private final AdapterAggregator aggregator;

    public FedAvgPolicy(ClientSampler sampler, int localSteps, double mu, AdapterAggregator aggregator) {
        super(sampler, localSteps);
        this.mu = Checks.nonNegative("FedProx mu", mu);
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
    }

    /** Plain FedAvg / FedIT (mu = 0). */
    public static FedAvgPolicy fedAvg(ClientSampler sampler, int localSteps) {
        return new FedAvgPolicy(sampler, localSteps, 0.0, new FedIt());
    }

    /** FedProx with proximal coefficient {@code mu > 0}. */
    public static FedAvgPolicy fedProx(ClientSampler sampler, int localSteps, double mu) {
        return new FedAvgPolicy(sampler, localSteps, Checks.positive("FedProx mu", mu), new FedIt());
    }

    /** The same sampling, local steps and mu, combining updates with {@code aggregator} instead. */
    public FedAvgPolicy withAggregator(AdapterAggregator aggregator) {
        return new FedAvgPolicy(sampler(), localSteps(), mu, aggregator);
    }

    public double mu() {
        return mu;
    }

    public AdapterAggregator aggregator() {
        return aggregator;
    }

    @Override
    protected ClientInstruction instruct(int round, GlobalState global, ClientInfo client) {
        Adapter g = global.global();
        if (client.rank() > 0 || !client.matrixRanks().isEmpty()) {
            Map<String, Integer> ranks = client.ranksFor(g);
            Checks.require(ranks.entrySet().stream().allMatch(e -> e.getValue() == g.factors(e.getKey()).rank()),
                    "client " + client.clientId() + " asks for ranks " + ranks
                            + " but FedAvg gives every client the global adapter's ranks");
        }
        return mu > 0 ? new ClientInstruction(client.clientId(), g, mu, g, localSteps()) : plain(client, g);
    }

    @Override
    protected GlobalState combine(int round, GlobalState global, List<ClientUpdate> results) {
        Adapter next = aggregator.aggregate(global.global(), weighted(results));
        return new GlobalState(round + 1, next, null);
    }

    @Override
    public String toString() {
        return "FedAvgPolicy[" + sampler() + ", localSteps=" + localSteps() + ", mu=" + mu + ", " + aggregator + "]";
    }
}
