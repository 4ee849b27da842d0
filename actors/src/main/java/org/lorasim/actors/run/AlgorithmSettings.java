package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.annealing.AnnealingShape;
import org.lorasim.policies.linalg.SvdRoute;

/**
 * The {@code lorasim.algorithms} section: each algorithm's own settings, checked against the global rank.
 *
 * @param fedProxMu          FedProx proximal weight
 * @param flexLoraRanks      FlexLoRA client ranks, client i gets {@code ranks[i mod n]}
 * @param flexLoraSvd        how FlexLoRA's server finds the top singular triplets of {@code sum p_k s_k B_k A_k}
 * @param flexLoraKernel     the dense products of {@code flexLoraSvd = gram}: {@code java} or {@code torch}
 * @param hetLoraRanks       HetLoRA client ranks, the same rule
 * @param hetLoraScaleOnAggregate   HetLoRA: weight client k's zero-padded factors by {@code p_k sqrt(alpha / r_k)}
 *                                  instead of {@code p_k}
 * @param hetLoraUnscaleOnTruncate  HetLoRA: a client of rank r divides its cut of the global factors by
 *                                  {@code sqrt(alpha / r)}
 * @param saInitiatingRounds SA-FedLoRA initiating rounds
 * @param saMu               SA-FedLoRA proximal weight in the initiating stage
 * @param saFinalRank        SA-FedLoRA rank at the end of annealing
 * @param saSchedule         SA-FedLoRA's annealing shape: cubic, linear, cosine or exponential ({@link AnnealingShape})
 * @param saCoolingRounds    SA-FedLoRA rounds held at the final rank at the end
 * @param fedPipeRanks       the ranks FedPipe's planner may give a matrix
 * @param fedPipeStepSeconds FedPipe's time budget of one local step, seconds
 * @param fedPipeActivationBytesPerToken activation bytes per token of the frozen base kept for backpropagation
 */
public record AlgorithmSettings(double fedProxMu, List<Integer> flexLoraRanks, SvdRoute flexLoraSvd,
                                String flexLoraKernel, List<Integer> hetLoraRanks,
                                boolean hetLoraScaleOnAggregate, boolean hetLoraUnscaleOnTruncate,
                                int saInitiatingRounds, double saMu, int saFinalRank, AnnealingShape saSchedule,
                                int saCoolingRounds, List<Integer> fedPipeRanks,
                                double fedPipeStepSeconds, long fedPipeActivationBytesPerToken) {

    /**
     * Reads every algorithm's settings; ranks are checked against the global rank only for {@code algorithm},
     * the one the run uses (another algorithm's ranks may assume another global rank).
     */
    static AlgorithmSettings from(Config config, int globalRank, String algorithm) {
        if (algorithm.equals("sa-fedlora")) {
            requireStagesFit(config);
        }
        return new AlgorithmSettings(RunSettings.positive(config, "lorasim.algorithms.fedprox.mu"),
                ranks(config, "lorasim.algorithms.flexlora.client-ranks", algorithm.equals("flexlora") ? globalRank : 0),
                SvdRoute.valueOf(ConfigReading.oneOf(config, "lorasim.algorithms.flexlora.svd",
                        List.of("factored", "gram", "full")).toUpperCase(Locale.ROOT)),
                ConfigReading.oneOf(config, "lorasim.algorithms.flexlora.kernel", List.of("java", "torch")),
                ranks(config, "lorasim.algorithms.hetlora.client-ranks", algorithm.equals("hetlora") ? globalRank : 0),
                config.getBoolean("lorasim.algorithms.hetlora.scale-on-aggregate"),
                config.getBoolean("lorasim.algorithms.hetlora.unscale-on-truncate"),
                RunSettings.atLeast(config, "lorasim.algorithms.sa-fedlora.initiating-rounds", 0),
                RunSettings.positive(config, "lorasim.algorithms.sa-fedlora.mu"),
                finalRank(config, algorithm.equals("sa-fedlora") ? globalRank : 0),
                AnnealingShape.valueOf(ConfigReading.oneOf(config, "lorasim.algorithms.sa-fedlora.schedule",
                        List.of("cubic", "linear", "cosine", "exponential")).toUpperCase(Locale.ROOT)),
                RunSettings.atLeast(config, "lorasim.algorithms.sa-fedlora.cooling-rounds", 0),
                ranks(config, "lorasim.algorithms.fedpipe.ranks", algorithm.equals("fedpipe") ? globalRank : 0),
                RunSettings.positive(config, "lorasim.algorithms.fedpipe.step-time-seconds"),
                (long) ConfigReading.bytes(config,
                        "lorasim.algorithms.fedpipe.base-activation-bytes-per-token", false));
    }

    private static List<Integer> ranks(Config config, String path, int globalRank) {
        List<Integer> ranks = ConfigReading.integers(config, path);
        if (ranks.isEmpty()) {
            throw bad(config, path, "must list at least one rank");
        }
        for (int r : ranks) {
            if (r < 1 || (globalRank > 0 && r > globalRank)) {
                throw bad(config, path, "rank " + r + " must be in [1, lorasim.model.rank = " + globalRank + "]");
            }
        }
        return List.copyOf(ranks);
    }

    /**
     * SA-FedLoRA's initiating rounds (at the full rank, at least one, fewer than the run's) and cooling rounds must
     * fit in the run.
     */
    private static void requireStagesFit(Config config) {
        String initiating = "lorasim.algorithms.sa-fedlora.initiating-rounds";
        String cooling = "lorasim.algorithms.sa-fedlora.cooling-rounds";
        int i = RunSettings.atLeast(config, initiating, 0);
        int c = RunSettings.atLeast(config, cooling, 0);
        int rounds = config.getInt("lorasim.run.rounds");
        if (i < 1) {
            throw bad(config, initiating, "must be >= 1 for sa-fedlora: the first round trains at the full rank");
        }
        if (i >= rounds) {
            throw bad(config, initiating, "must be < lorasim.run.rounds = " + rounds + " for sa-fedlora: at least one "
                    + "round must anneal");
        }
        if ((long) i + c > rounds) {
            throw bad(config, cooling, "initiating-rounds (" + i + ") + cooling-rounds (" + c
                    + ") must be <= lorasim.run.rounds = " + rounds);
        }
    }

    private static int finalRank(Config config, int globalRank) {
        int r = RunSettings.atLeast(config, "lorasim.algorithms.sa-fedlora.final-rank", 1);
        if (globalRank > 0 && r > globalRank) {
            throw bad(config, "lorasim.algorithms.sa-fedlora.final-rank", "must be <= lorasim.model.rank = "
                    + globalRank + ", got " + r);
        }
        return r;
    }

    /** Client {@code id}'s rank under a per-client rank list. */
    static int rankOf(List<Integer> ranks, int id) {
        return ranks.get(id % ranks.size());
    }
}
