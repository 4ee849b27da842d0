package org.lorasim.policies.annealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;

/**
 * Parameters communicated by a federated LoRA run, the cost SA-FedLoRA (Yang, Liu, Gao, Xu, Wang, arXiv
 * 2405.09394 v1) reports as "up to 93.62% fewer than FedAvg". One client's adapter at rank r carries
 * <pre>
 *   P(r) = sum over target matrices of r (in + out)  +  D
 * </pre>
 * values, D the dense tensors (e.g. a classification head) that travel at full size every round. A round
 * moves {@code P(r) * clients * directions} values, directions 2 for download of the global adapter plus
 * upload of the update, 1 for one way. The saving of a rank schedule against a fixed-rank baseline is
 * {@code 1 - total(schedule) / total(constant rank)} over the same rounds.
 *
 * <p>Counted in parameters (float32: 4 bytes each). What the paper counts (which FedAvg baseline, whether
 * the initiating stage sends the whole model, as one secondary source suggests) is UNVERIFIED; this class
 * counts the adapter at the scheduled rank in every round.
 */
public final class CommunicationCost {

    /** One target matrix {@code W} (out x in) carrying LoRA factors A (r x in) and B (out x r). */
    public record MatrixShape(int inFeatures, int outFeatures) {
        public MatrixShape {
            Checks.positive("inFeatures", inFeatures);
            Checks.positive("outFeatures", outFeatures);
        }

        /** {@code r (in + out)}. */
        public long parametersAt(int rank) {
            return (long) Checks.positive("rank", rank) * ((long) inFeatures + outFeatures);
        }
    }

    /** Which transfers a round counts. */
    public enum Directions {
        UPLOAD(1),
        DOWNLOAD(1),
        UP_AND_DOWN(2);

        private final int count;

        Directions(int count) {
            this.count = count;
        }

        public int count() {
            return count;
        }
    }

    private final List<MatrixShape> matrices;
    private final long denseParameters;
    private final int clientsPerRound;
    private final Directions directions;

    /**
     * @param matrices        the LoRA target matrices, not empty
     * @param denseParameters values of dense tensors sent at full size every round, {@code >= 0}
     * @param clientsPerRound clients that download and upload each round, {@code >= 1}
     */
    public CommunicationCost(List<MatrixShape> matrices, long denseParameters, int clientsPerRound, Directions directions) {
        this.matrices = List.copyOf(Checks.nonEmpty("matrices", matrices));
        Checks.require(denseParameters >= 0, "denseParameters must be >= 0, got " + denseParameters);
        this.denseParameters = denseParameters;
        this.clientsPerRound = Checks.positive("clientsPerRound", clientsPerRound);
        this.directions = Objects.requireNonNull(directions, "directions");
    }

    /** The matrix shapes and dense tensor sizes of {@code template}; its ranks are ignored. */
    public static CommunicationCost of(Adapter template, int clientsPerRound, Directions directions) {
        Objects.requireNonNull(template, "template");
        List<MatrixShape> shapes = new ArrayList<>();
        for (LoraFactors f : template.lora().values()) {
            shapes.add(new MatrixShape(f.inFeatures(), f.outFeatures()));
        }
        long dense = 0;
        for (DenseTensor t : template.dense().values()) {
            dense += t.values().length;
        }
        return new CommunicationCost(shapes, dense, clientsPerRound, directions);
    }

    public List<MatrixShape> matrices() {
        return matrices;
    }

    public long denseParameters() {
        return denseParameters;
    }

    public int clientsPerRound() {
        return clientsPerRound;
    }

    public Directions directions() {
        return directions;
    }

    /** {@code P(r)}: one client's adapter at rank {@code rank}, one way. */
    public long parametersPerClient(int rank) {
        long p = denseParameters;
        for (MatrixShape m : matrices) {
            p += m.parametersAt(rank);
        }
        return p;
    }

    /** {@code P(r) * clients * directions}. */
    public long parametersPerRound(int rank) {
        return parametersPerClient(rank) * clientsPerRound * directions.count();
    }

    /** Parameters over rounds {@code 0 .. schedule.totalRounds() - 1}. */
    public long total(RankSchedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        long sum = 0;
        for (int t = 0; t < schedule.totalRounds(); t++) {
            sum += parametersPerRound(schedule.rankAt(t));
        }
        return sum;
    }

    /**
     * {@code 1 - total(schedule) / total(fixed rank)} over the schedule's rounds: the fraction of the
     * fixed-rank baseline's traffic the schedule saves (negative if it sends more).
     */
    public double savingVersusFixedRank(RankSchedule schedule, int fixedRank) {
        long baseline = total(RankSchedule.constant(fixedRank, schedule.totalRounds()));
        return 1 - (double) total(schedule) / baseline;
    }

    @Override
    public String toString() {
        return "CommunicationCost[" + matrices.size() + " matrices, dense " + denseParameters + ", "
                + clientsPerRound + " clients, " + directions + "]";
    }
}
