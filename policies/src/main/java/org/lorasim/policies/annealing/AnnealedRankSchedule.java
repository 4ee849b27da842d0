package org.lorasim.policies.annealing;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * SA-FedLoRA's annealed rank budget (Yang, Liu, Gao, Xu, Wang, "SA-FedLoRA: Adaptive Parameter Allocation
 * for Efficient Federated Learning with LoRA Tuning", arXiv 2405.09394 v1): a large rank while "heating",
 * shrunk round by round, a small rank while "cooling". The paper's schedule is UNVERIFIED; the template is
 * AdaLoRA's budget (Zhang et al., arXiv 2303.10512; PEFT's {@code RankAllocator.budget_schedule}):
 * <pre>
 *   b(t) = b_0                                                  for t &lt;= t_i
 *   b(t) = b_T + (b_0 - b_T) (1 - (t - t_i) / (T - t_i - t_f))^3   for t_i &lt; t &lt;= T - t_f
 *   b(t) = b_T                                                  for t &gt; T - t_f
 * </pre>
 * with t counted in rounds, here 0-based. In our parameters {@code h = heatingRounds} and
 * {@code c = coolingRounds} count rounds held at the ends: rounds {@code 0 .. h-1} have {@code maxRank},
 * rounds {@code T-c .. T-1} have {@code minRank}, and the progress is
 * <pre>
 *   p(t) = clamp((t - (h - 1)) / (T - c - h + 1), 0, 1) ,
 * </pre>
 * which is AdaLoRA's formula with {@code t_i = h - 1} and {@code t_f = c}. The {@link AnnealingShape}
 * maps p to a real budget (CUBIC is AdaLoRA's) and the {@link RankRounding} makes it an integer, clamped to
 * [minRank, maxRank]. Ranks are per target matrix; AdaLoRA's budget is their sum over all matrices.
 *
 * <p>Since every shape is non-increasing in p and rounding is monotone, ranks never grow. Round 0 always
 * has {@code maxRank} ({@code h >= 1}); the last round has {@code minRank} whenever {@code c >= 1}
 * (with {@code c = 0} the last round is one step short of it, as in AdaLoRA with {@code t_f = 0}).
 * Rounds past {@code T - 1} keep {@code minRank}.
 */
public final class AnnealedRankSchedule implements RankSchedule {
    private final int maxRank;
    private final int minRank;
    private final int totalRounds;
    private final int heatingRounds;
    private final int coolingRounds;
    private final AnnealingShape shape;
    private final RankRounding rounding;

    /**
     * @throws IllegalArgumentException unless {@code 1 <= minRank <= maxRank}, {@code heatingRounds >= 1},
     *                                  {@code coolingRounds >= 0} and {@code heatingRounds + coolingRounds <= totalRounds}
     */
    public AnnealedRankSchedule(int maxRank, int minRank, int totalRounds, int heatingRounds, int coolingRounds,
                                AnnealingShape shape, RankRounding rounding) {
        this.maxRank = Checks.positive("maxRank", maxRank);
        this.minRank = Checks.positive("minRank", minRank);
        Checks.require(minRank <= maxRank, "minRank must be <= maxRank, got minRank = " + minRank + ", maxRank = " + maxRank);
        this.totalRounds = Checks.positive("totalRounds", totalRounds);
        this.heatingRounds = Checks.positive("heatingRounds", heatingRounds);
        this.coolingRounds = Checks.nonNegative("coolingRounds", coolingRounds);
        Checks.require((long) heatingRounds + coolingRounds <= totalRounds, "heatingRounds + coolingRounds must be <= "
                + "totalRounds, got " + heatingRounds + " + " + coolingRounds + " > " + totalRounds);
        this.shape = Objects.requireNonNull(shape, "shape");
        this.rounding = Objects.requireNonNull(rounding, "rounding");
    }

    /** The same schedule with another rounding rule. */
    public AnnealedRankSchedule withRounding(RankRounding newRounding) {
        return new AnnealedRankSchedule(maxRank, minRank, totalRounds, heatingRounds, coolingRounds, shape, newRounding);
    }

    /** The annealing progress {@code p(t)} in [0, 1]: 0 while heating, 1 while cooling. */
    public double progress(int round) {
        Checks.nonNegative("round", round);
        double span = totalRounds - coolingRounds - heatingRounds + 1;
        double p = (round - (heatingRounds - 1)) / span;
        return Math.max(0, Math.min(1, p));
    }

    /** The real-valued budget {@code b(t)} before rounding. */
    public double budget(int round) {
        return shape.budget(maxRank, minRank, progress(round));
    }

    @Override
    public int rankAt(int round) {
        long r = rounding.round(budget(round));
        return (int) Math.max(minRank, Math.min(maxRank, r));
    }

    @Override
    public int maxRank() {
        return maxRank;
    }

    @Override
    public int minRank() {
        return minRank;
    }

    @Override
    public int totalRounds() {
        return totalRounds;
    }

    public int heatingRounds() {
        return heatingRounds;
    }

    public int coolingRounds() {
        return coolingRounds;
    }

    public AnnealingShape shape() {
        return shape;
    }

    public RankRounding rounding() {
        return rounding;
    }

    @Override
    public String toString() {
        return "AnnealedRankSchedule[" + shape + " " + maxRank + " -> " + minRank + ", T=" + totalRounds
                + ", heating " + heatingRounds + ", cooling " + coolingRounds + ", " + rounding + "]";
    }
}
