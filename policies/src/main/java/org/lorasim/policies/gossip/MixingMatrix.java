package org.lorasim.policies.gossip;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.lorasim.policies.Checks;

/**
 * A gossip mixing matrix {@code Q = (q_ij)} over a {@link Topology}: client {@code i} replaces its
 * parameters by {@code sum_j q_ij theta_j} (Dec-LoRA, Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361).
 * Every instance is checked to be symmetric, nonnegative, doubly stochastic (rows and columns sum to 1)
 * and zero off the graph ({@code q_ij = 0} unless {@code i = j} or {i, j} is an edge), within
 * {@link #TOLERANCE}.
 *
 * <ul>
 *   <li>{@link #metropolisHastings}: {@code q_ij = 1 / (1 + max(d_i, d_j))} on edges,
 *       {@code q_ii = 1 - sum_{j != i} q_ij} (Xiao and Boyd, "Fast linear iterations for distributed
 *       averaging", 2004). On a ring it gives 1/3 to self, left and right, the usual ring choice that the
 *       Dec-LoRA text does not spell out.</li>
 *   <li>{@link #laplacian}: {@code Q = I - (2 / (3 lambda_max(L))) L}, L the graph Laplacian, the rule the
 *       Dec-LoRA paper states for its Erdos-Renyi graph.</li>
 * </ul>
 *
 * <p>Stored dense, {@code n x n} doubles ({@code 8 n^2} bytes: 80 MB at n = 10^4). That is fine for the
 * tens to thousands of clients of gossip experiments; sparse rows would be the change for more.
 * The spectral gap {@code 1 - |lambda_2|}, with {@code |lambda_2|} the second largest eigenvalue modulus,
 * bounds how fast repeated mixing reaches the average: {@code ||Q^t x - xbar|| <= |lambda_2|^t ||x - xbar||}.
 */
public final class MixingMatrix {
    /** Tolerance of the symmetry and row/column-sum checks. */
    public static final double TOLERANCE = 1e-9;
    /** The factor 2/3 of Dec-LoRA's Laplacian rule. */
    public static final double DEC_LORA_LAPLACIAN_FACTOR = 2.0 / 3.0;

    private final Topology topology;
    private final int n;
    private final double[] q;
    private volatile double[] eigenvalues;

    private MixingMatrix(Topology topology, double[] q) {
        this.topology = topology;
        this.n = topology.nodeCount();
        this.q = q;
        validate();
    }

    /** Metropolis-Hastings weights on a connected graph. */
    public static MixingMatrix metropolisHastings(Topology graph) {
        return metropolisHastings(graph, Connectivity.REQUIRE_CONNECTED);
    }

