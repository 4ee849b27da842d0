package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.centralized.ClientSampler;
import org.lorasim.policies.centralized.FedPipePolicy;
import org.lorasim.policies.fedpipe.BasePrecision;
import org.lorasim.policies.fedpipe.CandidateMatrix;
import org.lorasim.policies.fedpipe.ClientBudget;
import org.lorasim.policies.fedpipe.FedPipeCostModel;
import org.lorasim.policies.fedpipe.FedPipePlanner;
import org.lorasim.policies.fedpipe.PlannerSettings;

/**
 * The pipeline variant's planning step (FedPipe, Fang et al., arXiv:2404.06448): the candidate matrices are
 * the global adapter's LoRA matrices with their importance scores (from the training module's
 * {@code ImportanceScorer}, a decoder's {@code DecoderImportanceScorer}, on a sample of the clients' data:
 * {@link ImportanceSample}; all 1 in a system-only run, which has no model to score); each client's budget is its device profile's memory and compute speed with the time budget
 * {@code lorasim.algorithms.fedpipe.step-time} for one step of {@code batch-size * max-length} tokens; the
 * frozen base may be held in fp32, int8 (groups of 64) or NF4 (blocks of 64). The cost model is
 * {@link FedPipeCostModel#defaults} for the base's parameter count (all-MiniLM-L6-v2: 22.7 M) with
 * {@code base-activation-bytes-per-token} of activations kept for the backward pass. A decoder's base is held
 * in fp32 only (the decoder trainer has no quantized base yet), so its plan chooses ranks with fp32 bases.
 */
final class FedPipeSetup {
    static final long MINILM_PARAMETERS = 22_713_216L;

    /** The frozen base FedPipe plans memory for: its parameter count and whether it may be quantized. */
    record Base(long parameters, boolean quantizable) {
        static final Base MINILM = new Base(MINILM_PARAMETERS, true);
    }

    private FedPipeSetup() {
    }

    static FedPipePolicy policy(RunSettings s, ClientSampler sampler, Adapter global, Map<String, Double> importance,
                                Base base) {
        long n = base.parameters();
        List<BasePrecision> precisions = base.quantizable() ? List.of(precision("fp32", n), precision("int8", n),
                precision("nf4", n)) : List.of(precision("fp32", n));
        ProfileGenerator profiles = s.clients().profileGenerator();
        Map<Integer, ClientBudget> budgets = new TreeMap<>();
        for (int id = 0; id < s.clients().count(); id++) {
            budgets.put(id, budget(s, id, ClientSplit.profile(s, profiles, id)));
        }
        FedPipePlanner planner = new FedPipePlanner(costModel(s, base), PlannerSettings.of(s.algorithms().fedPipeRanks()));
        return new FedPipePolicy(sampler, s.training().localSteps(), planner, candidates(global, importance),
                precisions, budgets);
    }

    /** The cost model for {@code base}: {@link FedPipeCostModel#defaults} with the run's activation bytes per token. */
    static FedPipeCostModel costModel(RunSettings s, Base base) {
        return FedPipeCostModel.defaults(base.parameters(), s.algorithms().fedPipeActivationBytesPerToken());
    }

    /** The global adapter's LoRA matrices as candidates, each with its importance score (1 when unscored). */
    static List<CandidateMatrix> candidates(Adapter global, Map<String, Double> importance) {
        List<CandidateMatrix> candidates = new ArrayList<>();
        for (Map.Entry<String, LoraFactors> e : global.lora().entrySet()) {
            candidates.add(CandidateMatrix.of(e.getKey(), e.getValue().inFeatures(), e.getValue().outFeatures(),
                    importance.getOrDefault(e.getKey(), 1.0)));
        }
        return candidates;
    }

    /** Client {@code id}'s budget for one step of {@code batch-size * max-length} tokens on its profile {@code p}. */
    static ClientBudget budget(RunSettings s, int id, DeviceProfile p) {
        long tokens = (long) s.training().batchSize() * s.training().maxLength();
        return new ClientBudget("client-" + id, s.algorithms().fedPipeStepSeconds(), Math.max(1, p.memoryBytes()),
                p.flops(), tokens);
    }

    /**
     * The storage of a base of {@code parameters} weights held as {@code name} ({@code lorasim.model.base-precision}):
     * fp32 4 bytes a weight; int8 and int4 with a float32 scale per 64 weights; NF4 in blocks of 64.
     */
    static BasePrecision precision(String name, long parameters) {
        return switch (name) {
            case "fp32" -> BasePrecision.uniform("fp32", 32, parameters);
            case "int8" -> BasePrecision.int8(parameters, 64);
            case "int4" -> BasePrecision.int4(parameters, 64);
            case "nf4" -> BasePrecision.nf4(parameters, 64);
            default -> throw new IllegalArgumentException("unknown base precision '" + name + "'");
        };
    }
}
