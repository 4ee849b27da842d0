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
import org.lorasim.policies.random.RngStreams;

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
        List<CandidateMatrix> candidates = new ArrayList<>();
        for (Map.Entry<String, LoraFactors> e : global.lora().entrySet()) {
            candidates.add(CandidateMatrix.of(e.getKey(), e.getValue().inFeatures(), e.getValue().outFeatures(),
                    importance.getOrDefault(e.getKey(), 1.0)));
        }
        long n = base.parameters();
        List<BasePrecision> precisions = base.quantizable() ? List.of(BasePrecision.uniform("fp32", 32, n),
                BasePrecision.int8(n, 64), BasePrecision.nf4(n, 64)) : List.of(BasePrecision.uniform("fp32", 32, n));
        ProfileGenerator profiles = s.clients().profileGenerator();
        RngStreams streams = new RngStreams(s.seed());
        long tokens = (long) s.training().batchSize() * s.training().maxLength();
        Map<Integer, ClientBudget> budgets = new TreeMap<>();
        for (int id = 0; id < s.clients().count(); id++) {
            DeviceProfile p = profiles.profileOf(id, streams.stream("profile", id));
            budgets.put(id, new ClientBudget("client-" + id, s.algorithms().fedPipeStepSeconds(),
                    Math.max(1, p.memoryBytes()), p.flops(), tokens));
        }
        FedPipePlanner planner = new FedPipePlanner(FedPipeCostModel.defaults(n,
                s.algorithms().fedPipeActivationBytesPerToken()), PlannerSettings.of(s.algorithms().fedPipeRanks()));
        return new FedPipePolicy(sampler, s.training().localSteps(), planner, candidates, precisions, budgets);
    }
}
