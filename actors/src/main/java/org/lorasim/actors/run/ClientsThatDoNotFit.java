package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lorasim.policies.centralized.CentralizedPolicy;
import org.lorasim.policies.centralized.ExcludingPolicy;
import org.lorasim.policies.centralized.FedPipePolicy;
import org.lorasim.policies.fedpipe.ClientPlan;

/**
 * The clients of a centralized or pipeline run that never train because they do not fit, and why: for FedPipe
 * the clients its planner gives no matrix (no plan fits their memory and step time: {@link FedPipePolicy#trains});
 * for the other algorithms, with {@code lorasim.clients.memory-check = on}, the clients whose memory cannot hold
 * what they train with ({@link MemoryFit}). They are never offered to the policy ({@link #restrict}: FedPipe
 * leaves them out itself), and the run's observer hears of them at simulated time 0 as one
 * {@code client-does-not-fit} {@link RunEvent} each and one {@code clients-do-not-fit} event with their count
 * ({@link #events}); {@code participation.csv} then marks them {@code does-not-fit} in every round. A run where
 * every client fits gets no event, so its records are those of a run without the check.
 *
 * @param reasons why each client does not fit, by id
 * @param check   which check left them out, in words
 */
record ClientsThatDoNotFit(SortedMap<Integer, String> reasons, int clients, String check) {

    /** At most this many ids are listed in the summary event. */
    static final int LISTED = 20;

    ClientsThatDoNotFit {
        reasons = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
    }

    /** The clients of the run {@code parts} that {@code policy} (the run's bare policy) will never train. */
    static ClientsThatDoNotFit of(RunParts parts, CentralizedPolicy policy) {
        RunSettings s = parts.settings();
        TreeMap<Integer, String> reasons = new TreeMap<>();
        if (policy instanceof FedPipePolicy fedPipe) {
            for (Map.Entry<Integer, ClientPlan> e : fedPipe.plans().entrySet()) {
                if (!fedPipe.trains(e.getKey())) {
                    reasons.put(e.getKey(), e.getValue() instanceof ClientPlan.Infeasible no ? no.explanation()
                            : "FedPipe's plan for it adapts no matrix within its memory and step time");
                }
            }
            return new ClientsThatDoNotFit(reasons, s.clients().count(), "FedPipe's planner");
        }
        if (s.memoryCheck()) {
            MemoryFit.shortfalls(s, parts.initial(), parts.base()).forEach(f -> reasons.put(f.clientId(), f.describe()));
        }
        return new ClientsThatDoNotFit(reasons, s.clients().count(), "the memory check (lorasim.clients.memory-check)");
    }

    /** {@code policy} without these clients ({@code policy} itself when there are none, or for FedPipe). */
    CentralizedPolicy restrict(CentralizedPolicy policy) {
        return reasons.isEmpty() || policy instanceof FedPipePolicy ? policy
                : new ExcludingPolicy(policy, reasons.keySet());
    }

    /** The events that tell the observer, at time 0: one per client, then the count; none when every client fits. */
    List<RunEvent> events() {
        List<RunEvent> out = new ArrayList<>();
        if (reasons.isEmpty()) {
            return out;
        }
        reasons.forEach((id, why) -> out.add(new RunEvent(0, -1, "client-does-not-fit", "client-" + id, why)));
        String listed = reasons.keySet().stream().limit(LISTED).map(String::valueOf).collect(Collectors.joining(", "))
                + (reasons.size() > LISTED ? ", ..." : "");
        out.add(new RunEvent(0, -1, "clients-do-not-fit", "clients", reasons.size() + " of " + clients
                + " clients do not fit and never train, by " + check + ": " + listed));
        return out;
    }
}
