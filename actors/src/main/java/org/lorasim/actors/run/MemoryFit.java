package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.fedpipe.BasePrecision;
import org.lorasim.policies.fedpipe.CandidateMatrix;
import org.lorasim.policies.fedpipe.ClientBudget;
import org.lorasim.policies.fedpipe.FedPipeCostModel;

/**
 * The runtime's memory check ({@code lorasim.clients.memory-check}): which clients of a centralized run cannot
 * hold what they train with. It is FedPipe's memory model ({@link FedPipeCostModel#memory}, built by
 * {@link FedPipeSetup#costModel}) applied to the plan every other algorithm gives a client: every LoRA matrix of
 * the global adapter at the client's own rank r_k ({@link ClientSplit#rank}: FlexLoRA's and HetLoRA's per-client
 * rank, the model's otherwise; SA-FedLoRA starts there, its largest) over the base at
 * {@code lorasim.model.base-precision} ({@link FedPipeSetup#precision}). With {@code T = batch-size * max-length}:
 * <pre>
 *   need_k = weightBytes(precision, N) + T * base-activation-bytes-per-token
 *          + sum over matrices m [ 16 r_k (in_m + out_m) + 4 T r_k ]
 * </pre>
 * (N: the frozen base's parameters, {@link FedPipeSetup.Base}; 16 bytes per adapter parameter: its fp32 weight,
 * gradient and AdamW's two moments; 4 T r_k: the rank-r intermediate kept for the backward pass). Client k does
 * not fit when {@code need_k > memory_k}, its device profile's memory as drawn (before any scenario event). The
 * classifier head or other dense tensors are not counted, as FedPipe does not count them.
 */
public final class MemoryFit {

    /**
     * A client that does not fit, with what it needs, split into its parts.
     *
     * @param baseBytes       the frozen base's weights at {@code precision}
     * @param activationBytes the base's activations for one step of {@code tokens} tokens
     * @param adapterBytes    the adapter at {@code rank} with its gradients, optimizer state and activations
     */
    record Shortfall(int clientId, int rank, String precision, long tokens, long baseBytes, long activationBytes,
                     long adapterBytes, long memoryBytes) {

        long needBytes() {
            return baseBytes + activationBytes + adapterBytes;
        }

        /** For {@code events.jsonl}: what it needs against what it has. */
        String describe() {
            return "needs " + mb(needBytes()) + " (" + precision + " base " + mb(baseBytes) + ", activations of "
                    + tokens + " tokens " + mb(activationBytes) + ", rank-" + rank + " adapter with gradients and"
                    + " optimizer state " + mb(adapterBytes) + ") but its memory is " + mb(memoryBytes);
        }
    }

    private MemoryFit() {
    }

    /** The clients of {@code s} whose memory cannot hold what they train with, by id. */
    static List<Shortfall> shortfalls(RunSettings s, Adapter global, FedPipeSetup.Base base) {
        FedPipeCostModel costs = FedPipeSetup.costModel(s, base);
        List<CandidateMatrix> matrices = FedPipeSetup.candidates(global, Map.of());
        BasePrecision precision = FedPipeSetup.precision(s.model().basePrecision(), base.parameters());
        ProfileGenerator profiles = s.clients().profileGenerator();
        List<Shortfall> out = new ArrayList<>();
        for (int id = 0; id < s.clients().count(); id++) {
            DeviceProfile profile = ClientSplit.profile(s, profiles, id);
            ClientBudget budget = FedPipeSetup.budget(s, id, profile);
            int rank = ClientSplit.rank(s, id);
            Map<String, Integer> ranks = new TreeMap<>();
            matrices.forEach(m -> ranks.put(m.name(), Math.min(rank, m.maxRank())));
            long need = costs.memory(precision, matrices, ranks, budget);
            if (need > profile.memoryBytes()) {
                long activations = costs.baseMemory(precision, budget) - precision.weightBytes();
                out.add(new Shortfall(id, rank, precision.name(), budget.tokensPerStep(), precision.weightBytes(),
                        activations, need - precision.weightBytes() - activations, profile.memoryBytes()));
            }
        }
        return out;
    }

    /**
     * For {@code lorasim run} and {@code validate}: one line saying which clients of an encoder or system-only
     * centralized run with the check on do not fit, with the first one's need; empty when every client fits, the
     * check is off, or the run is FedPipe, Dec-LoRA or a decoder's (whose base size is known once it is loaded).
     */
    public static Optional<String> summary(RunSettings s) {
        if (!s.memoryCheck() || !s.variant().equals("centralized") || s.model().decoder()) {
            return Optional.empty();
        }
        List<Shortfall> out = shortfalls(s, ClientFactories.syntheticInitial(s), FedPipeSetup.Base.MINILM);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        String ids = out.stream().limit(ClientsThatDoNotFit.LISTED).map(f -> String.valueOf(f.clientId()))
                .collect(Collectors.joining(", ")) + (out.size() > ClientsThatDoNotFit.LISTED ? ", ..." : "");
        return Optional.of("memory check (lorasim.clients.memory-check): " + out.size() + " of " + s.clients().count()
                + " clients do not fit and never train: " + ids + "; client " + out.get(0).clientId() + " "
                + out.get(0).describe());
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
