package org.lorasim.policies.centralized;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A {@link CentralizedPolicy} that never offers some clients to the policy it wraps: they are taken out of the
 * available clients before {@code delegate.configure} samples, so they take no sampling slot, get no
 * instruction and never have an update aggregated (the runtime's memory check: a client whose memory cannot
 * hold what it trains with). Every other call goes to {@code delegate} unchanged, so with no excluded client
 * the wrapped policy behaves exactly as the bare one.
 */
public final class ExcludingPolicy implements CentralizedPolicy {
    private final CentralizedPolicy delegate;
    private final Set<Integer> excluded;

    /** @param excluded client ids never offered to {@code delegate} */
    public ExcludingPolicy(CentralizedPolicy delegate, Set<Integer> excluded) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.excluded = Set.copyOf(Objects.requireNonNull(excluded, "excluded"));
    }

    public CentralizedPolicy delegate() {
        return delegate;
    }

    public Set<Integer> excluded() {
        return excluded;
    }

    @Override
    public RoundPlan configure(int round, GlobalState global, List<ClientInfo> available, RandomGenerator rng) {
        Objects.requireNonNull(available, "available");
        return delegate.configure(round, global, available.stream()
                .filter(c -> !excluded.contains(Objects.requireNonNull(c, "an available client").clientId())).toList(),
                rng);
    }

    @Override
    public GlobalState aggregate(int round, GlobalState global, List<ClientUpdate> results, List<Failure> failures) {
        return delegate.aggregate(round, global, results, failures);
    }

    @Override
    public String toString() {
        return "ExcludingPolicy[" + delegate + ", excluded " + excluded.stream().sorted().toList() + "]";
    }
}
