package org.lorasim.policies.gossip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/**
 * The communication graphs of decentralized runs. Dec-LoRA (Ghiasvand, Alizadeh, Pedarsani, arXiv
 * 2501.15361) reports a ring and an Erdos-Renyi graph with 10 or 20 clients; the torus, random regular,
 * star and complete graphs are the usual comparisons in the gossip literature (a star is the server
 * topology written as a graph; the complete graph is exact averaging).
 *
 * <p>Node {@code i} is client {@code i}. Random graphs take a {@link RandomGenerator} (from
 * {@code RngStreams}) and give the same graph for the same generator state.
 */
public final class Topologies {
    /** Restarts of the random-regular construction before giving up; it practically never needs more than a few. */
    static final int REGULAR_MAX_ATTEMPTS = 1000;
    /** Default bound on draws for {@link ConnectivityRepair#RESAMPLE}. */
    public static final int DEFAULT_MAX_DRAWS = 1000;

    private Topologies() {
    }

    /**
     * The cycle {@code 0 - 1 - ... - (n-1) - 0}, every node of degree 2. For {@code n = 2} the two
     * wrap-around edges coincide and the ring is a single edge (a simple graph has no double edge).
     */
    public static Topology ring(int n) {
        Checks.require(n >= 2, "ring needs at least 2 nodes, got n = " + n);
        Topology.Builder b = new Topology.Builder(n);
        for (int i = 0; i < n; i++) {
            b.addEdgeIfAbsent(i, (i + 1) % n);
        }
        return b.build();
    }

    /** The path {@code 0 - 1 - ... - (n-1)}. */
    public static Topology path(int n) {
        Topology.Builder b = new Topology.Builder(n);
        for (int i = 0; i + 1 < n; i++) {
            b.addEdge(i, i + 1);
        }
        return b.build();
    }

