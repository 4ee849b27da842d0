package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the server knows of an available client when it plans a round: its id, its number of training
 * examples and the LoRA rank it can afford. The rank per matrix is {@code matrixRanks.get(name)} if
 * given, else {@code rank} if {@code rank > 0}, else the global adapter's rank (see {@link #ranksFor}).
 */
public record ClientInfo(int clientId, long numExamples, int rank, Map<String, Integer> matrixRanks) {

    public ClientInfo {
        Checks.require(numExamples >= 0, "numExamples of client " + clientId + " must be >= 0, got " + numExamples);
        Checks.nonNegative("rank of client " + clientId, rank);
        Objects.requireNonNull(matrixRanks, "matrixRanks");
        matrixRanks.forEach((name, r) -> Checks.positive("rank of '" + name + "' of client " + clientId,
                Objects.requireNonNull(r, "rank of " + name)));
        matrixRanks = Map.copyOf(matrixRanks);
    }

    /** A client at the global adapter's ranks. */
    public static ClientInfo of(int clientId, long numExamples) {
        return new ClientInfo(clientId, numExamples, 0, Map.of());
    }

    /** A client of one rank for every matrix. */
    public static ClientInfo ofRank(int clientId, long numExamples, int rank) {
        Checks.positive("rank of client " + clientId, rank);
        return new ClientInfo(clientId, numExamples, rank, Map.of());
    }

    /**
     * This client's rank for every LoRA matrix of {@code global}.
     *
     * @throws IllegalArgumentException if {@code matrixRanks} names a matrix {@code global} lacks
     */
    public Map<String, Integer> ranksFor(Adapter global) {
        for (String name : matrixRanks.keySet()) {
            Checks.require(global.lora().containsKey(name), "client " + clientId + " gives a rank for '" + name
                    + "' but the global adapter has matrices " + global.lora().keySet());
        }
        Map<String, Integer> out = new TreeMap<>();
        global.lora().forEach((name, f) -> out.put(name,
                matrixRanks.getOrDefault(name, rank > 0 ? rank : f.rank())));
        return out;
    }
}
