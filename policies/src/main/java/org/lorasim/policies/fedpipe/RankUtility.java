package org.lorasim.policies.fedpipe;

import org.lorasim.policies.Checks;

/**
 * How much adapting a matrix at rank r is worth, as a fraction {@code g(r)} of adapting it at the largest
 * allowed rank: {@code g(0) = 0}, {@code g(r_max) = 1}, increasing. The planner's utility of a matrix is
 * {@code importance * g(r)}. FedPipe's objective is the federated loss itself (Fang et al., arXiv
 * 2404.06448), which a planner cannot evaluate; this surrogate is our choice (UNVERIFIED in the paper).
 *
 * <ul>
 *   <li>{@link #LOG}: {@code log2(1 + r) / log2(1 + r_max)}, concave: the first ranks matter most
 *       (default; adapting many matrices at small rank beats few at large rank).</li>
 *   <li>{@link #SQRT}: {@code sqrt(r / r_max)}, concave, milder.</li>
 *   <li>{@link #LINEAR}: {@code r / r_max}: every rank unit counts the same.</li>
 * </ul>
 */
public enum RankUtility {
    LOG {
        @Override
        double raw(int rank, int maxRank) {
            return Math.log1p(rank) / Math.log1p(maxRank);
        }
    },
    SQRT {
        @Override
        double raw(int rank, int maxRank) {
            return Math.sqrt((double) rank / maxRank);
        }
    },
    LINEAR {
        @Override
        double raw(int rank, int maxRank) {
            return (double) rank / maxRank;
        }
    };

    abstract double raw(int rank, int maxRank);

    /** {@code g(rank)} for ranks in {@code [0, maxRank]}. */
    public double of(int rank, int maxRank) {
        Checks.positive("maxRank", maxRank);
        Checks.require(rank >= 0 && rank <= maxRank, "rank must be in [0, " + maxRank + "], got " + rank);
        return rank == 0 ? 0 : raw(rank, maxRank);
    }
}
