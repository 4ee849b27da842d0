package org.lorasim.policies.annealing;

import org.lorasim.policies.Checks;

/** The same LoRA rank in every round: FedAvg/FedIT with a fixed adapter, the baseline of SA-FedLoRA's savings. */
public record ConstantRankSchedule(int rank, int totalRounds) implements RankSchedule {

    public ConstantRankSchedule {
        Checks.positive("rank", rank);
        Checks.positive("totalRounds", totalRounds);
    }

    @Override
    public int rankAt(int round) {
        Checks.nonNegative("round", round);
        return rank;
    }

    @Override
    public int maxRank() {
        return rank;
    }

    @Override
    public int minRank() {
        return rank;
    }
}