    /** Metropolis-Hastings weights; {@code connectivity} says whether a disconnected graph is accepted. */
    public static MixingMatrix metropolisHastings(Topology graph, Connectivity connectivity) {
        checkGraph(graph, connectivity);
        int n = graph.nodeCount();
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            double offDiagonal = 0;
            for (int j : graph.neighbours(i)) {
                double w = 1.0 / (1 + Math.max(graph.degree(i), graph.degree(j)));
                q[i * n + j] = w;
                offDiagonal += w;
            }
            q[i * n + i] = 1 - offDiagonal;
        }
        return new MixingMatrix(graph, q);
    }

    /** Dec-LoRA's rule {@code Q = I - (2 / (3 lambda_max)) L} on a connected graph. */
    public static MixingMatrix laplacian(Topology graph) {
        return laplacian(graph, DEC_LORA_LAPLACIAN_FACTOR, Connectivity.REQUIRE_CONNECTED);
    }

    /**
     * {@code Q = I - (c / lambda_max(L)) L}. Any {@code c} in (0, 1] keeps Q nonnegative, because
     * {@code lambda_max >= max degree + 1} on a graph with an edge; Dec-LoRA uses {@code c = 2/3}. A graph
     * without edges gives {@code Q = I}.
     */
    public static MixingMatrix laplacian(Topology graph, double c, Connectivity connectivity) {
        checkGraph(graph, connectivity);
        Checks.require(c > 0 && c <= 1, "Laplacian factor c must be in (0, 1], got " + c);
        int n = graph.nodeCount();
        double[] l = graph.laplacian();
        double lambdaMax = graph.edgeCount() == 0 ? 0 : symmetricEigenvalues(l, n)[0];
        double step = lambdaMax == 0 ? 0 : c / lambdaMax;
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1 - step * graph.degree(i);
            for (int j : graph.neighbours(i)) {
                q[i * n + j] = step;
            }
        }
        return new MixingMatrix(graph, q);
    }

    /**
     * A matrix given entry by entry ({@code weights[i][j] = q_ij}), checked like every other.
     *
     * @throws IllegalArgumentException if it is not square of the graph's size, not symmetric, has a
     *                                  negative or non-finite entry, a row not summing to 1, or a
     *                                  nonzero weight off the graph
     */
    public static MixingMatrix of(Topology graph, double[][] weights) {
        Objects.requireNonNull(graph, "graph");
        int n = graph.nodeCount();
        Checks.require(weights != null && weights.length == n,
                "mixing weights must have " + n + " rows, got " + (weights == null ? "null" : weights.length));
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            Checks.require(weights[i] != null && weights[i].length == n,
                    "row " + i + " of the mixing weights must have " + n + " entries");
            System.arraycopy(weights[i], 0, q, i * n, n);
        }
        return new MixingMatrix(graph, q);
    }

    public Topology topology() {
        return topology;
    }

    public int size() {
        return n;
    }

    /** {@code q_ij}: the weight client {@code i} gives to client {@code j}'s parameters. */
    public double weight(int i, int j) {
        checkIndex("i", i);
        checkIndex("j", j);
        return q[i * n + j];
    }

    /** Row {@code i} of Q (a copy). */
    public double[] row(int i) {
        checkIndex("i", i);
        return Arrays.copyOfRange(q, i * n, (i + 1) * n);
    }

    /** Q as an EJML matrix (a copy). */
    public DMatrixRMaj toMatrix() {
        return new DMatrixRMaj(n, n, true, q);
    }

    /** The eigenvalues of Q, descending (Q is symmetric, so they are real); a copy. */
    public double[] eigenvalues() {
        double[] e = eigenvalues;
        if (e == null) {
            e = symmetricEigenvalues(q, n);
            eigenvalues = e;
        }
        return e.clone();
    }

    /**
     * The second largest eigenvalue modulus {@code |lambda_2|}: the eigenvalues sorted by absolute
     * value, descending, the second of them. For a connected graph the largest is the eigenvalue 1 of
     * the all-ones vector and this equals {@code ||Q - 11^T / n||_2}; a disconnected graph has 1 twice
     * and gives 1. A single client has no second eigenvalue: 0.
     */
    public double secondLargestEigenvalueModulus() {
        if (n == 1) {
            return 0;
        }
        double[] moduli = eigenvalues();
        for (int i = 0; i < moduli.length; i++) {
            moduli[i] = Math.abs(moduli[i]);
        }
        Arrays.sort(moduli);
        return Math.min(1, moduli[n - 2]);
    }

    /** {@code 1 - |lambda_2|}, in [0, 1]: 1 for exact averaging in one step, 0 when no consensus is reached. */
    public double spectralGap() {
        return Math.max(0, 1 - secondLargestEigenvalueModulus());
    }

    private static void checkGraph(Topology graph, Connectivity connectivity) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(connectivity, "connectivity");
        if (connectivity == Connectivity.REQUIRE_CONNECTED) {
            graph.requireConnected("graph");
        }
    }

    private static double[] symmetricEigenvalues(double[] symmetric, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, symmetric))) {
            throw new IllegalStateException("symmetric eigen decomposition of a " + n + "x" + n + " matrix failed");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(values);
        for (int i = 0; i < n / 2; i++) {
            double t = values[i];
            values[i] = values[n - 1 - i];
            values[n - 1 - i] = t;
        }
        return values;
    }

    private void validate() {
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                double w = q[i * n + j];
                Checks.require(Double.isFinite(w) && w >= 0,
                        "mixing weight q[" + i + "][" + j + "] must be finite and >= 0, got " + w);
                Checks.require(Math.abs(w - q[j * n + i]) <= TOLERANCE,
                        "mixing matrix is not symmetric: q[" + i + "][" + j + "] = " + w + " but q[" + j + "][" + i
                                + "] = " + q[j * n + i]);
                Checks.require(w == 0 || i == j || topology.hasEdge(i, j),
                        "mixing weight q[" + i + "][" + j + "] = " + w + " but {" + i + ", " + j + "} is not an edge");
                rowSum += w;
            }
            Checks.require(Math.abs(rowSum - 1) <= TOLERANCE,
                    "row " + i + " of the mixing matrix sums to " + rowSum + ", not 1 (not doubly stochastic)");
            // symmetric with unit row sums: the columns sum to 1 too

        }
    }

    private void checkIndex(String name, int index) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException(name + " must be a client in [0, " + n + "), got " + index);
        }
    }

    @Override
    public String toString() {
        return "MixingMatrix[" + topology + "]";
    }
}
