package org.lorasim.policies.gossip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.lorasim.policies.Checks;

/**
 * An undirected simple graph over clients {@code 0 .. n-1}: who may send adapters to whom in a
 * decentralized run (Ghiasvand, Alizadeh, Pedarsani, "Decentralized Low-Rank Fine-Tuning of Large
 * Language Models" (Dec-LoRA), arXiv 2501.15361: "the graph is fixed and undirected").
 *
 * <p>Immutable. Each node's neighbours are kept as a sorted {@code int[]}, so iteration order (and with it
 * every floating-point sum over neighbours) is fixed. No self-loops, no parallel edges; a graph with a
 * single node and no edges is allowed. Built with {@link #of(int, int[]...)} or a {@link Builder};
 * the usual shapes come from {@link Topologies}.
 */
public final class Topology {
    private final int[][] neighbours;
    private final int edgeCount;
    private final int[] component;
    private final int componentCount;

    private Topology(int[][] neighbours) {
        this.neighbours = neighbours;
        int twiceEdges = 0;
        for (int[] row : neighbours) {
            twiceEdges += row.length;
        }
        this.edgeCount = twiceEdges / 2;
        this.component = new int[neighbours.length];
        this.componentCount = labelComponents(neighbours, component);
    }

    /** The graph on {@code n} nodes with the given edges, each an {@code int[]{i, j}}. */
    public static Topology of(int n, int[]... edges) {
        Builder b = new Builder(n);
        for (int[] e : edges) {
            Checks.require(e != null && e.length == 2, "an edge must be a pair {i, j}, got " + Arrays.toString(e));
            b.addEdge(e[0], e[1]);
        }
        return b.build();
    }

    /** The graph on {@code n} nodes without edges. */
    public static Topology empty(int n) {
        return new Builder(n).build();
    }

    /** Number of nodes (clients). */
    public int nodeCount() {
        return neighbours.length;
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        return edgeCount;
    }

    /** The neighbours of {@code node}, ascending (a copy). */
    public int[] neighbours(int node) {
        return neighbours[checkNode("node", node)].clone();
    }

    public int degree(int node) {
        return neighbours[checkNode("node", node)].length;
    }

    public int maxDegree() {
        int max = 0;
        for (int[] row : neighbours) {
            max = Math.max(max, row.length);
        }
        return max;
    }

    public boolean hasEdge(int i, int j) {
        checkNode("i", i);
        checkNode("j", j);
        return Arrays.binarySearch(neighbours[i], j) >= 0;
    }

    /** Number of connected components (1 for a connected graph; an isolated node is a component). */
    public int componentCount() {
        return componentCount;
    }

    /** The component label of each node: labels {@code 0 .. componentCount-1}, numbered by smallest node. */
    public int[] componentLabels() {
        return component.clone();
    }

    public boolean isConnected() {
        return componentCount == 1;
    }

    /**
     * Returns this graph if it is connected, else throws an {@link IllegalArgumentException} that names
     * {@code what} and the number of components, e.g. "mixing graph is disconnected: 2 components".
     */
    public Topology requireConnected(String what) {
        if (!isConnected()) {
            throw new IllegalArgumentException(what + " is disconnected: " + componentCount + " components");
        }
        return this;
    }

    /** The graph with every edge of this one and of {@code other} (same node count). */
    public Topology union(Topology other) {
        Checks.require(other.nodeCount() == nodeCount(),
                "cannot unite graphs of " + nodeCount() + " and " + other.nodeCount() + " nodes");
        Builder b = new Builder(nodeCount());
        for (Topology g : List.of(this, other)) {
            for (int i = 0; i < g.nodeCount(); i++) {
                for (int j : g.neighbours[i]) {
                    if (i < j) {
                        b.addEdgeIfAbsent(i, j);
                    }
                }
            }
        }
        return b.build();
    }

    /** The graph Laplacian {@code L = D - Adj}, dense row-major {@code n x n}. */
    public double[] laplacian() {
        int n = nodeCount();
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            l[i * n + i] = neighbours[i].length;
            for (int j : neighbours[i]) {
                l[i * n + j] = -1;
            }
        }
        return l;
    }

    private int checkNode(String name, int node) {
        if (node < 0 || node >= neighbours.length) {
            throw new IllegalArgumentException(name + " must be a node in [0, " + neighbours.length + "), got " + node);
        }
        return node;
    }

    private static int labelComponents(int[][] adj, int[] label) {
        Arrays.fill(label, -1);
        int count = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < adj.length; start++) {
            if (label[start] >= 0) {
                continue;
            }
            label[start] = count;
            queue.add(start);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int v : adj[u]) {
                    if (label[v] < 0) {
                        label[v] = count;
                        queue.add(v);
                    }
                }
            }
            count++;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && Arrays.deepEquals(neighbours, t.neighbours);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(neighbours);
    }

    @Override
    public String toString() {
        return "Topology[n=" + nodeCount() + ", edges=" + edgeCount + ", components=" + componentCount + "]";
    }

    /** Collects edges one by one; rejects self-loops, parallel edges and nodes out of range. */
    public static final class Builder {
        private final List<TreeSet<Integer>> adj;

        public Builder(int n) {
            Checks.positive("node count", n);
            adj = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                adj.add(new TreeSet<>());
            }
        }

        public int nodeCount() {
            return adj.size();
        }

        public boolean hasEdge(int i, int j) {
            check(i, j);
            return adj.get(i).contains(j);
        }

        /** Adds edge {i, j}; throws if it is a self-loop or already present. */
        public Builder addEdge(int i, int j) {
            check(i, j);
            Checks.require(!adj.get(i).contains(j), "edge {" + i + ", " + j + "} is given twice");
            adj.get(i).add(j);
            adj.get(j).add(i);
            return this;
        }

        /** Adds edge {i, j} unless present; returns whether it was added. Still rejects self-loops. */
        public boolean addEdgeIfAbsent(int i, int j) {
            check(i, j);
            boolean added = adj.get(i).add(j);
            adj.get(j).add(i);
            return added;
        }

        public Topology build() {
            int[][] rows = new int[adj.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            return new Topology(rows);
        }

        private void check(int i, int j) {
            int n = adj.size();
            if (i < 0 || i >= n || j < 0 || j >= n) {
                throw new IllegalArgumentException("edge {" + i + ", " + j + "} has a node outside [0, " + n + ")");
            }
            Checks.require(i != j, "self-loop at node " + i + " is not allowed in a simple graph");
        }
    }
}
