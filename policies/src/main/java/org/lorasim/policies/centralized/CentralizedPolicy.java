package org.lorasim.policies.centralized;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The seam between a server-based federated algorithm (FedAvg, FedProx, FlexLoRA, HetLoRA, SA-FedLoRA, FedPipe)
 * and the runtime (DESIGN.md, "Policies"). Round {@code t} runs as: {@code configure(t, state_t, ...)}
 * chooses the clients and what each starts from; the runtime trains them; then
 * {@code aggregate(t, state_t, results, failures)} returns {@code state_{t+1}}.
 *
 * <p>Contract shared by every implementation: {@code round == global.round()} for both calls; a client
 * may appear in the results or the failures only if {@code configure} instructed it for that round, and
 * at most once; failed clients are ignored; a round with no update keeps the adapter and the algorithm
 * state and only advances the round number ("empty round"). One policy instance serves one run and is
 * called by one coordinator (it remembers which clients it instructed in each round; not thread-safe).
 */
public interface CentralizedPolicy {

    /**
     * @param rng the round's sampling stream (e.g. {@code streams.stream("sampling", round)})
     * @throws IllegalArgumentException for a round other than {@code global.round()}, duplicate client ids
     *                                  or a client whose ranks the global state cannot serve
     */
    RoundPlan configure(int round, GlobalState global, List<ClientInfo> available, RandomGenerator rng);

    /**
     * @throws IllegalArgumentException for a round other than {@code global.round()}, a round that was not
     *                                  configured, or a client id that was not instructed or appears twice
     */
    GlobalState aggregate(int round, GlobalState global, List<ClientUpdate> results, List<Failure> failures);
}
