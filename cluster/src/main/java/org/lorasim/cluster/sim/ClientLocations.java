package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The coordinator's memory of where a run's client entities live, and which are lost with a node. A client is
 * lost with node {@code N} when its entity started on {@code N} (its {@link ClientEntity.Hosted}), or when it
 * never started anywhere but its shard lives on {@code N} (another client of that shard started there): a
 * message for it would reach {@code N}'s dead region until the region notices the loss. A lost client stays
 * lost for the rest of the run. A plain single-threaded class, owned by {@link ClientRelay}.
 */
final class ClientLocations {
    private final IntFunction<String> shardOf;
    private final Map<Integer, String> nodeOf = new HashMap<>();
    private final Set<String> lostNodes = new HashSet<>();
    private final Set<Integer> lost = new HashSet<>();

    /** @param shardOf the shard id of a client id, as the run's shard region computes it */
    ClientLocations(IntFunction<String> shardOf) {
        this.shardOf = shardOf;
    }

    /** Client {@code clientId}'s entity started on {@code node}. */
    void hosted(int clientId, String node) {
        if (!lost.contains(clientId)) {
            nodeOf.put(clientId, node);
        }
    }

    /** The node client {@code clientId}'s entity started on; null when not known or lost. */
    String nodeOf(int clientId) {
        return nodeOf.get(clientId);
    }

    boolean isLost(int clientId) {
        return lost.contains(clientId);
    }

    /** Whether {@code node} was already lost (each loss is handled once). */
    boolean wasLost(String node) {
        return lostNodes.contains(node);
    }

    /**
     * Marks {@code node} lost and returns the clients of {@code clients} lost with it (see the class comment),
     * in ascending order; none when the node was lost before or hosted none of them.
     */
    List<Integer> lose(String node, Collection<Integer> clients) {
        if (!lostNodes.add(node)) {
            return List.of();
        }
        Set<String> shards = new HashSet<>();
        nodeOf.forEach((client, at) -> {
            if (at.equals(node)) {
                shards.add(shardOf.apply(client));
            }
        });
        List<Integer> gone = new ArrayList<>();
        for (int client : clients) {
            String at = nodeOf.get(client);
            if (!lost.contains(client) && (node.equals(at) || (at == null && shards.contains(shardOf.apply(client))))) {
                gone.add(client);
            }
        }
        gone.sort(null);
        lost.addAll(gone);
        gone.forEach(nodeOf::remove);
        return gone;
    }
}
