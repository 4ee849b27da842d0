package org.lorasim.policies.annealing;

/**
 * The LoRA rank (per target matrix) of each round of a run; rounds are 0-based, {@code 0 .. totalRounds-1}.
 * SA-FedLoRA (Yang, Liu, Gao, Xu, Wang, arXiv 2405.09394 v1) anneals it from a large "heating" budget to a
 * small "cooling" one; a fixed-rank FedAvg baseline is {@link #constant}.
 */
public interface RankSchedule {

    /** The rank of round {@code round} (0-based), in [{@link #minRank()}, {@link #maxRank()}]. */
    int rankAt(int round);

    int maxRank();

    int minRank();

    /** Number of rounds the schedule is written for. */
    int totalRounds();

    /** The same rank every round: the fixed-rank baseline. */
    static RankSchedule constant(int rank, int totalRounds) {
        return new ConstantRankSchedule(rank, totalRounds);
    }

    /** AdaLoRA's cubic schedule, rounded half up. See {@link AnnealedRankSchedule}. */
    static AnnealedRankSchedule cubic(int maxRank, int minRank, int totalRounds, int heatingRounds, int coolingRounds) {
        return new AnnealedRankSchedule(maxRank, minRank, totalRounds, heatingRounds, coolingRounds,
                AnnealingShape.CUBIC, RankRounding.HALF_UP);
    }

    static AnnealedRankSchedule linear(int maxRank, int minRank, int totalRounds, int heatingRounds, int coolingRounds) {
        return new AnnealedRankSchedule(maxRank, minRank, totalRounds, heatingRounds, coolingRounds,
                AnnealingShape.LINEAR, RankRounding.HALF_UP);
    }

    static AnnealedRankSchedule cosine(int maxRank, int minRank, int totalRounds, int heatingRounds, int coolingRounds) {
        return new AnnealedRankSchedule(maxRank, minRank, totalRounds, heatingRounds, coolingRounds,
                AnnealingShape.COSINE, RankRounding.HALF_UP);
    }

    static AnnealedRankSchedule exponential(int maxRank, int minRank, int totalRounds, int heatingRounds, int coolingRounds) {
        return new AnnealedRankSchedule(maxRank, minRank, totalRounds, heatingRounds, coolingRounds,
                AnnealingShape.EXPONENTIAL, RankRounding.HALF_UP);
    }
}
