package org.lorasim.policies.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Label-skewed split (Hsu, Qi and Brown, "Measuring the Effects of Non-Identical Data Distribution for
 * Federated Visual Classification", arXiv 1909.06335): for every class {@code c}, draw proportions
 * {@code p_c ~ Dir(alpha, ..., alpha)} over the {@code K} clients and give client {@code k} a
 * {@code p_{c,k}} share of that class's examples. Small {@code alpha} (0.1) gives each client few
 * classes; large {@code alpha} (100) approaches the IID split.
 *
 * <p>Choices, as in the widely used reference code (NIID-Bench, Li et al., arXiv 2102.02079):
 * <ul>
 *   <li>Classes are visited in ascending label order; each class's indices are shuffled, then cut at
 *       {@code floor(n_c * (p_{c,1} + ... + p_{c,k}))} for {@code k = 1..K-1}; the last client takes the
 *       rest, so rounding never loses or duplicates an example.</li>
 *   <li>Minimum size: if some client ends with fewer than {@code minPerClient} examples, the whole draw
 *       is repeated (fresh shuffles and proportions from the same generator), at most {@code maxTries}
 *       times; then an {@link IllegalArgumentException} names alpha, the minimum and the tries. The
 *       reference code loops without bound; a bound turns an impossible request into an error.</li>
 *   <li>No per-client cap (NIID-Bench's balancing heuristic) is applied: sizes vary as the draw says.</li>
 * </ul>
 */
public final class DirichletPartitioner implements DataPartitioner {
    private final double alpha;
    private final int minPerClient;
    private final int maxTries;

    /**
     * @param alpha        concentration of the symmetric Dirichlet, finite and {@code > 0}
     * @param minPerClient fewest examples a client may end with, {@code >= 0}
     * @param maxTries     draws to attempt before giving up, {@code >= 1}
     */
    public DirichletPartitioner(double alpha, int minPerClient, int maxTries) {
        this.alpha = Checks.positive("Dirichlet alpha", alpha);
        this.minPerClient = Checks.nonNegative("minPerClient", minPerClient);
        this.maxTries = Checks.positive("maxTries", maxTries);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Partition split(int[] labels, int clients, RandomGenerator rng) {
        PartitionSupport.check(labels, clients, rng);
        Checks.require((long) minPerClient * clients <= labels.length, "minPerClient=" + minPerClient
                + " for " + clients + " clients needs " + (long) minPerClient * clients
                + " examples, only " + labels.length + " given");
        List<int[]> classes = PartitionSupport.indicesByLabel(labels);
        for (int attempt = 0; attempt < maxTries; attempt++) {
            List<int[]> drawn = draw(classes, clients, rng);
            if (drawn.stream().allMatch(c -> c.length >= minPerClient)) {
                return new Partition(drawn);
            }
        }
        throw new IllegalArgumentException("Dirichlet split with alpha=" + alpha + " left some of the "
                + clients + " clients with fewer than minPerClient=" + minPerClient + " of " + labels.length
                + " examples in all " + maxTries + " tries; raise alpha, lower minPerClient or use fewer clients");
    }

    private List<int[]> draw(List<int[]> classes, int clients, RandomGenerator rng) {
        PartitionSupport.IntList[] perClient = new PartitionSupport.IntList[clients];
        for (int k = 0; k < clients; k++) {
            perClient[k] = new PartitionSupport.IntList();
        }
        for (int[] members : classes) {
            int[] idx = members.clone();
            PartitionSupport.shuffle(idx, rng);
            double[] p = GammaSampler.dirichlet(alpha, clients, rng);
            int n = idx.length;
            int start = 0;
            double cumulative = 0;
            for (int k = 0; k < clients; k++) {
                int end;
                if (k == clients - 1) {
                    end = n;
                } else {
                    cumulative += p[k];
                    end = Math.max(start, Math.min(n, (int) Math.floor(n * cumulative)));
                }
                perClient[k].addAll(idx, start, end);
                start = end;
            }
        }
        List<int[]> out = new ArrayList<>(clients);
        for (PartitionSupport.IntList b : perClient) {
            out.add(b.toArray());
        }
        return out;
    }

    @Override
    public String toString() {
        return "DirichletPartitioner[alpha=" + alpha + ", minPerClient=" + minPerClient + "]";
    }
}
