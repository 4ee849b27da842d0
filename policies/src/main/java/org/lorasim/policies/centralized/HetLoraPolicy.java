package org.lorasim.policies.centralized;

import org.lorasim.policies.aggregation.HetLora;

import java.util.List;
import java.util.Objects;

/**
 * HetLoRA (Cho, Liu, Joshi, Lee, Manoel, arXiv 2401.06953) as FlexLoRA's authors ran it, as a round
 * policy. The global adapter holds rank r_max per matrix; a client of rank r starts from its first r
 * rows of A and columns of B ({@link HetLora#truncate}); the server zero-pads the updates to r_max and
 * averages them, {@code A[:r_k, :] += p_k A_k}, {@code B[:, :r_k] += p_k B_k} ({@link HetLora#aggregate};
 * the optional sqrt(alpha / r) scalings are {@link HetLora}'s flags). A client asking for more than
 * r_max is rejected. The clients' rank self-pruning penalty is a training-side concern
 * ({@code RankSelfPruningPenalty}).
 */
public final class HetLoraPolicy extends SampledPolicy {
    private final HetLora hetLora;

    public HetLoraPolicy(ClientSampler sampler, int localSteps, HetLora hetLora) {
        super(sampler, localSteps);
        this.hetLora = Objects.requireNonNull(hetLora, "hetLora");
    }

    public HetLoraPolicy(ClientSampler sampler, int localSteps) {
        this(sampler, localSteps, new HetLora());
    }

    @Override
    protected ClientInstruction instruct(int round, GlobalState global, ClientInfo client) {
        return plain(client, hetLora.truncate(global.global(), ranksWithinGlobal(client, global.global())));
    }

    @Override
    protected GlobalState combine(int round, GlobalState global, List<ClientUpdate> results) {
        return new GlobalState(round + 1, hetLora.aggregate(global.global(), weighted(results)), null);
    }

    @Override
    public String toString() {
        return "HetLoraPolicy[" + sampler() + ", localSteps=" + localSteps() + ", scaleOnAggregate="
                + hetLora.scaleOnAggregate() + ", unscaleOnTruncate=" + hetLora.unscaleOnTruncate() + "]";
    }
}
