package org.lorasim.policies.fedpipe;

import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * The planner's cost model: memory (bytes) and compute (FLOPs) of one training step as integer functions
 * of the base precision and the rank given to each candidate matrix. FedPipe (Fang et al., arXiv
 * 2404.06448) constrains per-server compute and memory but its exact formulas are UNVERIFIED; these are
 * ours, in the usual transformer accounting (Kaplan et al., arXiv 2001.08361: about 2 FLOPs per parameter
 * per token forward). With {@code T = tokensPerStep}, {@code N = baseParameters} and a matrix adapted at
 * rank r with {@code P = r (in + out)} LoRA parameters:
 *
 * <pre>
 * memory = weightBytes(precision) + T * baseActivationBytesPerToken
 *        + sum over adapted matrices [ P * adapterBytesPerParameter + T * r * adapterActivationBytes ]
 * FLOPs  = T * baseFlopsPerParameterPerToken * N + extraFlopsPerStep(precision)
 *        + sum over adapted matrices [ T * loraFlopsPerParameterPerToken * P ]
 * </pre>
 *
 * Defaults: {@code adapterBytesPerParameter = 16} (fp32 weight 4 + gradient 4 + Adam's two moments 8),
 * {@code adapterActivationBytes = 4} (the rank-r intermediate {@code A x} kept for the backward pass, per
 * token, float32), {@code baseFlopsPerParameterPerToken = 4} (forward 2, backward through the activations
 * 2; frozen weights get no weight gradient), {@code loraFlopsPerParameterPerToken = 6} (forward 2, backward
 * 4). {@code baseActivationBytesPerToken} (activations kept for backpropagation through the frozen model)
 * depends on the architecture and is the caller's. Every cost is an exact {@code long}; an overflow throws.
 * Time per step is {@code FLOPs / flopsPerSecond}, checked against the budget as
 * {@code FLOPs <= ClientBudget.flopBudget()}.
 */
public record FedPipeCostModel(long baseParameters, long baseActivationBytesPerToken, int adapterBytesPerParameter,
                               int adapterActivationBytes, int baseFlopsPerParameterPerToken,
                               int loraFlopsPerParameterPerToken) {

    public FedPipeCostModel {
        Checks.require(baseParameters > 0, "baseParameters must be > 0, got " + baseParameters);
        Checks.require(baseActivationBytesPerToken >= 0,
                "baseActivationBytesPerToken must be >= 0, got " + baseActivationBytesPerToken);
        Checks.nonNegative("adapterBytesPerParameter", adapterBytesPerParameter);
        Checks.nonNegative("adapterActivationBytes", adapterActivationBytes);
        Checks.nonNegative("baseFlopsPerParameterPerToken", baseFlopsPerParameterPerToken);
        Checks.nonNegative("loraFlopsPerParameterPerToken", loraFlopsPerParameterPerToken);
    }

    /** The documented defaults (16, 4, 4, 6) for a base model of this size and activation footprint. */
    public static FedPipeCostModel defaults(long baseParameters, long baseActivationBytesPerToken) {
        return new FedPipeCostModel(baseParameters, baseActivationBytesPerToken, 16, 4, 4, 6);
    }

    /** Memory with no adapter: stored base weights plus base activations. */
    public long baseMemory(BasePrecision precision, ClientBudget client) {
        return Math.addExact(precision.weightBytes(),
                Math.multiplyExact(client.tokensPerStep(), baseActivationBytesPerToken));
    }

    /** FLOPs of one step with no adapter. */
    public long baseFlops(BasePrecision precision, ClientBudget client) {
        return Math.addExact(Math.multiplyExact(Math.multiplyExact(client.tokensPerStep(),
                (long) baseFlopsPerParameterPerToken), baseParameters), precision.extraFlopsPerStep());
    }

    /** Extra memory of adapting {@code matrix} at {@code rank} (0 for rank 0). */
    public long adapterMemory(CandidateMatrix matrix, int rank, ClientBudget client) {
        Checks.nonNegative("rank", rank);
        long states = Math.multiplyExact(matrix.adapterParameters(rank), (long) adapterBytesPerParameter);
        long activations = Math.multiplyExact(Math.multiplyExact(client.tokensPerStep(), (long) rank),
                (long) adapterActivationBytes);
        return Math.addExact(states, activations);
    }

    /** Extra FLOPs of adapting {@code matrix} at {@code rank} (0 for rank 0). */
    public long adapterFlops(CandidateMatrix matrix, int rank, ClientBudget client) {
        Checks.nonNegative("rank", rank);
        return Math.multiplyExact(Math.multiplyExact(client.tokensPerStep(), (long) loraFlopsPerParameterPerToken),
                matrix.adapterParameters(rank));
    }

    /** Memory of a whole plan; {@code ranks} maps candidate names to ranks, absent meaning 0. */
    public long memory(BasePrecision precision, Iterable<CandidateMatrix> candidates, Map<String, Integer> ranks,
                       ClientBudget client) {
        long total = baseMemory(precision, client);
        for (CandidateMatrix m : candidates) {
            total = Math.addExact(total, adapterMemory(m, ranks.getOrDefault(m.name(), 0), client));
        }
        return total;
    }

    /** FLOPs of a whole plan; {@code ranks} maps candidate names to ranks, absent meaning 0. */
    public long flops(BasePrecision precision, Iterable<CandidateMatrix> candidates, Map<String, Integer> ranks,
                      ClientBudget client) {
        Objects.requireNonNull(ranks, "ranks");
        long total = baseFlops(precision, client);
        for (CandidateMatrix m : candidates) {
            total = Math.addExact(total, adapterFlops(m, ranks.getOrDefault(m.name(), 0), client));
        }
        return total;
    }
}
