package org.lorasim.actors.aggregator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.actors.systemonly.SyntheticUpdateSum;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.centralized.ClientUpdate;
import org.lorasim.policies.centralized.Failure;

/**
 * What a closed round hands to aggregation: the collector's fresh results, failures and stragglers, joined by
 * the late updates {@link LateUpdates} releases for this round. A late update is used only if its client was
 * instructed in this round and has no fresh result here; it then replaces the client's failure or straggler
 * entry, and the newest late update of a client wins. Every late update not used is counted as refused.
 * Everything is kept by client id, so the order never depends on arrival.
 */
final class RoundUpdates {
    final TreeMap<Integer, RoundCollector.Update> accepted = new TreeMap<>();
    final TreeMap<Integer, Integer> staleness = new TreeMap<>();
    final TreeMap<Integer, Failure> failures = new TreeMap<>();
    final TreeSet<Integer> lateAccepted = new TreeSet<>();
    int lateRefused;

    RoundUpdates(int round, RoundCollector.RoundClosed closed, List<LateUpdates.StaleUpdate> stale,
                 Set<Integer> instructed) {
        for (RoundCollector.ClientResult result : closed.results()) {
            accepted.put(result.clientId(), result.update());
            staleness.put(result.clientId(), round - result.sentAtRound());
        }
        for (RoundCollector.ClientFailure failure : closed.failures()) {
            failures.put(failure.clientId(), new Failure(failure.clientId(), Failure.Kind.CRASHED, failure.reason()));
        }
        for (int straggler : closed.stragglers()) {
            failures.put(straggler, new Failure(straggler, Failure.Kind.TIMED_OUT,
                    "no answer by the deadline of round " + round));
        }
        for (LateUpdates.StaleUpdate s : stale) {
            int id = s.clientId();
            if (!instructed.contains(id) || (accepted.containsKey(id) && !lateAccepted.contains(id))) {
                lateRefused++;
                continue;
            }
            if (lateAccepted.contains(id)) {
                lateRefused++;
            }
            accepted.put(id, s.update());
            staleness.put(id, s.staleness());
            failures.remove(id);
            lateAccepted.add(id);
        }
    }

    /** Mean training loss of the accepted updates; NaN when there are none. */
    double meanLoss() {
        return accepted.values().stream().mapToDouble(RoundCollector.Update::trainLoss).average().orElse(Double.NaN);
    }

    boolean synthetic() {
        return accepted.values().stream().anyMatch(u -> u.synthetic() != null);
    }

    /**
     * FedAvg of the accepted synthetic changes of {@code global} (a system-only round), weighted by examples:
     * {@link SyntheticUpdateSum}.
     */
    Adapter foldSynthetic(Adapter global, SyntheticNoise noise) {
        Checks.require(noise != null, "a synthetic update reached an aggregator without a noise pool: "
                + "system-only runs must give AggregatorOptions.noise");
        SyntheticUpdateSum sum = new SyntheticUpdateSum(global, noise);
        for (RoundCollector.Update u : accepted.values()) {
            Checks.require(u.synthetic() != null, "a round mixed synthetic and trained updates");
            sum.add(u.synthetic(), u.numExamples());
        }
        return sum.mean();
    }

    /** The accepted updates as the policy takes them (trained updates only). */
    List<ClientUpdate> clientUpdates() {
        List<ClientUpdate> results = new ArrayList<>();
        accepted.forEach((id, u) -> results.add(new ClientUpdate(id, u.adapter(), u.numExamples(), u.trainLoss(),
                staleness.get(id))));
        return results;
    }
}
