package org.lorasim.policies.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * Quantity skew: client sizes follow a power (Zipf) law, labels within a client are IID. The client of
 * rank {@code r = 0..K-1} gets a share proportional to {@code w_r = (r + 1)^(-s)} for exponent
 * {@code s >= 0} ({@code s = 0}: equal sizes; {@code s = 1}: classic Zipf; larger: a few clients hold most
 * data), the kind of size heterogeneity of LEAF (Caldas et al., arXiv 1812.01097) and of Li et al.'s
 * quantity-skew setting (arXiv 2102.02079).
 *
 * <p>Choices:
 * <ul>
 *   <li>Every client gets at least one example; the remaining {@code n - K} are shared by
 *       {@code w_r / sum w} with largest-remainder rounding (ties to the lower rank), so the sizes sum to
 *       {@code n} exactly and are non-increasing in rank ({@link #rankedSizes}).</li>
 *   <li>Ranks are dealt to clients by a random permutation from the generator, so client 0 is not
 *       always the largest; then all indices are shuffled and cut into consecutive slices of those sizes.</li>
 * </ul>
 */
public final class PowerLawPartitioner implements DataPartitioner {
    private final double exponent;

    /** @param exponent the power-law exponent {@code s}, finite and {@code >= 0} */
    public PowerLawPartitioner(double exponent) {
        this.exponent = Checks.nonNegative("power-law exponent", exponent);
    }

    public double exponent() {
        return exponent;
    }

    /** The client sizes by rank (largest first) for {@code n} examples over {@code clients} clients. */
    public static int[] rankedSizes(int n, int clients, double exponent) {
        Checks.positive("clients", clients);
        Checks.nonNegative("power-law exponent", exponent);
        Checks.require(clients <= n, "clients=" + clients + " exceeds the number of examples " + n);
        double[] w = new double[clients];
        double total = 0;
        for (int r = 0; r < clients; r++) {
            w[r] = Math.pow(r + 1, -exponent);
            total += w[r];
        }
        int rest = n - clients;
        int[] sizes = new int[clients];
        double[] remainder = new double[clients];
        int given = 0;
        for (int r = 0; r < clients; r++) {
            double share = rest * w[r] / total;
            int whole = (int) Math.floor(share);
            sizes[r] = 1 + whole;
            remainder[r] = share - whole;
            given += whole;
        }
        Integer[] byRemainder = new Integer[clients];
        for (int r = 0; r < clients; r++) {
            byRemainder[r] = r;
        }
        Arrays.sort(byRemainder, (x, y) -> {
            int c = Double.compare(remainder[y], remainder[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        for (int i = 0; i < rest - given; i++) {
            sizes[byRemainder[i]]++;
        }
        return sizes;
    }

    @Override
    public Partition split(int[] labels, int clients, RandomGenerator rng) {
        PartitionSupport.check(labels, clients, rng);
        int[] ranked = rankedSizes(labels.length, clients, exponent);
        int[] rankOfClient = PartitionSupport.range(clients);
        PartitionSupport.shuffle(rankOfClient, rng);
        int[] sizes = new int[clients];
        for (int k = 0; k < clients; k++) {
            sizes[k] = ranked[rankOfClient[k]];
        }
        int[] idx = PartitionSupport.range(labels.length);
        PartitionSupport.shuffle(idx, rng);
        return new Partition(Arrays.asList(PartitionSupport.slices(idx, sizes)));
    }

    @Override
    public String toString() {
        return "PowerLawPartitioner[exponent=" + exponent + "]";
    }
}
