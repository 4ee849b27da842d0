package org.lorasim.policies.gossip;

import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * The gossip step of Dec-LoRA (Ghiasvand, Alizadeh, Pedarsani, "Decentralized Low-Rank Fine-Tuning of
 * Large Language Models", arXiv 2501.15361): each factor is mixed on its own,
 * <pre>
 *   A_i &lt;- sum_j q_ij A_j ,   B_i &lt;- sum_j q_ij B_j ,
 * </pre>
 * and so is every dense tensor (e.g. a classification head), entry by entry. Averaging the factors is
 * not averaging the products {@code B_j A_j}; Dec-LoRA does it anyway and its convergence analysis is
 * on the factors. The LoRA metadata (alpha, scaling) of the result is that of {@code own}.
 *
 * <p>Sums run over clients in ascending index order and accumulate in double, then round to float once,
 * so the result does not depend on the map's iteration order. Missing neighbours are handled by a
 * {@link MissingNeighbourRule} (default {@link MissingNeighbourRule#WEIGHT_TO_SELF}); if nothing is
 * missing both rules are the plain step above.
 */
public final class DecLoraGossip implements GossipPolicy {
    private final MissingNeighbourRule missingRule;

    public DecLoraGossip() {
        this(MissingNeighbourRule.WEIGHT_TO_SELF);
    }

    public DecLoraGossip(MissingNeighbourRule missingRule) {
        this.missingRule = Objects.requireNonNull(missingRule, "missingRule");
    }

    public MissingNeighbourRule missingRule() {
        return missingRule;
    }

    @Override
    public Adapter mix(int self, Adapter own, Map<Integer, Adapter> received, MixingMatrix w) {
        Objects.requireNonNull(own, "own adapter");
        Objects.requireNonNull(received, "received adapters");
        Objects.requireNonNull(w, "mixing matrix");
        int n = w.size();
        Checks.require(self >= 0 && self < n, "self must be a client in [0, " + n + "), got " + self);
        boolean[] present = new boolean[n];
        for (Map.Entry<Integer, Adapter> e : received.entrySet()) {
            int from = Objects.requireNonNull(e.getKey(), "sender");
            Checks.require(from != self, "client " + self + " received its own adapter as a message");
            Checks.require(from >= 0 && from < n,
                    "client " + self + " received an adapter from " + from + ", not a client in [0, " + n + ")");
            Checks.require(w.topology().hasEdge(self, from),
                    "client " + self + " received an adapter from " + from + ", which is not its neighbour");
            Objects.requireNonNull(e.getValue(), "adapter from " + from);
            own.requireSameLayout(e.getValue(), "adapter from client " + from);
            present[from] = true;
        }
        double[] weights = effectiveWeights(self, present, w);

        float[] ownFlat = own.flatten();
        double[] acc = new double[ownFlat.length];
        for (int j = 0; j < n; j++) {
            double q = weights[j];
            if (q == 0) {
                continue;
            }
            float[] theta = j == self ? ownFlat : received.get(j).flatten();
            for (int k = 0; k < acc.length; k++) {
                acc[k] += q * theta[k];
            }
        }
        float[] mixed = new float[acc.length];
        for (int k = 0; k < acc.length; k++) {
            mixed[k] = (float) acc[k];
        }
        return own.withFlat(mixed);
    }

    /**
     * The weights client {@code self} applies this round: row {@code self} of Q, corrected by the
     * {@link MissingNeighbourRule} for the neighbours {@code j} with {@code !present[j]}.
     * {@code present[self]} is ignored (a client always has its own adapter).
     */
    public double[] effectiveWeights(int self, boolean[] present, MixingMatrix w) {
        double[] row = w.row(self);
        Checks.require(present.length == row.length,
                "present has " + present.length + " entries for " + row.length + " clients");
        double missing = 0;
        for (int j = 0; j < row.length; j++) {
            if (j != self && !present[j]) {
                missing += row[j];
                row[j] = 0;
            }
        }
        if (missing == 0) {
            return row;
        }
        switch (missingRule) {
            case WEIGHT_TO_SELF -> row[self] += missing;
            case RENORMALISE -> {
                double kept = 0;
                for (double v : row) {
                    kept += v;
                }
                if (kept == 0) {
                    row[self] = 1;
                } else {
                    for (int j = 0; j < row.length; j++) {
                        row[j] /= kept;
                    }
                }
            }
        }
        return row;
    }

    @Override
    public String toString() {
        return "DecLoraGossip[" + missingRule + "]";
    }
}
