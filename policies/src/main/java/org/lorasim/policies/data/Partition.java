package org.lorasim.policies.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * An assignment of example indices to clients: client {@code k} holds the examples {@link #indices(int)}.
 * Each client's indices are stored in ascending order (trainers shuffle with their own stream), so two
 * partitions are equal exactly when every client holds the same set of examples.
 */
public final class Partition {
    private final int[][] clients;

    /** A partition holding a sorted copy of each client's index list; a client may hold none. */
    public Partition(List<int[]> perClient) {
        Checks.nonEmpty("clients of a partition", perClient);
        clients = new int[perClient.size()][];
        for (int k = 0; k < clients.length; k++) {
            int[] idx = Objects.requireNonNull(perClient.get(k), "indices of client " + k).clone();
            Arrays.sort(idx);
            clients[k] = idx;
        }
    }

    public int clientCount() {
        return clients.length;
    }

    /** The ascending example indices of {@code client} (a copy). */
    public int[] indices(int client) {
        return clients[checkClient(client)].clone();
    }

    public int size(int client) {
        return clients[checkClient(client)].length;
    }

    /** The number of examples of every client. */
    public int[] sizes() {
        int[] s = new int[clients.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = clients[k].length;
        }
        return s;
    }

    public int totalSize() {
        int n = 0;
        for (int[] c : clients) {
            n += c.length;
        }
        return n;
    }

    /**
     * For each example {@code 0 .. exampleCount-1}, the client that holds it.
     *
     * @throws IllegalArgumentException unless every example is held by exactly one client
     */
    public int[] clientOfExample(int exampleCount) {
        Checks.nonNegative("exampleCount", exampleCount);
        int[] owner = new int[exampleCount];
        Arrays.fill(owner, -1);
        for (int k = 0; k < clients.length; k++) {
            for (int i : clients[k]) {
                Checks.require(i >= 0 && i < exampleCount,
                        "client " + k + " holds example " + i + " outside 0.." + (exampleCount - 1));
                Checks.require(owner[i] < 0, "example " + i + " is held by clients " + owner[i] + " and " + k);
                owner[i] = k;
            }
        }
        for (int i = 0; i < exampleCount; i++) {
            Checks.require(owner[i] >= 0, "example " + i + " is held by no client");
        }
        return owner;
    }

    private int checkClient(int client) {
        Checks.require(client >= 0 && client < clients.length,
                "client index must be in 0.." + (clients.length - 1) + ", got " + client);
        return client;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && Arrays.deepEquals(clients, p.clients);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(clients);
    }

    @Override
    public String toString() {
        return "Partition[" + clients.length + " clients, sizes " + Arrays.toString(sizes()) + "]";
    }
}