    /**
     * The 2-D torus: node {@code r * cols + c} is joined to {@code (r +- 1 mod rows, c)} and
     * {@code (r, c +- 1 mod cols)}. With both sides at least 3 every node has degree 4. A side of 2 makes
     * its two wrap-around neighbours the same node, joined once (degree 3 on a 2 x m torus); a side of 1
     * has no edges along it, so {@code torus(1, m)} is {@code ring(m)}.
     */
    public static Topology torus(int rows, int cols) {
        Checks.positive("torus rows", rows);
        Checks.positive("torus cols", cols);
        Checks.require((long) rows * cols >= 2, "torus needs at least 2 nodes, got " + rows + " x " + cols);
        Topology.Builder b = new Topology.Builder(rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int node = r * cols + c;
                int down = ((r + 1) % rows) * cols + c;
                int right = r * cols + (c + 1) % cols;
                if (down != node) {
                    b.addEdgeIfAbsent(node, down);
                }
                if (right != node) {
                    b.addEdgeIfAbsent(node, right);
                }
            }
        }
        return b.build();
    }

    /** Node 0 joined to every other node, no other edges. */
    public static Topology star(int n) {
        Checks.require(n >= 2, "star needs at least 2 nodes, got n = " + n);
        Topology.Builder b = new Topology.Builder(n);
        for (int i = 1; i < n; i++) {
            b.addEdge(0, i);
        }
        return b.build();
    }

    /** Every pair of nodes joined. */
    public static Topology complete(int n) {
        Topology.Builder b = new Topology.Builder(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                b.addEdge(i, j);
            }
        }
        return b.build();
    }

    /**
     * A random simple {@code k}-regular graph on {@code n} nodes, by the pairing algorithm of Steger and
     * Wormald ("Generating random regular graphs quickly", Combinatorics, Probability and Computing 8,
     * 1999), as NetworkX implements it: shuffle the {@code n k} stubs, pair them, keep the pairs that
     * make a new non-loop edge, reshuffle the leftover stubs, and restart from scratch if no suitable pair
     * remains. Not every draw is connected for {@code k <= 2} (a matching, or a union of cycles); for
     * {@code k >= 3} almost all are.
     *
     * @throws IllegalArgumentException unless {@code 1 <= k < n} and {@code n k} is even
     */
    public static Topology randomRegular(int n, int k, RandomGenerator rng) {
        Checks.positive("node count", n);
        Checks.positive("degree k", k);
        Checks.require(k < n, "degree k must be < n, got k = " + k + ", n = " + n);
        Checks.require(((long) n * k) % 2 == 0, "n * k must be even, got n = " + n + ", k = " + k);
        Objects.requireNonNull(rng, "rng");
        for (int attempt = 0; attempt < REGULAR_MAX_ATTEMPTS; attempt++) {
            Topology g = tryPairing(n, k, rng);
            if (g != null) {
                return g;
            }
        }
        throw new IllegalStateException("no " + k + "-regular graph on " + n + " nodes after "
                + REGULAR_MAX_ATTEMPTS + " restarts");
    }

    private static Topology tryPairing(int n, int k, RandomGenerator rng) {
        Topology.Builder b = new Topology.Builder(n);
        int[] stubs = new int[n * k];
        for (int i = 0; i < stubs.length; i++) {
            stubs[i] = i / k;
        }
        int count = stubs.length;
        while (count > 0) {
            shuffle(stubs, count, rng);
            int left = 0;
            int[] leftover = new int[count];
            for (int p = 0; p + 1 < count; p += 2) {
                int u = stubs[p];
                int v = stubs[p + 1];
                if (u != v && !b.hasEdge(u, v)) {
                    b.addEdge(u, v);
                } else {
                    leftover[left++] = u;
                    leftover[left++] = v;
                }
            }
            if (left > 0 && !hasSuitablePair(b, leftover, left)) {
                return null;
            }
            System.arraycopy(leftover, 0, stubs, 0, left);
            count = left;
        }
        return b.build();
    }

    private static boolean hasSuitablePair(Topology.Builder b, int[] stubs, int count) {
        Set<Integer> nodes = new HashSet<>();
        for (int i = 0; i < count; i++) {
            nodes.add(stubs[i]);
        }
        for (int u : nodes) {
            for (int v : nodes) {
                if (u < v && !b.hasEdge(u, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void shuffle(int[] a, int count, RandomGenerator rng) {
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@link #erdosRenyi(int, double, RandomGenerator, ConnectivityRepair, int)} with {@link #DEFAULT_MAX_DRAWS}. */
    public static Topology erdosRenyi(int n, double p, RandomGenerator rng, ConnectivityRepair repair) {
        return erdosRenyi(n, p, rng, repair, DEFAULT_MAX_DRAWS);
    }

    /**
     * An Erdos-Renyi graph G(n, p): each of the {@code n (n-1) / 2} pairs is an edge independently with
     * probability {@code p}, drawn with the geometric skipping of Batagelj and Brandes ("Efficient
     * generation of large random networks", Phys. Rev. E 71, 2005) in O(n + edges). What happens to a
     * disconnected draw is {@code repair}'s rule.
     *
     * @param maxDraws the most draws {@link ConnectivityRepair#RESAMPLE} makes; ignored by the other rules
     * @throws IllegalArgumentException for p outside [0, 1], or when RESAMPLE finds no connected draw
     */
    public static Topology erdosRenyi(int n, double p, RandomGenerator rng, ConnectivityRepair repair, int maxDraws) {
        Checks.positive("node count", n);
        Checks.probability("edge probability p", p);
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(repair, "repair");
        Checks.positive("maxDraws", maxDraws);
        return switch (repair) {
            case NONE -> drawGnp(n, p, rng);
            case JOIN_COMPONENTS -> joinComponents(drawGnp(n, p, rng), rng);
            case RESAMPLE -> {
                for (int draw = 0; draw < maxDraws; draw++) {
                    Topology g = drawGnp(n, p, rng);
                    if (g.isConnected()) {
                        yield g;
                    }
                }
                throw new IllegalArgumentException("no connected G(n, p) with n = " + n + ", p = " + p + " in "
                        + maxDraws + " draws: raise the edge probability p or use JOIN_COMPONENTS");
            }
        };
    }

    private static Topology drawGnp(int n, double p, RandomGenerator rng) {
        Topology.Builder b = new Topology.Builder(n);
        if (p == 0) {
            return b.build();
        }
        if (p == 1) {
            return complete(n);
        }
        double logQ = Math.log1p(-p);
        int v = 1;
        long w = -1;
        while (v < n) {
            double logR = Math.log1p(-rng.nextDouble());
            w += 1 + (long) Math.floor(logR / logQ);
            while (w >= v && v < n) {
                w -= v;
                v++;
            }
            if (v < n) {
                b.addEdge(v, (int) w);
            }
        }
        return b.build();
    }

    private static Topology joinComponents(Topology g, RandomGenerator rng) {
        if (g.isConnected()) {
            return g;
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < g.componentCount(); c++) {
            members.add(new ArrayList<>());
        }
        int[] label = g.componentLabels();
        for (int i = 0; i < label.length; i++) {
            members.get(label[i]).add(i);
        }
        Topology.Builder b = new Topology.Builder(g.nodeCount());
        for (int i = 0; i < g.nodeCount(); i++) {
            for (int j : g.neighbours(i)) {
                if (i < j) {
                    b.addEdge(i, j);
                }
            }
        }
        for (int c = 0; c + 1 < members.size(); c++) {
            List<Integer> from = members.get(c);
            List<Integer> to = members.get(c + 1);
            b.addEdge(from.get(rng.nextInt(from.size())), to.get(rng.nextInt(to.size())));
        }
        return b.build();
    }
}
