package org.lorasim.policies.annealing;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * The two stages of SA-FedLoRA (Yang, Liu, Gao, Xu, Wang, arXiv 2405.09394 v1) round by round. Rounds are
 * 0-based.
 * <ul>
 *   <li>INITIATING, rounds {@code 0 .. T_init - 1}: clients train with the {@link ProximalTerm}
 *       ({@code mu > 0}) at the heating rank.</li>
 *   <li>ANNEALING, rounds {@code T_init ..}: no proximal term ({@code mu = 0}); the rank follows the
 *       {@link RankSchedule} from heating down to cooling.</li>
 * </ul>
 * The number of initiating rounds, mu and the schedule are UNVERIFIED in the paper. Where the schedule's
 * round 0 sits is a {@link ScheduleOrigin}: by default the schedule starts when annealing starts, so its
 * heating phase follows the initiating stage, as the paper's order of stages reads. With
 * {@link ScheduleOrigin#ROUND_ZERO} the schedule counts from the first round of the run instead; then its
 * heating rounds should cover {@code T_init} or the rank shrinks while the proximal term is still on.
 */
public final class SaFedLoraStages {

    public enum Stage {
        INITIATING,
        ANNEALING
    }

    /** Which round of the run is round 0 of the rank schedule. */
    public enum ScheduleOrigin {
        /** Schedule round {@code t - T_init}; during the initiating stage the schedule's round 0 (heating rank). */
        END_OF_INITIATING,
        /** Schedule round {@code t}: the schedule spans the whole run, initiating rounds included. */
        ROUND_ZERO
    }

    /** What round {@code round} of the run uses. */
    public record RoundPlan(int round, Stage stage, double mu, int rank) {
    }

    private final ProximalTerm proximal;
    private final RankSchedule schedule;
    private final ScheduleOrigin origin;

    /** Stages with the schedule starting when annealing starts ({@link ScheduleOrigin#END_OF_INITIATING}). */
    public SaFedLoraStages(int initiatingRounds, double mu, RankSchedule schedule) {
        this(initiatingRounds, mu, schedule, ScheduleOrigin.END_OF_INITIATING);
    }

    /**
     * @throws IllegalArgumentException for {@code initiatingRounds < 0}, a negative or non-finite mu, or
     *                                  (with ROUND_ZERO) a schedule shorter than the initiating stage
     */
    public SaFedLoraStages(int initiatingRounds, double mu, RankSchedule schedule, ScheduleOrigin origin) {
        this.proximal = new ProximalTerm(mu, initiatingRounds);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.origin = Objects.requireNonNull(origin, "origin");
        if (origin == ScheduleOrigin.ROUND_ZERO) {
            Checks.require(schedule.totalRounds() > initiatingRounds, "a ROUND_ZERO schedule must outlast the "
                    + initiatingRounds + " initiating rounds, it has " + schedule.totalRounds());
        }
    }

    public int initiatingRounds() {
        return proximal.initiatingRounds();
    }

    /** The proximal term of the initiating stage. */
    public ProximalTerm proximalTerm() {
        return proximal;
    }

    public RankSchedule schedule() {
        return schedule;
    }

    public ScheduleOrigin origin() {
        return origin;
    }

    /** Rounds in the whole run: the schedule's, plus the initiating rounds when the schedule starts after them. */
    public int totalRounds() {
        return origin == ScheduleOrigin.ROUND_ZERO ? schedule.totalRounds()
                : initiatingRounds() + schedule.totalRounds();
    }

    public Stage stageAt(int round) {
        return proximal.isActive(round) ? Stage.INITIATING : Stage.ANNEALING;
    }

    /** mu in the initiating stage, 0 in the annealing stage. */
    public double muAt(int round) {
        return proximal.muAt(round);
    }

    /** The LoRA rank (per target matrix) of round {@code round}. */
    public int rankAt(int round) {
        Checks.nonNegative("round", round);
        int scheduleRound = origin == ScheduleOrigin.ROUND_ZERO ? round : Math.max(0, round - initiatingRounds());
        return schedule.rankAt(scheduleRound);
    }

    public RoundPlan at(int round) {
        return new RoundPlan(round, stageAt(round), muAt(round), rankAt(round));
    }

    /** The rank of every round of the run, {@code 0 .. totalRounds() - 1}, as one schedule. */
    public RankSchedule asRankSchedule() {
        return new RankSchedule() {
            @Override
            public int rankAt(int round) {
                return SaFedLoraStages.this.rankAt(round);
            }

            @Override
            public int maxRank() {
                return schedule.maxRank();
            }

            @Override
            public int minRank() {
                return schedule.minRank();
            }

            @Override
            public int totalRounds() {
                return SaFedLoraStages.this.totalRounds();
            }
        };
    }

    @Override
    public String toString() {
        return "SaFedLoraStages[T_init=" + initiatingRounds() + ", mu=" + proximal.mu() + ", " + schedule + ", " + origin + "]";
    }
}
