package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.HetLora;
import org.lorasim.policies.annealing.AnnealedRankSchedule;
import org.lorasim.policies.annealing.RankRounding;
import org.lorasim.policies.annealing.SaFedLoraStages;
import org.lorasim.policies.annealing.SaFedLoraStages.ScheduleOrigin;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.ClientInfo;
import org.lorasim.policies.centralized.ClientSampler;
import org.lorasim.policies.centralized.FedAvgPolicy;
import org.lorasim.policies.centralized.FlexLoraPolicy;
import org.lorasim.policies.centralized.HetLoraPolicy;
import org.lorasim.policies.centralized.SaFedLoraPolicy;
import org.lorasim.policies.linalg.DenseKernel;
import org.lorasim.policies.parallel.MatrixPool;
import org.lorasim.training.linalg.TorchDenseKernel;

/**
 * The {@link CentralizedPolicy} of a run's {@code lorasim.run.algorithm}, and what the server knows of each
 * client ({@link ClientInfo}: its example count and, for FlexLoRA and HetLoRA, its rank).
 */
final class PolicyFactory {

    private PolicyFactory() {
    }

    static CentralizedPolicy policy(RunSettings s, org.lorasim.policies.adapter.Adapter global,
                                    java.util.Map<String, Double> importance, FedPipeSetup.Base base) {
        RunSettings.Rounds r = s.roundSettings();
        ClientSampler sampler = r.clientsPerRound() > 0 ? ClientSampler.count(r.clientsPerRound(), r.overCommit())
                : ClientSampler.fraction(r.fraction(), r.overCommit());
        int steps = s.training().localSteps();
        AlgorithmSettings a = s.algorithms();
        return switch (s.algorithm()) {
            case "fedit" -> FedAvgPolicy.fedAvg(sampler, steps).withAggregator(s.aggregation().aggregator(s.seed()));
            case "fedprox" -> FedAvgPolicy.fedProx(sampler, steps, a.fedProxMu())
                    .withAggregator(s.aggregation().aggregator(s.seed()));
            case "flexlora" -> new FlexLoraPolicy(sampler, steps, new FlexLora(a.flexLoraSvd(),
                    MatrixPool.perProcessor(), a.flexLoraKernel().equals("torch") ? TorchDenseKernel.INSTANCE
                    : DenseKernel.JAVA));
            case "hetlora" -> new HetLoraPolicy(sampler, steps,
                    new HetLora(a.hetLoraScaleOnAggregate(), a.hetLoraUnscaleOnTruncate()));
            case "sa-fedlora" -> new SaFedLoraPolicy(sampler, steps, saFedLoraStages(s, a));
            case "fedpipe" -> FedPipeSetup.policy(s, sampler, global, importance, base);
            default -> throw new IllegalArgumentException("no centralized policy for " + s.algorithm());
        };
    }

    /**
     * SA-FedLoRA's stages over the whole run: the schedule counts from round 0 ({@link ScheduleOrigin#ROUND_ZERO})
     * and its heating rounds are the initiating rounds, so the run trains at the full rank exactly while the
     * proximal term is on, anneals from the first round after it, and holds the final rank for the cooling rounds
     * at the end. (Counting the schedule from the end of the initiating stage instead would hold the full rank
     * for twice the initiating rounds and end the run before the schedule does.)
     */
    private static SaFedLoraStages saFedLoraStages(RunSettings s, AlgorithmSettings a) {
        AnnealedRankSchedule schedule = new AnnealedRankSchedule(s.model().rank(), a.saFinalRank(), s.rounds(),
                a.saInitiatingRounds(), a.saCoolingRounds(), a.saSchedule(), RankRounding.HALF_UP);
        return new SaFedLoraStages(a.saInitiatingRounds(), a.saMu(), schedule, ScheduleOrigin.ROUND_ZERO);
    }

    static List<ClientInfo> clients(RunSettings s, int[] examples) {
        List<ClientInfo> infos = new ArrayList<>();
        for (int id = 0; id < examples.length; id++) {
            infos.add(switch (s.algorithm()) {
                case "flexlora" -> ClientInfo.ofRank(id, examples[id],
                        AlgorithmSettings.rankOf(s.algorithms().flexLoraRanks(), id));
                case "hetlora" -> ClientInfo.ofRank(id, examples[id],
                        AlgorithmSettings.rankOf(s.algorithms().hetLoraRanks(), id));
                default -> ClientInfo.of(id, examples[id]);
            });
        }
        return infos;
    }
}
