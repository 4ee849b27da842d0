package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Uniform sampling of a round's clients without replacement (as FedAvg, McMahan et al. arXiv 1602.05629,
 * samples a fraction C of the clients). The target is {@code k = count}, or {@code k = ceil(fraction * n)}
 * of the {@code n} available clients; with over-commitment (Bonawitz et al., "Towards Federated Learning
 * at Scale", arXiv 1902.01046) {@code ceil(k * (1 + overcommit))} clients are drawn, at most {@code n},
 * so that the round survives some dropouts. Deterministic: the candidates are sorted by id and then a
 * partial Fisher-Yates shuffle draws from the given generator; the result is in ascending id order.
 */
public final class ClientSampler {
    private final int count;
    private final double fraction;
    private final double overcommit;

    private ClientSampler(int count, double fraction, double overcommit) {
        this.count = count;
        this.fraction = fraction;
        this.overcommit = Checks.nonNegative("overcommit", overcommit);
    }

    /** {@code count} clients per round (before over-commitment). */
    public static ClientSampler count(int count, double overcommit) {
        return new ClientSampler(Checks.positive("client count", count), 0, overcommit);
    }

    /** {@code ceil(fraction * n)} clients per round (before over-commitment), fraction in (0, 1]. */
    public static ClientSampler fraction(double fraction, double overcommit) {
        Checks.require(fraction > 0 && fraction <= 1, "client fraction must be in (0, 1], got " + fraction);
        return new ClientSampler(0, fraction, overcommit);
    }

    /** Every available client, every round. */
    public static ClientSampler all() {
        return fraction(1.0, 0.0);
    }

    /** How many of {@code available} clients a round draws. */
    public int sampleSize(int available) {
        Checks.nonNegative("available clients", available);
        int k = count > 0 ? count : (int) Math.ceil(fraction * available);
        long withSpare = (long) Math.ceil(k * (1 + overcommit));
        return (int) Math.min(available, withSpare);
    }

    /**
     * @throws IllegalArgumentException if two available clients share an id
     */
    public List<ClientInfo> sample(List<ClientInfo> available, RandomGenerator rng) {
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(rng, "rng");
        List<ClientInfo> pool = new ArrayList<>(available);
        pool.sort(Comparator.comparingInt(ClientInfo::clientId));
        Set<Integer> ids = new HashSet<>();
        for (ClientInfo c : pool) {
            Checks.require(ids.add(c.clientId()), "client " + c.clientId() + " is listed twice among the available clients");
        }
        int m = sampleSize(pool.size());
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            ClientInfo t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        List<ClientInfo> chosen = new ArrayList<>(pool.subList(0, m));
        chosen.sort(Comparator.comparingInt(ClientInfo::clientId));
        return chosen;
    }

    @Override
    public String toString() {
        return (count > 0 ? "ClientSampler[count=" + count : "ClientSampler[fraction=" + fraction)
                + ", overcommit=" + overcommit + "]";
    }
}
